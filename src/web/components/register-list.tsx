import type { PageContext } from '../context.js';

/**
 * The one list of Habeas's pages (issue 18, "One list component"): desks, rolls, inboxes, findings,
 * and the lists to come (medical, cases, incidents, statistics) all show their rows through it.
 *
 * - Filters in a GET form (selects, text, a date range), so a filtered list has an address to keep
 *   and works without JavaScript.
 * - The total count beside what the page shows, and keyset paging ("next page" carries a cursor).
 * - A CSV download and a print view of the same rows and filters (the route answers them with
 *   `?format=csv` and `?print=1`, see src/web/list-export.ts).
 * - Responsive without sideways scrolling: on a phone each row is a card whose cells carry their
 *   column's name (`data-label`, shown by the stylesheet), so a Russian header never widens the page.
 */

export interface ListColumn<Row> {
  /** A stable name: the CSV header, and the cell's class. */
  key: string;
  /** The column's header, already in the page's language. */
  header: string;
  /** The cell as the page shows it. */
  cell: (row: Row) => JSX.Element | string;
  /** The cell in the CSV download; the column is left out of the CSV when absent. */
  csv?: (row: Row) => string | number | null;
  /** The row's own header (a name, a reference): `<th scope="row">`. At most one. */
  rowHeader?: boolean;
  /** Numbers: aligned at the end. */
  numeric?: boolean;
  /**
   * Only in the CSV download: a fact the table shows within another column's cell (a rule's code
   * under its name, a tag beside the regime), so that the CSV has a column of its own for it.
   */
  csvOnly?: boolean;
}

export type ListFilter =
  | {
      kind: 'select';
      name: string;
      label: string;
      value: string;
      options: readonly { value: string; label: string }[];
    }
  | { kind: 'text'; name: string; label: string; value: string; hint?: string }
  | {
      kind: 'date-range';
      /** The two fields are `${name}From` and `${name}To` (calendar dates, YYYY-MM-DD). */
      name: string;
      label: string;
      from: string;
      to: string;
    };

export interface RegisterListProps<Row> {
  ctx: PageContext;
  /** Unique on the page: the caption's and the form's ids derive from it. */
  id: string;
  /** Where the filters are sent (the page itself). */
  action: string;
  /** The caption, already in the page's language. */
  caption: string;
  /** What to say when nothing matches. */
  empty: string;
  columns: readonly ListColumn<Row>[];
  rows: readonly Row[];
  /** How many rows match the filters in all (null when the service does not count). */
  total: number | null;
  filters?: readonly ListFilter[];
  /** The next page's address, or null on the last page. */
  nextPage: string | null;
  /** The CSV download's address (these rows and filters), when the list offers one. */
  csv?: string;
  /** The print view's address, when the list offers one. */
  print?: string;
  /**
   * A list whose filters are posted rather than in its address (a search by name, whose names
   * never sit in an address): the CSV download and the print view are buttons of a form that
   * posts these values again to `action`, with the CSRF token, in place of `csv` and `print`.
   */
  posted?: Readonly<Record<string, string>>;
  /** Printing: no filters, no paging links, every row on the page. */
  printing?: boolean;
  /** The print view or download stopped at its limit: the list says that more rows match. */
  truncated?: boolean;
  /**
   * The rows shown another way than the table (the custody desk's cards with live clocks); the
   * columns still make the CSV download, and printing shows the table.
   */
  body?: (rows: readonly Row[]) => JSX.Element;
  /** A row's class, to mark it beyond its words (the separation view's prolonged runs). */
  rowClass?: (row: Row) => string | undefined;
}

