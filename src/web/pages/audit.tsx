import { ROLES, type Role } from '../../access/principal.js';
import { AUDIT_KINDS, type AuditKind, type ReadRecord } from '../../app/audit.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import type { MessageKey, Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';

/*
 * Who read a record, when and why (GET /api/v1/audit; monitor, procurator): the read audit of one
 * person's register entry, custody episode, stay, recording, complaint, a facility's roll as its
 * kiosks list it, or a person's medical record (by the person's id; who read it, never what) —
 * every read of which the log keeps as a `record-read` entry.
 */

/** The audit page's filters, as its GET form sends them (empty: not chosen). */
export interface AuditFilters {
  kind: AuditKind | '';
  record: string;
  readFrom: string;
  readTo: string;
}

/**
 * Purposes Habeas itself states when it reads (src/app/roll.ts, src/app/complaints.ts), in the
 * reader's language; a purpose a person typed is shown as typed.
 */
const STATED_BY_HABEAS: Readonly<Record<string, MessageKey>> = {
  'kiosk roll': 'audit.purpose.kioskRoll',
  'sealing the procurator’s copy': 'audit.purpose.procuratorCopy',
};

function purposeText(tr: Translator, read: ReadRecord): string {
  if (!read.purposeStated) return tr.attr('audit.purpose.duty');
  const key = STATED_BY_HABEAS[read.purpose];
  return key === undefined ? read.purpose : tr.attr(key);
}

const roleText = (tr: Translator, role: string): string =>
  (ROLES as readonly string[]).includes(role) ? tr.attr(`role.${role as Role}`) : role;

/** The reads' columns: the page's cells and the CSV's text, in the page's language. */
export function readColumns(tr: Translator): ListColumn<ReadRecord>[] {
  return [
    {
      key: 'at',
      header: tr.attr('audit.readAt'),
      rowHeader: true,
      cell: (read) => (
        <time datetime={read.at} safe>
          {formatMoment(tr.lang, read.at)}
        </time>
      ),
      csv: (read) => formatMoment(tr.lang, read.at),
    },
    {
      key: 'reader',
      header: tr.attr('audit.reader'),
      cell: (read) => <span safe>{read.actorName ?? read.actorId}</span>,
      csv: (read) => read.actorName ?? read.actorId,
    },
    {
      key: 'role',
      header: tr.attr('audit.role'),
      cell: (read) => <span safe>{roleText(tr, read.actorRole)}</span>,
      csv: (read) => roleText(tr, read.actorRole),
    },
    {
      key: 'purpose',
      header: tr.attr('audit.purpose'),
      cell: (read) =>
        read.purposeStated ? (
          <span safe>{purposeText(tr, read)}</span>
        ) : (
          <em safe>{purposeText(tr, read)}</em>
        ),
      csv: (read) => purposeText(tr, read),
    },
    {
      key: 'seq',
      header: tr.attr('audit.seq'),
      numeric: true,
      cell: (read) => String(read.seq),
      csv: (read) => read.seq,
    },
  ];
}

/**
 * The audit page: the record chosen by its kind and number, and who read it, newest first — or,
 * before a record is chosen (or when there is none such), the form alone with what to do.
 */
export function AuditPage(props: {
  ctx: PageContext;
  filters: AuditFilters;
  reads: readonly ReadRecord[];
  list: ListState | null;
  /** No record is chosen, or there is no such record. */
  problem: 'choose' | 'not-found' | null;
  /** The record's own page, when the reader may open it. */
  recordPage: string | null;
}): JSX.Element {
  const { ctx, filters, list } = props;
  const { tr } = ctx;
  const printing = list?.printing ?? false;
  const subject = filters.kind === '' ? '' : `${tr.attr(`audit.kind.${filters.kind}`)} ${filters.record}`;
  return (
    <Layout ctx={ctx} title={tr.attr('audit.title')}>
      <h1 class="heading-xl">{tr.t('audit.title')}</h1>
      {printing ? (
        <p class="lead" safe>
          {subject}
        </p>
      ) : (
        <p class="lead">{tr.t('audit.lead')}</p>
      )}
      {props.problem === 'not-found' ? (
        <div class="notice notice--warning" role="alert">
          <p class="notice__text">{tr.t('audit.notFound')}</p>
        </div>
      ) : (
        ''
      )}
      {props.recordPage !== null && !printing ? (
        <p>
          <a href={props.recordPage}>{tr.t('audit.openRecord')}</a>
        </p>
      ) : (
        ''
      )}
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="reads"
          action={paths.audit}
          caption={tr.attr('audit.caption', { subject })}
          empty={tr.attr(props.problem === null ? 'audit.empty' : 'audit.choose')}
          columns={readColumns(tr)}
          rows={props.reads}
          {...(list ?? { total: null, nextPage: null })}
          filters={[
            {
              kind: 'select',
              name: 'kind',
              label: tr.attr('audit.kind'),
              value: filters.kind,
              options: [
                { value: '', label: tr.attr('audit.kind.choose') },
                ...AUDIT_KINDS.map((kind) => ({ value: kind, label: tr.attr(`audit.kind.${kind}`) })),
              ],
            },
            {
              kind: 'text',
              name: 'record',
              label: tr.attr('audit.record'),
              hint: tr.attr('audit.record.hint'),
              value: filters.record,
            },
            {
              kind: 'date-range',
              name: 'read',
              label: tr.attr('audit.readAt'),
              from: filters.readFrom,
              to: filters.readTo,
            },
          ]}
        />
      </div>
    </Layout>
  );
}
