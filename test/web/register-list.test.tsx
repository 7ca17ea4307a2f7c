import { describe, expect, test } from 'vitest';
import type { FastifyReply } from 'fastify';
import { InvalidInputError } from '../../src/app/errors.js';
import { RegisterList, type ListColumn } from '../../src/web/components/register-list.js';
import {
  collectAll,
  dateRange,
  dayBounds,
  listMode,
  listRows,
  listState,
  readList,
  sendCsv,
  withQuery,
} from '../../src/web/list-export.js';
import { context } from './custody-fixtures.js';

/**
 * The one register list (issue 18, "One list component"): the rows, their total, filters with a
 * date range, paging, CSV and print; a phone's cards carry each column's name; values are text.
 */

interface Row {
  id: string;
  name: string;
  days: number;
}
const rows: Row[] = [
  { id: 'r1', name: 'Абенов Е.', days: 3 },
  { id: 'r2', name: '<script>alert(1)</script>', days: 17 },
];
const columns: ListColumn<Row>[] = [
  {
    key: 'name',
    header: 'Ф. И. О.',
    cell: (row) => <span safe>{row.name}</span>,
    csv: (row) => row.name,
    rowHeader: true,
  },
  { key: 'days', header: 'Дней', cell: (row) => String(row.days), csv: (row) => row.days, numeric: true },
  { key: 'open', header: 'Запись', cell: (row) => <a href={`/x/${row.id}`}>открыть</a> },
];

const render = async (element: JSX.Element) => String(await element);

describe('RegisterList', () => {
  test('shows the rows with each cell named by its column, the total, filters, paging, CSV and print links', async () => {
    const html = await render(
      <RegisterList
        ctx={context(null, 'ru')}
        id="roll"
        action="/prison"
        caption="Содержащиеся"
        empty="Никого"
        columns={columns}
        rows={rows}
        total={42}
        filters={[
          {
            kind: 'select',
            name: 'regime',
            label: 'Режим',
            value: 'strict',
            options: [
              { value: '', label: 'Любой' },
              { value: 'strict', label: 'Строгий' },
            ],
          },
          { kind: 'date-range', name: 'admitted', label: 'Принят', from: '2026-01-01', to: '2026-02-01' },
        ]}
        nextPage="/prison?cursor=abc"
        csv="/prison?format=csv"
        print="/prison?print=1"
      />,
    );
    expect(html).toContain('Показано: 2 из 42.');
    expect(html).toContain(
      '<th scope="row" data-label="Ф. И. О." class="register-list__name"><span>Абенов Е.</span></th>',
    );
    expect(html).toContain('data-label="Дней"');
    expect(html).toContain('name="admittedFrom" value="2026-01-01"');
    expect(html).toContain('name="admittedTo" value="2026-02-01"');
    expect(html).toMatch(/<option value="strict" selected>Строгий<\/option>/);
    expect(html).toContain('href="/prison?cursor=abc" rel="next"');
    expect(html).toContain('href="/prison?format=csv" download=""');
    expect(html).toContain('href="/prison?print=1"');
    expect(html).not.toContain('<script>alert');
  });

  test('the print view has the rows but neither filters nor links; an empty list says so', async () => {
    const printing = await render(
      <RegisterList
        ctx={context(null, 'kk')}
        id="l"
        action="/l"
        caption="c"
        empty="e"
        columns={columns}
        rows={rows}
        total={null}
        filters={[{ kind: 'text', name: 'q', label: 'q', value: '' }]}
        nextPage="/l?cursor=x"
        csv="/l?format=csv"
        print="/l?print=1"
        printing
      />,
    );
    expect(printing).not.toContain('<form');
    expect(printing).not.toContain('rel="next"');
    expect(printing).not.toContain('format=csv');
    expect(printing).toContain('Абенов Е.');
    const empty = await render(
      <RegisterList
        ctx={context(null, 'en')}
        id="l"
        action="/l"
        caption="c"
        empty="Nobody here."
        columns={columns}
        rows={[]}
        total={0}
        nextPage={null}
      />,
    );
    expect(empty).toContain('Nobody here.');
    expect(empty).not.toContain('<table');
  });
});

