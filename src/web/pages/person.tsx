import { can } from '../../access/policy.js';
import type { CustodyHistoryItem, StayHistoryItem } from '../../app/person-record.js';
import type { PersonRecordView } from '../../app/registry.js';
import type { IdentityDocument } from '../../domain/registry/identity-document.js';
import type { PersonChange } from '../../domain/registry/person-fields.js';
import { SEXES } from '../../domain/registry/person.js';
import { ReadAuditLink } from '../components/audit-link.js';
import { documentKindText } from '../components/identity-document-fields.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import { countryName, languageName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { formatDate } from '../format.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';

/*
 * One person's register entry (intl.register.minimum): the details in force, the corrections of
 * them with what each replaced (issue 18 item 2: the registration and every correction stay in
 * the log), and their police custody episodes and prison stays that the reader may open (issue 18
 * item 10). After registering, with the confirmation of the new id.
 */

/** The label of each detail a correction may change. */
export const DETAIL_LABELS: Record<PersonChange['field'], MessageKey> = {
  familyName: 'person.familyName',
  givenNames: 'person.givenNames',
  patronymic: 'person.patronymic.short',
  birthDate: 'person.birthDate',
  sex: 'person.sex',
  citizenship: 'person.citizenship.short',
  languages: 'person.languages.short',
  identityDocuments: 'person.documents',
};

const documentsText = (tr: Translator, documents: readonly IdentityDocument[]): string =>
  documents
    .map((document) =>
      [documentKindText(tr, document.kind), document.number, document.issuedBy ?? '']
        .filter((part) => part !== '')
        .join(' '),
    )
    .join('; ') || tr.attr('custody.value.none');

const sexText = (tr: Translator, sex: string): string =>
  (SEXES as readonly string[]).includes(sex) ? tr.attr(`person.sex.${sex as (typeof SEXES)[number]}`) : sex;

/** A detail's value in the reader's language. */
export function detailText(tr: Translator, change: Pick<PersonChange, 'field'>, value: unknown): string {
  switch (change.field) {
    case 'birthDate':
      return typeof value === 'string' ? formatDate(tr.lang, value) : '';
    case 'sex':
      return typeof value === 'string' ? sexText(tr, value) : '';
    case 'citizenship':
      return typeof value === 'string' ? countryName(tr, value) : tr.attr('person.citizenship.none');
    case 'languages':
      return Array.isArray(value) && value.length > 0
        ? value.map((tag) => languageName(tr, String(tag))).join(', ')
        : tr.attr('person.languages.none');
    case 'identityDocuments':
      return documentsText(tr, Array.isArray(value) ? (value as IdentityDocument[]) : []);
    default:
      return typeof value === 'string' && value !== '' ? value : tr.attr('custody.value.none');
  }
}

