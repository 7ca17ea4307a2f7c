import type { IntegrityReport, RecordedCheck } from '../../app/integrity.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import type { MessageKey, Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';

/** The filters of the history of checks: the days the checks were recorded. */
export interface CheckFilters {
  checkedFrom: string;
  checkedTo: string;
}

/**
 * The columns of the history of checks (issue 18): when, what it found, how much of the log it
 * covered, the log and the tables — the page's cells and the CSV's text in the page's language.
 */
export function checkColumns(tr: Translator): ListColumn<RecordedCheck>[] {
  const logText = (check: RecordedCheck) =>
    check.log === null
      ? tr.attr('integrity.history.log.ok')
      : check.log.seq === null
        ? tr.attr('integrity.check.log.failed')
        : tr.attr('integrity.check.log.failedAt', { seq: check.log.seq });
  const tablesText = (check: RecordedCheck): string[] =>
    check.readModels === null || check.readModels.length === 0
      ? [tr.attr('integrity.history.models.ok')]
      : check.readModels.map((table) => tr.attr('integrity.history.models.table', { ...table }));
  return [
    {
      key: 'at',
      header: tr.attr('integrity.check.at'),
      rowHeader: true,
      cell: (check) => (
        <time datetime={check.at} safe>
          {formatMoment(tr.lang, check.at)}
        </time>
      ),
      csv: (check) => formatMoment(tr.lang, check.at),
    },
    {
      key: 'outcome',
      header: tr.attr('integrity.history.outcome'),
      cell: (check) => (
        <strong class={['tag', check.outcome === 'passed' ? 'tag--active' : 'tag--inactive']}>
          {tr.t(`integrity.history.${check.outcome}`)}
        </strong>
      ),
      csv: (check) => tr.attr(`integrity.history.${check.outcome}`),
    },
    {
      key: 'size',
      header: tr.attr('integrity.check.size'),
      numeric: true,
      cell: (check) => (check.size === null ? '—' : String(check.size)),
      csv: (check) => check.size,
    },
    {
      key: 'log',
      header: tr.attr('integrity.check.log'),
      cell: (check) => <span safe>{logText(check)}</span>,
      csv: logText,
    },
    {
      key: 'models',
      header: tr.attr('integrity.check.models'),
      cell: (check) => (
        <ul class="list">
          {tablesText(check).map((line) => (
            <li safe>{line}</li>
          ))}
        </ul>
      ),
      csv: (check) => tablesText(check).join('; '),
    },
  ];
}

/**
 * The integrity of the log and of the read models (issue 17), for the monitor, the procurator and
 * the administrator: whether the server found its log broken (and stopped), what its last check of
 * the log and the read models found, the witnesses' cosignatures, and rows refused because they were
 * written in the database behind the server. Everything here is data rendered in the reader's
 * language; nothing names a person.
 */
