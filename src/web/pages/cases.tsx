import type { CaseListRow } from '../../app/cases.js';
import type { AllegationSourceKind } from '../../domain/cases/events.js';
import { CASE_STATUSES, type CaseStatus } from '../../domain/cases/status.js';
import { caseStatusName } from '../case-labels.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn, type ListFilter } from '../components/register-list.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { formatDate } from '../format.js';
import type { Translator } from '../i18n.js';
import { withQuery, type ListState } from '../list-export.js';
import { paths } from '../paths.js';
import { regionName } from '../region-labels.js';

/** The list's filters as the form sends them ('' for any). */
export interface CaseFilters {
  status: CaseStatus | '';
  number: string;
  tag: string;
  openedFrom: string;
  openedTo: string;
}

/** The allegation the procurator came to join into a case, from its page. */
export interface JoinTarget {
  kind: Extract<AllegationSourceKind, 'complaint' | 'medical-referral'>;
  reference: string;
}

export interface CasesPageProps {
  ctx: PageContext;
  cases: readonly CaseListRow[];
  filters: CaseFilters;
  list: ListState;
  /** The procurator: may open a case and join allegations. */
  canOpen: boolean;
  join: JoinTarget | null;
}

/** A case's status as a tag: a word and a colour, never a colour alone. */
export function CaseStatusTag(props: { tr: Translator; status: string }): JSX.Element {
  const tone: Record<string, string> = {
    investigation: 'tag--active',
    'in-court': 'tag--flag',
    decided: 'tag--released',
    discontinued: 'tag--inactive',
  };
  return (
    <strong class={['tag', tone[props.status] ?? 'tag--inactive']} safe>
      {caseStatusName(props.tr, props.status)}
    </strong>
  );
}

/** Where the join form of `caseId` is, with the allegation filled in. */
export function joinHref(caseId: string, join: JoinTarget): string {
  return withQuery(paths.caseStep(caseId, 'allegations'), { kind: join.kind, reference: join.reference });
}

/** The list's columns: the page's cells and the CSV's text (no names of people: numbers and counts). */
export function caseColumns(tr: Translator, join: JoinTarget | null): ListColumn<CaseListRow>[] {
  const columns: ListColumn<CaseListRow>[] = [
    {
      key: 'number',
      header: tr.attr('cases.number'),
      rowHeader: true,
      cell: (row) => (
        <>
          <a href={paths.caseFile(row.id)}>
            <span class="reference" safe>
              {row.number}
            </span>
          </a>
          <br />
          <span class="case-list__article" safe>
            {tr.attr('cases.articleShort', { article: row.article })}
          </span>
          {row.tags.map((tag) => (
            <>
              <br />
              <code class="case-tag" safe>
                {tag}
              </code>
            </>
          ))}
        </>
      ),
      csv: (row) => row.number,
    },
    {
      key: 'article',
      header: tr.attr('cases.article'),
      csvOnly: true,
      cell: () => '',
      csv: (row) => row.article,
    },
    {
      key: 'tags',
      header: tr.attr('cases.tags'),
      csvOnly: true,
      cell: () => '',
      csv: (row) => row.tags.join(' '),
    },
    {
      key: 'opened',
      header: tr.attr('cases.openedOn'),
      cell: (row) => (
        <time datetime={row.openedOn} safe>
          {formatDate(tr.lang, row.openedOn)}
        </time>
      ),
      csv: (row) => formatDate(tr.lang, row.openedOn),
    },
    {
      key: 'body',
      header: tr.attr('cases.investigatingBody'),
      cell: (row) => (
        <>
          <span safe>{row.investigatingBody}</span>
          <br />
          <span class="muted" safe>
            {regionName(tr, row.region)}
          </span>
        </>
      ),
      csv: (row) => row.investigatingBody,
    },
    {
      key: 'region',
      header: tr.attr('cases.region'),
      csvOnly: true,
      cell: () => '',
      csv: (row) => regionName(tr, row.region),
    },
    {
      key: 'status',
      header: tr.attr('cases.status'),
      cell: (row) => <CaseStatusTag tr={tr} status={row.status} />,
      csv: (row) => caseStatusName(tr, row.status),
    },
    {
      key: 'contents',
      header: tr.attr('cases.contents'),
      cell: (row) => (
        <>
          <span safe>
            {row.exOfficio && row.allegations === 0
              ? tr.attr('cases.exOfficio')
              : tr.attr('cases.allegationsCount', { count: row.allegations })}
          </span>
          <br />
          <span safe>{tr.attr('cases.defendantsCount', { count: row.defendants })}</span>
        </>
      ),
    },
    {
      key: 'allegations',
      header: tr.attr('cases.allegations'),
      csvOnly: true,
      cell: () => '',
      csv: (row) => row.allegations,
    },
    {
      key: 'defendants',
      header: tr.attr('cases.defendants'),
      csvOnly: true,
      cell: () => '',
      csv: (row) => row.defendants,
    },
  ];
  if (join === null) return columns;
  return [
    ...columns,
    {
      key: 'join',
      header: tr.attr('cases.join.column'),
      cell: (row) => (
        <a href={joinHref(row.id, join)}>
          {tr.t('cases.join.here')}
          <span class="visually-hidden">
            {' '}
            <span safe>{tr.attr('cases.join.which', { number: row.number })}</span>
          </span>
        </a>
      ),
    },
  ];
}