export function PersonPage(props: {
  ctx: PageContext;
  person: PersonRecordView;
  registered: boolean;
  /** A correction was just recorded. */
  corrected: boolean;
}): JSX.Element {
  const { ctx, person } = props;
  const { tr } = ctx;
  const fullName = [person.familyName, person.givenNames, person.patronymic ?? '']
    .filter((part) => part !== '')
    .join(' ');
  const rows: { key: MessageKey; value: string; code?: boolean }[] = [
    { key: 'person.id', value: person.id, code: true },
    { key: 'person.birthDate', value: formatDate(tr.lang, person.birthDate) },
    { key: 'person.sex', value: sexText(tr, person.sex) },
    {
      key: 'person.citizenship.short',
      value:
        person.citizenship === null
          ? tr.attr('person.citizenship.none')
          : countryName(tr, person.citizenship),
    },
    {
      key: 'person.languages.short',
      value:
        person.languages.map((tag) => languageName(tr, tag)).join(', ') || tr.attr('person.languages.none'),
    },
    { key: 'person.documents', value: documentsText(tr, person.identityDocuments) },
  ];
  const canCorrect = can(ctx.principal, 'person.correct', {
    facilities: person.facilities.map((link) => link.facilityId),
  });
  return (
    <Layout ctx={ctx} title={props.registered ? tr.attr('person.registered.title') : fullName}>
      {props.registered ? (
        <div class="panel" role="status">
          <h1 class="panel__title">{tr.t('person.registered.title')}</h1>
          <p class="panel__body">
            {tr.t('person.registered.id')}
            <br />
            <strong class="panel__id" safe>
              {person.id}
            </strong>
          </p>
        </div>
      ) : (
        ''
      )}
      {props.corrected ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t('person.corrected.notice')}</p>
        </div>
      ) : (
        ''
      )}
      {props.registered ? (
        <h2 class="heading-l" safe>
          {fullName}
        </h2>
      ) : (
        <h1 class="heading-xl" safe>
          {fullName}
        </h1>
      )}
      <dl class="summary">
        {rows.map((row) => (
          <div class="summary__row">
            <dt class="summary__key">{tr.t(row.key)}</dt>
            <dd class="summary__value">
              {row.code ? <code safe>{row.value}</code> : <span safe>{row.value}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {props.registered ? <p>{tr.t('person.registered.next')}</p> : ''}
      {can(ctx.principal, 'custody.create') || can(ctx.principal, 'prison.admit') || canCorrect ? (
        <p class="record__actions">
          {can(ctx.principal, 'custody.create') ? (
            <a class="button" href={paths.newCustodyFor(person.id)}>
              {tr.t('nav.custody.new')}
            </a>
          ) : (
            ''
          )}
          {can(ctx.principal, 'prison.admit') ? (
            <a class="button" href={paths.prisonAdmitFor(person.id)}>
              {tr.t('nav.prison.admit')}
            </a>
          ) : (
            ''
          )}{' '}
          {canCorrect ? (
            <a class="button button--secondary" href={paths.personCorrection(person.id)}>
              {tr.t('person.correct.link')}
            </a>
          ) : (
            ''
          )}
        </p>
      ) : (
        ''
      )}
      {can(ctx.principal, 'medical.read') ? (
        // Issue 19: a health official found the person: their medical record (its own read, audited).
        <p>
          <a href={paths.medicalRecord(person.id)}>{tr.t('medicalSummary.recordLink')}</a>
        </p>
      ) : (
        ''
      )}
      <ReadAuditLink ctx={ctx} kind="person" record={person.id} />
      <History ctx={ctx} person={person} />
      <Corrections tr={tr} person={person} />
      {can(ctx.principal, 'person.create') ? (
        <p>
          <a href={paths.newPerson}>{tr.t('person.registerAnother')}</a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

function Moment(props: { tr: Translator; at: string | null; none: MessageKey }): JSX.Element {
  if (props.at === null) return <>{props.tr.t(props.none)}</>;
  return (
    <time datetime={props.at} safe>
      {formatMoment(props.tr.lang, props.at)}
    </time>
  );
}

const custodyStatus = (status: string): MessageKey | null =>
  status === 'in-custody' || status === 'released' || status === 'transferred'
    ? `custody.status.${status}`
    : null;
const stayStatus = (status: string): MessageKey | null =>
  status === 'held' || status === 'released' || status === 'died' ? `prison.status.${status}` : null;

/**
 * The person's custody episodes and stays the reader may open (the others are not listed at all),
 * each list whole: its total is its length. No CSV or print view of its own: the record is one
 * person's, read (and recorded) as a whole, and the browser prints the page.
 */
function History(props: { ctx: PageContext; person: PersonRecordView }): JSX.Element {
  const { ctx, person } = props;
  const { tr } = ctx;
  const { custody, stays } = person.history;
  const status = (key: MessageKey | null, raw: string) => (key ? tr.t(key) : <span safe>{raw}</span>);
  const facility = (href: string, name: string) => (
    <a href={href} safe>
      {name}
    </a>
  );
  const custodyColumns: ListColumn<CustodyHistoryItem>[] = [
    {
      key: 'facility',
      header: tr.attr('person.history.facility'),
      rowHeader: true,
      cell: (item) => facility(paths.custodyEpisode(item.id), item.facilityName),
    },
    {
      key: 'from',
      header: tr.attr('person.history.apprehended'),
      cell: (item) => <Moment tr={tr} at={item.apprehendedAt} none="custody.value.none" />,
    },
    {
      key: 'until',
      header: tr.attr('person.history.until'),
      cell: (item) => <Moment tr={tr} at={item.endedAt} none="person.history.ongoing" />,
    },
    {
      key: 'status',
      header: tr.attr('person.history.status'),
      cell: (item) => status(custodyStatus(item.status), item.status),
    },
  ];
  const stayColumns: ListColumn<StayHistoryItem>[] = [
    {
      key: 'facility',
      header: tr.attr('person.history.facility'),
      rowHeader: true,
      cell: (item) => facility(paths.prisonStay(item.id), item.facilityName),
    },
    {
      key: 'from',
      header: tr.attr('person.history.admitted'),
      cell: (item) => <Moment tr={tr} at={item.admittedAt} none="custody.value.none" />,
    },
    {
      key: 'until',
      header: tr.attr('person.history.until'),
      cell: (item) => <Moment tr={tr} at={item.endedAt} none="person.history.ongoing" />,
    },
    {
      key: 'status',
      header: tr.attr('person.history.status'),
      cell: (item) => status(stayStatus(item.status), item.status),
    },
  ];
  return (
    <section class="section" aria-labelledby="history-title">
      <h2 class="heading-l" id="history-title">
        {tr.t('person.history.title')}
      </h2>
      <p class="muted">{tr.t('person.history.lead')}</p>
      {custody.length === 0 && stays.length === 0 ? <p class="empty">{tr.t('person.history.none')}</p> : ''}
      {custody.length > 0 ? (
        <RegisterList
          ctx={ctx}
          id="history-custody"
          action={paths.person(person.id)}
          caption={tr.attr('person.history.custody', { count: custody.length })}
          empty={tr.attr('person.history.none')}
          columns={custodyColumns}
          rows={custody}
          total={custody.length}
          nextPage={null}
        />
      ) : (
        ''
      )}
      {stays.length > 0 ? (
        <RegisterList
          ctx={ctx}
          id="history-stays"
          action={paths.person(person.id)}
          caption={tr.attr('person.history.stays', { count: stays.length })}
          empty={tr.attr('person.history.none')}
          columns={stayColumns}
          rows={stays}
          total={stays.length}
          nextPage={null}
        />
      ) : (
        ''
      )}
    </section>
  );
}

/** The corrections of the details, oldest first: each detail's value before and after, why, who, when. */
function Corrections(props: { tr: Translator; person: PersonRecordView }): JSX.Element {
  const { tr, person } = props;
  return (
    <section class="section" aria-labelledby="corrections-title">
      <h2 class="heading-l" id="corrections-title">
        {tr.t('person.corrections.title')}
      </h2>
      {person.corrections.length === 0 ? (
        <p class="empty">{tr.t('person.corrections.none')}</p>
      ) : (
        <>
          <p class="muted">{tr.t('person.corrections.lead')}</p>
          <ol class="corrections__list">
            {person.corrections.map((correction) => (
              <li class="correction" id={`correction-${correction.seq}`}>
                <dl class="summary">
                  {correction.changes.map((change) => (
                    <div class="summary__row">
                      <dt class="summary__key">{tr.t(DETAIL_LABELS[change.field])}</dt>
                      <dd class="summary__value">
                        <span class="visually-hidden">{tr.t('person.correction.before')}</span>
                        <del class="corrected__old" safe>
                          {detailText(tr, change, change.from)}
                        </del>{' '}
                        <span aria-hidden="true">→</span>{' '}
                        <span class="visually-hidden">{tr.t('person.correction.after')}</span>
                        <ins class="corrected__new" safe>
                          {detailText(tr, change, change.to)}
                        </ins>
                      </dd>
                    </div>
                  ))}
                </dl>
                <p class="correction__reason">
                  {tr.t('person.correction.reason')} <span safe>{correction.reason}</span>
                </p>
                <p class="correction__meta">
                  {tr.t('person.correction.by', {
                    who: correction.actorName ?? correction.actor,
                    when: formatMoment(tr.lang, correction.correctedAt),
                    seq: correction.seq,
                  })}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
