import { ruleName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import type { Translator } from '../i18n.js';
import type { ListColumn } from './register-list.js';

/*
 * Columns many register lists share (src/web/components/register-list.tsx): a text as the page
 * shows it and the CSV says it, and a moment on the custody unit's clock saying which.
 */

/** A column of plain text: the same words on the page and in the CSV. */
export function textColumn<Row>(
  key: string,
  header: string,
  text: (row: Row) => string,
  options: { rowHeader?: boolean } = {},
): ListColumn<Row> {
  return {
    key,
    header,
    ...(options.rowHeader ? { rowHeader: true } : {}),
    cell: (row) => <span safe>{text(row)}</span>,
    csv: text,
  };
}

/** A column of moments: "3 мая 2026 г. в 15:30 (UTC+05:00)" on the page and in the CSV, never raw UTC. */
export function momentColumn<Row>(
  tr: Translator,
  key: string,
  header: string,
  at: (row: Row) => string,
): ListColumn<Row> {
  return {
    key,
    header,
    cell: (row) => (
      <time datetime={at(row)} safe>
        {formatMoment(tr.lang, at(row))}
      </time>
    ),
    csv: (row) => formatMoment(tr.lang, at(row)),
  };
}

/** A rule's code (`kz.custody.limit`) in a column of its own, beside its name: never inside a sentence. */
export function ruleCodeColumn<Row>(tr: Translator, rule: (row: Row) => string): ListColumn<Row> {
  return {
    key: 'rule-id',
    header: tr.attr('finding.ruleId'),
    cell: (row) => (
      <code class="rule-id" safe>
        {rule(row)}
      </code>
    ),
    csv: rule,
  };
}

/**
 * The record a finding belongs to: "Open" (saying which finding to a screen reader) where the
 * reader may open it on this page, else the record's id as code (the print view, or a reader who
 * may see the finding but not the record); the id in the CSV.
 */
export function findingRecordColumn<Row extends { rule: string; seq: number }>(
  tr: Translator,
  key: string,
  header: string,
  record: (row: Row) => { id: string; href: string },
  canOpen: boolean,
): ListColumn<Row> {
  return {
    key,
    header,
    cell: (row) =>
      canOpen ? (
        <a href={record(row).href}>
          {tr.t('findings.open')}
          <span class="visually-hidden">
            {' '}
            {tr.t('findings.openWhich', { rule: ruleName(tr, row.rule), seq: row.seq })}
          </span>
        </a>
      ) : (
        <code safe>{record(row).id}</code>
      ),
    csv: (row) => record(row).id,
  };
}

/** A medical referral's state as a tag, waiting or examined (custody injuries and prison examinations alike). */
export function referralStatusColumn<Row extends { status: 'open' | 'examined' }>(
  tr: Translator,
): ListColumn<Row> {
  const text = (row: Row) =>
    tr.attr(row.status === 'open' ? 'referrals.status.open' : 'referrals.status.examined');
  return {
    key: 'status',
    header: tr.attr('referrals.status'),
    cell: (row) => (
      <strong class={['tag', row.status === 'open' ? 'tag--breach' : 'tag--released']} safe>
        {text(row)}
      </strong>
    ),
    csv: text,
  };
}
