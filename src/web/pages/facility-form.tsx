import { FACILITY_KINDS, POPULATIONS } from '../../domain/registry/facility.js';
import { canonicalRegion } from '../../domain/registry/regions.js';
import { SelectField } from '../components/custody-fields.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { paths } from '../paths.js';
import { regionChoices } from '../region-labels.js';

/** The fields of the facility form: those of POST /facilities (DESIGN.md "Interfaces"). */
export const FACILITY_FIELDS = ['name', 'kind', 'population', 'region'] as const;

/** Register a facility (admin): the same application service as POST /api/v1/facilities. */
export function FacilityFormPage(props: {
  ctx: PageContext;
  values: FormValues;
  errors: readonly FieldError[];
}) {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('facility.new.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('facility.new.title')}</h1>
      <form class="form" method="post" action={paths.newFacility} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <TextField
          tr={tr}
          id="name"
          label="facility.name"
          hint="facility.name.hint"
          value={values.name ?? ''}
          error={errorFor(errors, 'name')}
          maxlength={200}
        />
        <RadioField
          tr={tr}
          name="kind"
          legend="facility.kind"
          choices={FACILITY_KINDS.map((kind) => ({ value: kind, label: tr.attr(`facility.kind.${kind}`) }))}
          value={values.kind ?? ''}
          error={errorFor(errors, 'kind')}
        />
        <RadioField
          tr={tr}
          name="population"
          legend="facility.population"
          hint="facility.population.hint"
          choices={POPULATIONS.map((population) => ({
            value: population,
            label: tr.attr(`facility.population.${population}`),
          }))}
          value={values.population ?? ''}
          error={errorFor(errors, 'population')}
        />
        <SelectField
          tr={tr}
          id="region"
          label="facility.region"
          hint="facility.region.hint"
          choices={regionChoices(tr)}
          value={canonicalRegion(values.region ?? '')}
          error={errorFor(errors, 'region')}
          placeholder="facility.region.choose"
        />
        <button class="button" type="submit">
          {tr.t('facility.submit')}
        </button>
      </form>
    </Layout>
  );
}
