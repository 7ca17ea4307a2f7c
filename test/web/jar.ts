/** A minimal cookie jar for app.inject(): keeps name=value pairs from Set-Cookie, drops expired ones. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the Set-Cookie headers of a response. */
  take(response: { headers: Record<string, unknown> }): this {
    const header = response.headers['set-cookie'];
    const lines = Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', raw = ''] = attribute.split('=');
        const lower = key.trim().toLowerCase();
        return (
          (lower === 'max-age' && Number(raw) <= 0) || (lower === 'expires' && Date.parse(raw) < Date.now())
        );
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  /** The Cookie request header. */
  header(): { cookie: string } {
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}

/** The Set-Cookie line for `name`, if the response sets it. */
export function setCookieLine(
  response: { headers: Record<string, unknown> },
  name: string,
): string | undefined {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
  return lines.find((line) => line.startsWith(`${name}=`));
}

/** The value of the hidden `_csrf` field of the first form on a page. */
export function csrfField(html: string): string {
  const match = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!match?.[1]) throw new Error('no _csrf field on the page');
  return match[1];
}

/** An urlencoded form body. */
export function form(fields: Record<string, string | string[]>): {
  payload: string;
  headers: { 'content-type': string };
} {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, item);
  }
  return { payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