export function caseFilters(tr: Translator, filters: CaseFilters): ListFilter[] {
  return [
    {
      kind: 'select',
      name: 'status',
      label: tr.attr('cases.status'),
      value: filters.status,
      options: [
        { value: '', label: tr.attr('cases.filter.anyStatus') },
        ...CASE_STATUSES.map((status) => ({ value: status, label: caseStatusName(tr, status) })),
      ],
    },
    { kind: 'text', name: 'number', label: tr.attr('cases.filter.number'), value: filters.number },
    {
      kind: 'text',
      name: 'tag',
      label: tr.attr('cases.filter.tag'),
      value: filters.tag,
      hint: tr.attr('cases.filter.tag.hint'),
    },
    {
      kind: 'date-range',
      name: 'opened',
      label: tr.attr('cases.filter.opened'),
      from: filters.openedFrom,
      to: filters.openedTo,
    },
  ];
}

/**
 * The criminal cases the reader may see (issue 20): the procurator's of their regions, the judge's
 * before the courts of theirs; newest first, filtered by status, number, tag and the days opened.
 * The procurator opens a case from here, and, arriving from an allegation's page, chooses the case
 * to join it into (kz.cases.joined).
 */
export function CasesPage(props: CasesPageProps): JSX.Element {
  const { ctx, join } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('cases.title')}>
      <h1 class="heading-xl">{tr.t('cases.title')}</h1>
      {props.list.printing ? (
        ''
      ) : (
        <>
          <p class="lead">
            {tr.t(props.canOpen ? 'cases.lead.procurator' : 'cases.lead.judge')}{' '}
            <RuleTags rules={['kz.cases.joined']} />
          </p>
          {join !== null ? (
            <div class="notice" role="status">
              <p class="notice__text">
                <span safe>{tr.attr('cases.join.notice', { reference: join.reference })}</span>{' '}
                <a
                  href={withQuery(paths.caseNew, {
                    [join.kind === 'complaint' ? 'complaint' : 'referral']: join.reference,
                  })}
                >
                  {tr.t('cases.join.openInstead')}
                </a>
              </p>
            </div>
          ) : (
            ''
          )}
          {props.canOpen ? (
            <p>
              <a class="button" href={paths.caseNew}>
                {tr.t('cases.open')}
              </a>
            </p>
          ) : (
            ''
          )}
        </>
      )}
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="cases"
          action={paths.cases}
          caption={tr.attr('cases.caption')}
          empty={tr.attr('cases.empty')}
          columns={caseColumns(tr, props.list.printing ? null : join)}
          rows={props.cases}
          {...props.list}
          filters={caseFilters(tr, props.filters)}
        />
      </div>
    </Layout>
  );
}