describe('list exports', () => {
  test('CSV: UTF-8 with a byte-order mark, the exported columns only, quoted where needed', () => {
    let sent = '';
    const headers: Record<string, string> = {};
    const reply = {
      header(name: string, value: string) {
        headers[name] = value;
        return this;
      },
      type(value: string) {
        headers['content-type'] = value;
        return this;
      },
      send(body: string) {
        sent = body;
        return this;
      },
    } as unknown as FastifyReply;
    sendCsv(reply, 'roll 2026.csv', columns, [...rows, { id: 'r3', name: 'Кто-то, "в кавычках"', days: 0 }]);
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toBe('attachment; filename="roll_2026.csv"');
    expect(sent.startsWith('\uFEFF')).toBe(true);
    expect(sent.slice(1).split('\r\n')).toEqual([
      'Ф. И. О.,Дней',
      'Абенов Е.,3',
      '<script>alert(1)</script>,17',
      '"Кто-то, ""в кавычках""",0',
      '',
    ]);
  });

  test('the date range of a query: dates only, swapped when backwards; modes and links keep the filters', () => {
    expect(dateRange({ atFrom: '2026-03-01', atTo: '2026-01-31' }, 'at')).toEqual({
      from: '2026-01-31',
      to: '2026-03-01',
    });
    expect(dateRange({ atFrom: '2026-13-45', atTo: 'yesterday' }, 'at')).toEqual({ from: '', to: '' });
    expect(listMode({ format: 'csv' })).toEqual({ csv: true, print: false });
    expect(listMode({ print: '1' })).toEqual({ csv: false, print: true });
    expect(withQuery('/l', { a: 'x y', b: '', c: undefined })).toBe('/l?a=x+y');
  });

  test('a day of the range is [00:00, next day 00:00) on the pages’ clock (UTC+05:00), an open end left out', () => {
    expect(dayBounds({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-02-28T19:00:00.000Z',
      to: '2026-03-31T19:00:00.000Z',
    });
    expect(dayBounds({ from: '', to: '2026-12-31' })).toEqual({ to: '2026-12-31T19:00:00.000Z' });
    expect(dayBounds({ from: '', to: '' })).toEqual({});
  });
});

describe('list bodies and whole lists', () => {
  test('a list may show its rows another way (cards), yet its print view is the table', async () => {
    const body = (shown: readonly Row[]) => (
      <ol class="cards">
        {shown.map((row) => (
          <li safe>{row.name}</li>
        ))}
      </ol>
    );
    const props = {
      ctx: context(null, 'ru'),
      id: 'desk',
      action: '/custody',
      caption: 'Задержанные',
      empty: 'Никого',
      columns,
      rows,
      total: 2,
      nextPage: null,
      body,
    };
    const cards = await render(<RegisterList {...props} />);
    expect(cards).toContain('<ol class="cards">');
    expect(cards).not.toContain('<table');
    expect(cards).toContain('&lt;script>alert(1)&lt;/script>');
    const printed = await render(<RegisterList {...props} printing truncated />);
    expect(printed).toContain('<table');
    expect(printed).not.toContain('<ol class="cards">');
    expect(printed).toContain('10 000');
  });

  test('listRows: one page from the cursor for the page, every page for a CSV or print; listState keeps the filters in every link', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = {
      '': { items: [1, 2], next: 'b' },
      b: { items: [3], next: null },
    };
    const asked: [string | undefined, boolean][] = [];
    const fetchPage = async (cursor: string | undefined, whole: boolean) => {
      asked.push([cursor, whole]);
      return pages[cursor ?? ''] ?? { items: [], next: null };
    };
    expect(await listRows({ csv: false, print: false }, 'b', fetchPage)).toEqual({
      rows: [3],
      next: null,
      truncated: false,
    });
    expect(await listRows({ csv: true, print: false }, 'b', fetchPage)).toEqual({
      rows: [1, 2, 3],
      next: null,
      truncated: false,
    });
    expect(asked).toEqual([
      ['b', false],
      [undefined, true],
      ['b', true],
    ]);
    expect(
      listState('/l', { status: 'x', atFrom: '2026-01-01', atTo: '' }, { next: 'c', truncated: false }, 7, {
        print: false,
      }),
    ).toEqual({
      total: 7,
      nextPage: '/l?status=x&atFrom=2026-01-01&cursor=c',
      csv: '/l?status=x&atFrom=2026-01-01&format=csv',
      print: '/l?status=x&atFrom=2026-01-01&print=1',
      printing: false,
      truncated: false,
    });
  });

  test('readList: a cursor that cannot be one, or that the service refuses, is a bad request (null); read whole, the service is told why', async () => {
    const seen: unknown[] = [];
    const fetchPage = async (cursor: string | undefined, whole: unknown) => {
      seen.push(whole);
      if (cursor === 'refused') throw new InvalidInputError([{ field: 'cursor', message: 'no' }]);
      return { items: [cursor ?? 'first'], next: null };
    };
    expect(await readList({ cursor: 'a b' }, fetchPage)).toBeNull();
    expect(await readList({ cursor: 'refused' }, fetchPage)).toBeNull();
    expect(await readList({ cursor: 'abc' }, fetchPage)).toEqual({
      mode: { csv: false, print: false },
      rows: ['abc'],
      next: null,
      truncated: false,
    });
    expect((await readList({ cursor: 'abc', format: 'csv' }, fetchPage))?.rows).toEqual(['first']);
    expect(seen.at(-1)).toEqual({ limit: 200, purpose: 'the list downloaded as CSV' });
  });

  test('collectAll walks the keyset pages to the end, and stops at its limit saying more were left', async () => {
    const all = Array.from({ length: 25 }, (_, index) => index);
    const pages = (size: number) => async (cursor: string | undefined) => {
      const start = cursor === undefined ? 0 : Number(cursor);
      const items = all.slice(start, start + size);
      return { items, nextCursor: start + size < all.length ? String(start + size) : null };
    };
    expect(await collectAll(pages(10))).toEqual({ rows: all, truncated: false });
    expect(await collectAll(pages(10), 25)).toEqual({ rows: all, truncated: false });
    expect(await collectAll(pages(10), 20)).toEqual({ rows: all.slice(0, 20), truncated: true });
    expect(await collectAll(pages(10), 15)).toEqual({ rows: all.slice(0, 15), truncated: true });
    await expect(collectAll(async () => ({ items: [1], nextCursor: 'same' }))).rejects.toThrow(/same cursor/);
  });
});
