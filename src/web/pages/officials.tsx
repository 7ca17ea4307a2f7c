import type { OfficialListRow, OfficialView } from '../../app/cases.js';
import { OFFICIAL_AGENCIES } from '../../domain/cases/officials.js';
import { agencyName, defendantStageName } from '../case-labels.js';
import { SelectField, TextAreaField } from '../components/custody-fields.js';
import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';
import { regionChoices, regionName } from '../region-labels.js';

/** The fields of the official's form, in the page's order; `reason` only when changing an entry. */
export const OFFICIAL_FIELDS = [
  'name',
  'position',
  'agency',
  'facilityId',
  'unit',
  'region',
  'reason',
] as const;

type Facilities = readonly { id: string; name: string }[];

const facilityName = (facilities: Facilities, id: string | null): string | null =>
  id === null ? null : (facilities.find((facility) => facility.id === id)?.name ?? id);

/** Where the official serves: the facility of the register, else the unit as written. */
function placeText(
  facilities: Facilities,
  official: { facilityId: string | null; unit: string | null },
): string {
  return [facilityName(facilities, official.facilityId), official.unit]
    .filter((part): part is string => part !== null && part !== '')
    .join(', ');
}

export function officialColumns(tr: Translator, facilities: Facilities): ListColumn<OfficialListRow>[] {
  return [
    {
      key: 'name',
      header: tr.attr('officials.name'),
      rowHeader: true,
      cell: (row) => (
        <a href={paths.official(row.id)} safe>
          {row.name}
        </a>
      ),
      csv: (row) => row.name,
    },
    {
      key: 'position',
      header: tr.attr('officials.position'),
      cell: (row) => <span safe>{row.position}</span>,
      csv: (row) => row.position,
    },
    {
      key: 'agency',
      header: tr.attr('officials.agency'),
      cell: (row) => <span safe>{agencyName(tr, row.agency)}</span>,
      csv: (row) => agencyName(tr, row.agency),
    },
    {
      key: 'place',
      header: tr.attr('officials.place'),
      cell: (row) => <span safe>{placeText(facilities, row) || '—'}</span>,
      csv: (row) => placeText(facilities, row),
    },
    {
      key: 'region',
      header: tr.attr('officials.region'),
      cell: (row) => <span safe>{regionName(tr, row.region)}</span>,
      csv: (row) => regionName(tr, row.region),
    },
  ];
}

export interface OfficialsPageProps {
  ctx: PageContext;
  officials: readonly OfficialListRow[];
  filters: { q: string; region: string };
  facilities: Facilities;
  list: ListState;
  canWrite: boolean;
}

/**
 * The register of officials (issue 20 item 2): police, penitentiary, investigation and procuracy
 * staff that suspects and defendants refer to, so that one official named in several cases is one
 * person. Searched by name and region; the procurator registers a new one.
 */
