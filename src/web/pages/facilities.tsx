import {
  FACILITY_KINDS,
  POPULATIONS,
  type FacilityKind,
  type Population,
} from '../../domain/registry/facility.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { formatTime } from '../format.js';
import type { Translator } from '../i18n.js';
import { paths } from '../paths.js';

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

/** The register of facilities; the link to register one is there only when the policy allows it. */
export function FacilitiesPage(props: {
  ctx: PageContext;
  facilities: readonly FacilityView[];
  canRegister: boolean;
}) {
  const { ctx, facilities } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('facilities.title')}>
      <h1 class="heading-xl">{tr.t('facilities.title')}</h1>
      {props.canRegister ? (
        <p>
          <a class="button" href={paths.newFacility}>
            {tr.t('nav.facility.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      {facilities.length === 0 ? (
        <p>{tr.t('facilities.empty')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="facilities-caption" tabindex="0">
          <table class="table">
            <caption class="table__caption" id="facilities-caption">
              {tr.t('facilities.caption', { count: facilities.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('facility.name')}</th>
                <th scope="col">{tr.t('facility.kind')}</th>
                <th scope="col">{tr.t('facility.population')}</th>
                <th scope="col">{tr.t('facility.region')}</th>
              </tr>
            </thead>
            <tbody>
              {facilities.map((facility) => (
                <tr>
                  <td>
                    <a href={paths.facility(facility.id)} safe>
                      {facility.name}
                    </a>
                  </td>
                  <td safe>{kindLabel(tr, facility.kind)}</td>
                  <td safe>{populationLabel(tr, facility.population)}</td>
                  <td safe>{facility.region}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
          <dd class="summary__value" safe>
            {facility.region}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('facility.registeredAt')}</dt>
          <dd class="summary__value">
            <time datetime={facility.registeredAt} safe>
              {formatTime(tr.lang, facility.registeredAt)}
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
