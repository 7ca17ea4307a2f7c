/*
 * Reading a register list's answers in page tests (src/web/components/register-list.tsx): its
 * summary, the rows of its print view's table, its next-page link and a CSV download's lines.
 */

/** The summary's text: "Shown: 50 of 54." */
export const summary = (html: string): string =>
  /<p class="register-list__summary"[^>]*>([^<]*)/.exec(html)?.[1]?.trim() ?? '';

/** How many rows the list's table has (the print view). */
export const tableRows = (html: string): number =>
  (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').split(/<tr[ >]/).length - 1;

/** The next page's address as the page links it ('' on the last page). */
export const nextLink = (html: string): string =>
  (/<a href="([^"]+)" rel="next">/.exec(html)?.[1] ?? '').replaceAll('&amp;', '&');

/** The CSV's lines without its byte-order mark and the last line break. */
export const csvLines = (text: string): string[] =>
  text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n$/, '')
    .split('\r\n');