export function OfficialsPage(props: OfficialsPageProps): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('officials.title')}>
      <h1 class="heading-xl">{tr.t('officials.title')}</h1>
      {props.list.printing ? (
        ''
      ) : (
        <>
          <p class="lead">{tr.t('officials.lead')}</p>
          {props.canWrite ? (
            <p>
              <a class="button" href={paths.officialNew}>
                {tr.t('officials.new')}
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
          id="officials"
          action={paths.officials}
          caption={tr.attr('officials.caption')}
          empty={tr.attr('officials.empty')}
          columns={officialColumns(tr, props.facilities)}
          rows={props.officials}
          {...props.list}
          filters={[
            {
              kind: 'text',
              name: 'q',
              label: tr.attr('officials.search'),
              value: props.filters.q,
              hint: tr.attr('officials.search.hint'),
            },
            {
              kind: 'select',
              name: 'region',
              label: tr.attr('officials.region'),
              value: props.filters.region,
              options: [{ value: '', label: tr.attr('officials.anyRegion') }, ...regionChoices(tr)],
            },
          ]}
        />
      </div>
    </Layout>
  );
}

export interface OfficialPageProps {
  ctx: PageContext;
  official: OfficialView;
  facilities: Facilities;
  canWrite: boolean;
  recorded: 'registered' | 'updated' | null;
}

/**
 * One official of the register: their post as it stands and as it was, and the cases naming them
 * that the reader may see — one person across cases, each with its own suspension clock.
 */
export function OfficialPage(props: OfficialPageProps): JSX.Element {
  const { ctx, official } = props;
  const { tr } = ctx;
  const cases = official.cases ?? [];
  return (
    <Layout ctx={ctx} title={official.name}>
      {props.recorded !== null ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">
            {tr.t(
              props.recorded === 'registered' ? 'official.recorded.registered' : 'official.recorded.updated',
            )}
          </p>
        </div>
      ) : (
        ''
      )}
      <p class="caption">
        <a href={paths.officials}>{tr.t('officials.title')}</a>
      </p>
      <h1 class="heading-xl" safe>
        {official.name}
      </h1>
      <dl class="summary">
        <Row label={tr.attr('officials.position')} value={official.position} />
        <Row label={tr.attr('officials.agency')} value={agencyName(tr, official.agency)} />
        <Row
          label={tr.attr('officials.facility')}
          value={facilityName(props.facilities, official.facilityId) ?? '—'}
        />
        <Row label={tr.attr('officials.unit')} value={official.unit ?? '—'} />
        <Row label={tr.attr('officials.region')} value={regionName(tr, official.region)} />
      </dl>
      {props.canWrite ? (
        <p>
          <a href={paths.officialEdit(official.id)}>{tr.t('official.edit')}</a>
        </p>
      ) : (
        ''
      )}

      <section class="section" aria-labelledby="official-cases-title">
        <h2 class="heading-l" id="official-cases-title">
          {tr.t('official.cases')}
        </h2>
        <p>
          {tr.t('official.cases.lead')} <RuleTags rules={['kz.torture.suspension']} />
        </p>
        {cases.length === 0 ? (
          <p>{tr.t('official.cases.none')}</p>
        ) : (
          <div class="table-wrap" role="region" aria-labelledby="official-cases-caption" tabindex="0">
            <table class="table">
              <caption class="table__caption" id="official-cases-caption">
                {tr.t('official.cases.caption', { count: cases.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tr.t('cases.number')}</th>
                  <th scope="col">{tr.t('official.cases.stage')}</th>
                  <th scope="col">{tr.t('caseFile.identifiedAt')}</th>
                  <th scope="col">{tr.t('official.cases.suspendedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {cases.map((item) => (
                  <tr>
                    <th scope="row">
                      <a href={paths.caseFile(item.caseId)}>
                        <span class="reference" safe>
                          {item.number}
                        </span>
                      </a>
                    </th>
                    <td safe>{defendantStageName(tr, item.stage)}</td>
                    <td>
                      <time datetime={item.identifiedAt} safe>
                        {formatMoment(tr.lang, item.identifiedAt)}
                      </time>
                    </td>
                    <td>
                      {item.suspendedAt !== null ? (
                        <time datetime={item.suspendedAt} safe>
                          {formatMoment(tr.lang, item.suspendedAt)}
                        </time>
                      ) : (
                        tr.t('official.cases.notSuspended')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {official.history.length > 0 ? (
        <section class="section" aria-labelledby="official-history-title">
          <h2 class="heading-l" id="official-history-title">
            {tr.t('official.history')}
          </h2>
          <ul class="list">
            {official.history.map((earlier) => (
              <li>
                <time datetime={earlier.at} safe>
                  {formatMoment(tr.lang, earlier.at)}
                </time>
                {': '}
                <span safe>
                  {[
                    earlier.name,
                    earlier.position,
                    agencyName(tr, earlier.agency),
                    placeText(props.facilities, earlier),
                    regionName(tr, earlier.region),
                  ]
                    .filter((part) => part !== '')
                    .join('; ')}
                </span>
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

function Row(props: { label: string; value: string }): JSX.Element {
  return (
    <div class="summary__row">
      <dt class="summary__key" safe>
        {props.label}
      </dt>
      <dd class="summary__value" safe>
        {props.value}
      </dd>
    </div>
  );
}

export interface OfficialFormPageProps {
  ctx: PageContext;
  /** Null: registering a new official; else changing this one's entry (with a reason). */
  officialId: string | null;
  currentName: string | null;
  values: FormValues;
  errors: readonly FieldError[];
  facilities: Facilities;
}

/** Registering an official, or changing an entry (a new post, a corrected name) with the reason. */
export function OfficialFormPage(props: OfficialFormPageProps): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  const editing = props.officialId !== null;
  const value = (field: string) => values[field] ?? '';
  const title = editing
    ? tr.attr('official.editTitle', { name: props.currentName ?? '' })
    : tr.attr('official.newTitle');
  const action = props.officialId !== null ? paths.officialEdit(props.officialId) : paths.officialNew;
  return (
    <Layout ctx={ctx} title={title} errors={errors}>
      <p class="caption">
        {props.officialId !== null ? (
          <a href={paths.official(props.officialId)} safe>
            {props.currentName ?? ''}
          </a>
        ) : (
          <a href={paths.officials}>{tr.t('officials.title')}</a>
        )}
      </p>
      <h1 class="heading-xl" safe>
        {title}
      </h1>
      <p class="lead">{tr.t(editing ? 'official.editLead' : 'official.newLead')}</p>
      <form class="form" method="post" action={action} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <TextField
          tr={tr}
          id="name"
          label="official.form.name"
          hint="official.form.name.hint"
          value={value('name')}
          error={errorFor(errors, 'name')}
          maxlength={200}
          autocomplete="off"
        />
        <TextField
          tr={tr}
          id="position"
          label="official.form.position"
          hint="official.form.position.hint"
          value={value('position')}
          error={errorFor(errors, 'position')}
          maxlength={200}
        />
        <SelectField
          tr={tr}
          id="agency"
          label="official.form.agency"
          choices={OFFICIAL_AGENCIES.map((agency) => ({ value: agency, label: agencyName(tr, agency) }))}
          value={value('agency')}
          error={errorFor(errors, 'agency')}
          placeholder="official.form.choose"
        />
        <SelectField
          tr={tr}
          id="facilityId"
          label="official.form.facilityId"
          hint="official.form.facilityId.hint"
          choices={props.facilities.map((facility) => ({ value: facility.id, label: facility.name }))}
          value={value('facilityId')}
          error={errorFor(errors, 'facilityId')}
          placeholder="official.form.noFacility"
        />
        <TextField
          tr={tr}
          id="unit"
          label="official.form.unit"
          hint="official.form.unit.hint"
          value={value('unit')}
          error={errorFor(errors, 'unit')}
          maxlength={200}
        />
        <SelectField
          tr={tr}
          id="region"
          label="official.form.region"
          choices={regionChoices(tr)}
          value={value('region')}
          error={errorFor(errors, 'region')}
          placeholder="official.form.choose"
        />
        {editing ? (
          <TextAreaField
            tr={tr}
            id="reason"
            label="official.form.reason"
            hint="official.form.reason.hint"
            value={value('reason')}
            error={errorFor(errors, 'reason')}
            rows={3}
            maxlength={4000}
          />
        ) : (
          ''
        )}
        <button class="button" type="submit">
          {tr.t(editing ? 'official.form.saveChange' : 'official.form.register')}
        </button>
      </form>
    </Layout>
  );
}