export function IntegrityPage(props: {
  ctx: PageContext;
  report: IntegrityReport;
  /** The newest checkpoint the witness quorum cosigned (or the newest signed), and its size. */
  published: { size: number; cosignatures: number };
  canCheck: boolean;
  started: boolean;
  /** The history of checks recorded in the log, a register list. */
  checks: readonly RecordedCheck[];
  filters: CheckFilters;
  list: ListState;
}): JSX.Element {
  const { ctx, report, list } = props;
  const { tr } = ctx;
  const moment = (iso: string) => (
    <time datetime={iso} safe>
      {formatMoment(tr.lang, iso)}
    </time>
  );
  const last = report.lastCheck;
  return (
    <Layout ctx={ctx} title={tr.attr('integrity.title')}>
      <h1 class="heading-xl">{tr.t('integrity.title')}</h1>
      <p class="lead">{tr.t('integrity.lead')}</p>

      {props.started ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t('integrity.started')}</p>
        </div>
      ) : (
        ''
      )}

      <div
        class={`notice ${report.ok ? 'notice--success' : 'notice--warning'}`}
        role={report.ok ? 'status' : 'alert'}
        id="integrity-status"
      >
        <p class="notice__text">{tr.t(report.ok ? 'integrity.ok' : 'integrity.broken')}</p>
      </div>

      {report.alarm ? (
        <section class="section" aria-labelledby="alarm-title" id="integrity-alarm">
          <h2 class="heading-l" id="alarm-title">
            {tr.t('integrity.alarm.title')}
          </h2>
          <p>
            {tr.t(`integrity.alarm.${report.alarm.kind}` as MessageKey, {
              size: report.alarm.size ?? 0,
              signed: report.alarm.signed ?? 0,
              witness: report.alarm.witness ?? '',
            })}
          </p>
          <p>
            {tr.t('integrity.alarm.since')} {moment(report.alarm.since)}
          </p>
          <p>{tr.t('integrity.alarm.todo')}</p>
        </section>
      ) : (
        ''
      )}

      <section class="section" aria-labelledby="check-title" id="integrity-check">
        <h2 class="heading-l" id="check-title">
          {tr.t('integrity.check.title')}
        </h2>
        {last === null ? (
          <p>{tr.t(report.checking ? 'integrity.check.running' : 'integrity.check.none')}</p>
        ) : (
          <dl class="summary">
            <div class="summary__row">
              <dt class="summary__key">{tr.t('integrity.check.at')}</dt>
              <dd class="summary__value">{moment(last.at)}</dd>
            </div>
            <div class="summary__row">
              <dt class="summary__key">{tr.t('integrity.check.size')}</dt>
              <dd class="summary__value">{String(last.size)}</dd>
            </div>
            <div class="summary__row">
              <dt class="summary__key">{tr.t('integrity.check.log')}</dt>
              <dd class="summary__value" id="integrity-log">
                {last.log.ok
                  ? tr.t('integrity.check.log.ok')
                  : last.log.seq === null
                    ? tr.t('integrity.check.log.failed')
                    : tr.t('integrity.check.log.failedAt', { seq: last.log.seq })}
              </dd>
            </div>
            <div class="summary__row">
              <dt class="summary__key">{tr.t('integrity.check.models')}</dt>
              <dd class="summary__value" id="integrity-models">
                {last.readModels.ok
                  ? tr.t('integrity.check.models.ok', { tables: last.readModels.tables })
                  : tr.t('integrity.check.models.failed', { count: last.readModels.differences.length })}
              </dd>
            </div>
          </dl>
        )}
        {last !== null && !last.readModels.ok ? (
          <div class="table-wrap" role="region" aria-labelledby="differences-caption" tabindex="0">
            <table class="table">
              <caption class="table__caption" id="differences-caption">
                {tr.t('integrity.differences.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tr.t('integrity.differences.table')}</th>
                  <th scope="col">{tr.t('integrity.differences.altered')}</th>
                  <th scope="col">{tr.t('integrity.differences.added')}</th>
                  <th scope="col">{tr.t('integrity.differences.removed')}</th>
                  <th scope="col">{tr.t('integrity.differences.rows')}</th>
                </tr>
              </thead>
              <tbody>
                {last.readModels.differences.map((d) => (
                  <tr>
                    <th scope="row">
                      <code safe>{d.table}</code>
                    </th>
                    <td>{String(d.altered)}</td>
                    <td>{String(d.added)}</td>
                    <td>{String(d.removed)}</td>
                    <td>
                      <ul class="list">
                        {d.rows.map((row) => (
                          <li>
                            {tr.t(`integrity.change.${row.change}`)}{' '}
                            <code safe>{Object.values(row.key).join(' · ')}</code>
                            {row.columns && row.columns.length > 0 ? (
                              <>
                                {' '}
                                (<code safe>{row.columns.join(', ')}</code>)
                              </>
                            ) : (
                              ''
                            )}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          ''
        )}
        {last !== null && !last.readModels.ok ? <p>{tr.t('integrity.differences.todo')}</p> : ''}
        {report.nextCheckAt !== null ? (
          <p>
            {tr.t('integrity.check.next')} {moment(report.nextCheckAt)}
          </p>
        ) : (
          ''
        )}
        {props.canCheck && !list.printing ? (
          <form method="post" action={paths.integrityCheck}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
            <button type="submit" class="button button--secondary">
              {tr.t('integrity.check.now')}
            </button>
          </form>
        ) : (
          ''
        )}
      </section>

      <section class="section" aria-labelledby="witnesses-title" id="integrity-witnesses">
        <h2 class="heading-l" id="witnesses-title">
          {tr.t('integrity.witnesses.title')}
        </h2>
        {report.witnesses.witnesses.length === 0 ? (
          <p>{tr.t('integrity.witnesses.none')}</p>
        ) : (
          <>
            <p>
              {tr.t('integrity.witnesses.published', {
                size: props.published.size,
                cosignatures: props.published.cosignatures,
                quorum: report.witnesses.quorum,
              })}
            </p>
            <div class="table-wrap" role="region" aria-labelledby="witnesses-caption" tabindex="0">
              <table class="table">
                <caption class="table__caption" id="witnesses-caption">
                  {tr.t('integrity.witnesses.caption', { count: report.witnesses.witnesses.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{tr.t('integrity.witnesses.name')}</th>
                    <th scope="col">{tr.t('integrity.witnesses.size')}</th>
                    <th scope="col">{tr.t('integrity.witnesses.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.witnesses.witnesses.map((w) => (
                    <tr>
                      <th scope="row">
                        <code safe>{w.name}</code>
                        <br />
                        <span class="muted" safe>
                          {w.url}
                        </span>
                      </th>
                      <td>{String(w.cosignedSize)}</td>
                      <td>
                        {tr.t(`integrity.witness.${w.state}`)}
                        {w.lastAttemptAt !== undefined ? (
                          <>
                            <br />
                            <span class="muted">{moment(w.lastAttemptAt)}</span>
                          </>
                        ) : (
                          ''
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section class="section" aria-labelledby="history-title" id="integrity-history">
        <h2 class="heading-l" id="history-title">
          {tr.t('integrity.history.title')}
        </h2>
        <p>{tr.t('integrity.history.lead')}</p>
        <div class="whole-words">
          <RegisterList
            ctx={ctx}
            id="checks"
            action={paths.integrity}
            caption={tr.attr('integrity.history.caption')}
            empty={tr.attr(
              props.filters.checkedFrom === '' && props.filters.checkedTo === ''
                ? 'integrity.history.none'
                : 'integrity.history.empty',
            )}
            columns={checkColumns(tr)}
            rows={props.checks}
            {...list}
            filters={[
              {
                kind: 'date-range',
                name: 'checked',
                label: tr.attr('integrity.check.at'),
                from: props.filters.checkedFrom,
                to: props.filters.checkedTo,
              },
            ]}
          />
        </div>
      </section>

      {report.tamperedRows.length > 0 ? (
        <section class="section" aria-labelledby="tampered-title" id="integrity-tampered">
          <h2 class="heading-l" id="tampered-title">
            {tr.t('integrity.tampered.title')}
          </h2>
          <p>{tr.t('integrity.tampered.lead')}</p>
          <ul class="list">
            {report.tamperedRows.map((row) => (
              <li>
                {tr.t(`integrity.tampered.${row.table}` as MessageKey, { count: row.count })}{' '}
                <span class="muted">{moment(row.lastAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
