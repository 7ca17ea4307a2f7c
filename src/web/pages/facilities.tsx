import {
  FACILITY_KINDS,
  POPULATIONS,
  type FacilityKind,
  type Population,
} from '../../domain/registry/facility.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { formatMoment } from '../custody-time.js';
import type { ListState } from '../list-export.js';
import type { Translator } from '../i18n.js';
import { paths } from '../paths.js';
import { canonicalRegion, isRegionCode } from '../../domain/registry/regions.js';
import { regionChoices, regionLabel, regionName } from '../region-labels.js';

/** A facility as the pages show it. */
export interface FacilityView {
  id: string;
  name: string;
  kind: string;
  population: string;
  region: string;
  registeredAt: string;
}

/** The official term for a kind of facility (RULES.md "Terms"); an unknown value is shown as it is. */
export function kindLabel(tr: Translator, kind: string): string {
  return (FACILITY_KINDS as readonly string[]).includes(kind)
    ? tr.attr(`facility.kind.${kind as FacilityKind}`)
    : kind;
}

export function populationLabel(tr: Translator, population: string): string {
  return (POPULATIONS as readonly string[]).includes(population)
    ? tr.attr(`facility.population.${population as Population}`)
    : population;
}

/** A region by name, its current code beside it in one piece ("город Алматы (KZ-75)"). */
function RegionText(props: { tr: Translator; code: string }): JSX.Element {
  const current = canonicalRegion(props.code);
  if (!isRegionCode(current)) return <span safe>{props.code}</span>;
  return (
    <>
      <span safe>{regionName(props.tr, current)}</span> (<span class="reference">{current}</span>)
    </>
  );
}

/** The filters of the register of facilities, as the query has them ('' for none). */
export interface FacilityFilters {
  region: string;
  kind: string;
  registeredFrom: string;
  registeredTo: string;
}

/** The columns of the register of facilities: the page's table, its print view (no links) and its CSV. */
export function facilityColumns(tr: Translator, links = true): ListColumn<FacilityView>[] {
  return [
    {
      key: 'name',
      header: tr.attr('facility.name'),
      rowHeader: true,
      cell: (facility) =>
        links ? (
          <a href={paths.facility(facility.id)} safe>
            {facility.name}
          </a>
        ) : (
          <span safe>{facility.name}</span>
        ),
      csv: (facility) => facility.name,
    },
    {
      key: 'kind',
      header: tr.attr('facility.kind'),
      cell: (facility) => <span safe>{kindLabel(tr, facility.kind)}</span>,
      csv: (facility) => kindLabel(tr, facility.kind),
    },
    {
      key: 'population',
      header: tr.attr('facility.population'),
      cell: (facility) => <span safe>{populationLabel(tr, facility.population)}</span>,
      csv: (facility) => populationLabel(tr, facility.population),
    },
    {
      key: 'region',
      header: tr.attr('facility.region'),
      cell: (facility) => <RegionText tr={tr} code={facility.region} />,
      csv: (facility) => regionLabel(tr, facility.region),
    },
    {
      key: 'registered',
      header: tr.attr('facility.registeredAt'),
      cell: (facility) => (
        <time datetime={facility.registeredAt} safe>
          {formatMoment(tr.lang, facility.registeredAt)}
        </time>
      ),
      csv: (facility) => formatMoment(tr.lang, facility.registeredAt),
    },
  ];
}

/**
 * The register of facilities (a register list: filters by region, kind and the day registered,
 * the total, paging, CSV and print); the link to register one is there only when the policy allows it.
 */
export function FacilitiesPage(props: {
  ctx: PageContext;
  facilities: readonly FacilityView[];
  filters: FacilityFilters;
  list: ListState;
  canRegister: boolean;
}) {
  const { ctx, filters, list } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('facilities.title')}>
      <h1 class="heading-xl">{tr.t('facilities.title')}</h1>
      {props.canRegister && !list.printing ? (
        <p>
          <a class="button" href={paths.newFacility}>
            {tr.t('nav.facility.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      <RegisterList
        ctx={ctx}
        id="facilities"
        action={paths.facilities}
        caption={tr.attr('facilities.caption', { count: list.total ?? props.facilities.length })}
        empty={tr.attr('facilities.empty')}
        columns={facilityColumns(tr, !list.printing)}
        rows={props.facilities}
        {...list}
        filters={[
          {
            kind: 'select',
            name: 'region',
            label: tr.attr('facility.region'),
            value: filters.region,
            options: [{ value: '', label: tr.attr('facilities.region.any') }, ...regionChoices(tr)],
          },
          {
            kind: 'select',
            name: 'kind',
            label: tr.attr('facility.kind'),
            value: filters.kind,
            options: [
              { value: '', label: tr.attr('facilities.kind.any') },
              ...FACILITY_KINDS.map((kind) => ({ value: kind, label: tr.attr(`facility.kind.${kind}`) })),
            ],
          },
          {
            kind: 'date-range',
            name: 'registered',
            label: tr.attr('facility.registeredAt'),
            from: filters.registeredFrom,
            to: filters.registeredTo,
          },
        ]}
      />
    </Layout>
  );
}

/** One facility; after registering it, with the confirmation of its new id. */
export function FacilityPage(props: { ctx: PageContext; facility: FacilityView; registered: boolean }) {
  const { ctx, facility } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={props.registered ? tr.attr('facility.registered.title') : facility.name}>
      {props.registered ? (
        <div class="panel" role="status">
          <h1 class="panel__title">{tr.t('facility.registered.title')}</h1>
          <p class="panel__body">
            {tr.t('facility.registered.id')}
            <br />
            <strong class="panel__id" safe>
              {facility.id}
            </strong>
          </p>
        </div>
      ) : (
        ''
      )}
      {props.registered ? (
        <h2 class="heading-l" safe>
          {facility.name}
        </h2>
      ) : (
        <h1 class="heading-xl" safe>
          {facility.name}
        </h1>
      )}
      <dl class="summary">
        <div class="summary__row">
          <dt class="summary__key">{tr.t('facility.id')}</dt>
          <dd class="summary__value">
            <code safe>{facility.id}</code>
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('facility.kind')}</dt>
          <dd class="summary__value" safe>
            {kindLabel(tr, facility.kind)}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('facility.population')}</dt>
          <dd class="summary__value" safe>
            {populationLabel(tr, facility.population)}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('facility.region')}</dt>
          <dd class="summary__value">
            <RegionText tr={tr} code={facility.region} />
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('facility.registeredAt')}</dt>
          <dd class="summary__value">
            <time datetime={facility.registeredAt} safe>
              {formatMoment(tr.lang, facility.registeredAt)}
            </time>
          </dd>
        </div>
      </dl>
      <p>
        <a href={paths.facilities}>{tr.t('facility.backToList')}</a>
      </p>
    </Layout>
  );
}