export function RegisterList<Row>(props: RegisterListProps<Row>): JSX.Element {
  const { ctx, id } = props;
  const { tr } = ctx;
  const captionId = `${id}-caption`;
  const shown = props.columns.filter((column) => column.csvOnly !== true);
  return (
    <div class="register-list" id={id}>
      {props.filters && props.filters.length > 0 && !props.printing ? (
        <form class="filters" method="get" action={props.action} aria-labelledby={`${id}-filters`}>
          <h2 class="filters__title" id={`${id}-filters`}>
            {tr.t('list.filters')}
          </h2>
          <div class="filters__fields">
            {props.filters.map((filter) => (
              <FilterField filter={filter} id={id} ctx={ctx} />
            ))}
            <button class="button button--secondary filters__button" type="submit">
              {tr.t('list.apply')}
            </button>
          </div>
        </form>
      ) : (
        ''
      )}
      <p class="register-list__summary" id={`${id}-summary`}>
        {props.total === null
          ? tr.t('list.shown', { count: props.rows.length })
          : tr.t('list.shownOf', { count: props.rows.length, total: props.total })}
        {!props.printing && props.csv !== undefined ? (
          <>
            {' '}
            <a class="register-list__action" href={props.csv} download="">
              {tr.t('list.csv')}
            </a>
          </>
        ) : (
          ''
        )}
        {!props.printing && props.print !== undefined ? (
          <>
            {' '}
            <a class="register-list__action" href={props.print}>
              {tr.t('list.print')}
            </a>
          </>
        ) : (
          ''
        )}
      </p>
      {props.posted !== undefined && !props.printing ? (
        <form class="register-list__export" method="post" action={props.action}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
          {Object.entries(props.posted).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button class="button button--secondary" type="submit" name="format" value="csv">
            {tr.t('list.csv')}
          </button>
          <button class="button button--secondary" type="submit" name="print" value="1">
            {tr.t('list.print')}
          </button>
        </form>
      ) : (
        ''
      )}
      {props.truncated === true ? <p class="register-list__truncated">{tr.t('list.truncated')}</p> : ''}
      {props.rows.length === 0 ? (
        <p class="empty" safe>
          {props.empty}
        </p>
      ) : props.body !== undefined && !props.printing ? (
        props.body(props.rows)
      ) : (
        <div class="table-wrap register-list__wrap" role="region" aria-labelledby={captionId} tabindex="0">
          <table class="table register-list__table">
            <caption class="table__caption" id={captionId} safe>
              {props.caption}
            </caption>
            <thead>
              <tr>
                {shown.map((column) => (
                  <th scope="col" class={column.numeric ? 'register-list__numeric' : ''} safe>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr class={props.rowClass?.(row)}>
                  {shown.map((column) =>
                    column.rowHeader ? (
                      <th scope="row" data-label={column.header} class={`register-list__${column.key}`}>
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td
                        data-label={column.header}
                        class={[
                          `register-list__${column.key}`,
                          column.numeric ? 'register-list__numeric' : '',
                        ]}
                      >
                        {column.cell(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.nextPage !== null && !props.printing ? (
        <p class="register-list__pager">
          <a href={props.nextPage} rel="next">
            {tr.t('list.next')}
          </a>
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

function FilterField(props: { filter: ListFilter; id: string; ctx: PageContext }): JSX.Element {
  const { filter, id } = props;
  const { tr } = props.ctx;
  const field = `${id}-${filter.name}`;
  if (filter.kind === 'select')
    return (
      <div class="field field--inline">
        <label class="field__label" for={field} safe>
          {filter.label}
        </label>
        <select class="select" id={field} name={filter.name}>
          {filter.options.map((option) => (
            <option value={option.value} selected={option.value === filter.value} safe>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    );
  if (filter.kind === 'text')
    return (
      <div class="field field--inline">
        <label class="field__label" for={field} safe>
          {filter.label}
        </label>
        {filter.hint !== undefined ? (
          <p class="field__hint" id={`${field}-hint`} safe>
            {filter.hint}
          </p>
        ) : (
          ''
        )}
        <input
          class="input"
          type="search"
          id={field}
          name={filter.name}
          value={filter.value}
          {...(filter.hint !== undefined ? { 'aria-describedby': `${field}-hint` } : {})}
        />
      </div>
    );
  return (
    <fieldset class="field field--inline register-list__range">
      <legend class="field__label" safe>
        {filter.label}
      </legend>
      <div class="register-list__dates">
        <label class="register-list__date">
          <span class="register-list__date-label">{tr.t('list.from')}</span>
          <input class="input" type="date" name={`${filter.name}From`} value={filter.from} />
        </label>
        <label class="register-list__date">
          <span class="register-list__date-label">{tr.t('list.to')}</span>
          <input class="input" type="date" name={`${filter.name}To`} value={filter.to} />
        </label>
      </div>
    </fieldset>
  );
}
