import { SelectField, TextAreaField } from '../components/custody-fields.js';
import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { DateInput } from '../components/prison-fields.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { paths } from '../paths.js';
import { regionChoices } from '../region-labels.js';

/** The fields of the open-case form, in the page's order (the error summary reads top to bottom). */
export const CASE_NEW_FIELDS = [
  'number',
  'article',
  'openedOn',
  'investigatingBody',
  'region',
  'tags',
  'complaints',
  'referrals',
  'exOfficioBasis',
] as const;

export interface CaseNewPageProps {
  ctx: PageContext;
  values: FormValues;
  errors: readonly FieldError[];
}

/**
 * The procurator opens a criminal case (issue 20): its number in the register of pre-trial
 * investigations, the article, the date, the investigating body and where it is investigated
 * (by default the region of the first allegation's facility), tags for events reported together,
 * and the allegations it is opened on — complaints by their receipt's reference, doctors'
 * referrals by theirs — or, with none, why it is opened ex officio. A refusal is said at its field
 * with the rule's sentence; everything typed stays.
 */
export function CaseNewPage(props: CaseNewPageProps): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  const value = (field: string) => values[field] ?? '';
  return (
    <Layout ctx={ctx} title={tr.attr('caseNew.title')} errors={errors}>
      <p class="caption">
        <a href={paths.cases}>{tr.t('cases.title')}</a>
      </p>
      <h1 class="heading-xl">{tr.t('caseNew.title')}</h1>
      <p class="lead">
        {tr.t('caseNew.lead')} <RuleTags rules={['kz.cases.joined']} />
      </p>
      <form class="form" method="post" action={paths.caseNew} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <TextField
          tr={tr}
          id="number"
          label="caseNew.number"
          hint="caseNew.number.hint"
          value={value('number')}
          error={errorFor(errors, 'number')}
          width="medium"
          spellcheck={false}
          maxlength={32}
          autocomplete="off"
        />
        <TextField
          tr={tr}
          id="article"
          label="caseNew.article"
          hint="caseNew.article.hint"
          value={value('article')}
          error={errorFor(errors, 'article')}
          width="medium"
          maxlength={64}
          autocomplete="off"
        />
        <DateInput
          tr={tr}
          id="openedOn"
          label="caseNew.openedOn"
          hint="caseNew.openedOn.hint"
          value={value('openedOn')}
          error={errorFor(errors, 'openedOn')}
        />
        <TextField
          tr={tr}
          id="investigatingBody"
          label="caseNew.investigatingBody"
          hint="caseNew.investigatingBody.hint"
          value={value('investigatingBody')}
          error={errorFor(errors, 'investigatingBody')}
          maxlength={200}
        />
        <SelectField
          tr={tr}
          id="region"
          label="caseNew.region"
          hint="caseNew.region.hint"
          choices={regionChoices(tr)}
          value={value('region')}
          error={errorFor(errors, 'region')}
          placeholder="caseNew.region.fromAllegation"
        />
        <TextField
          tr={tr}
          id="tags"
          label="caseNew.tags"
          hint="caseNew.tags.hint"
          value={value('tags')}
          error={errorFor(errors, 'tags')}
          spellcheck={false}
          autocomplete="off"
        />
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{tr.t('caseNew.sources')}</legend>
          <p class="field__hint">{tr.t('caseNew.sources.hint')}</p>
          <TextAreaField
            tr={tr}
            id="complaints"
            label="caseNew.complaints"
            hint="caseNew.complaints.hint"
            value={value('complaints')}
            error={errorFor(errors, 'complaints')}
            rows={3}
          />
          <TextAreaField
            tr={tr}
            id="referrals"
            label="caseNew.referrals"
            hint="caseNew.referrals.hint"
            value={value('referrals')}
            error={errorFor(errors, 'referrals')}
            rows={2}
          />
          <TextAreaField
            tr={tr}
            id="exOfficioBasis"
            label="caseNew.exOfficioBasis"
            hint="caseNew.exOfficioBasis.hint"
            value={value('exOfficioBasis')}
            error={errorFor(errors, 'exOfficioBasis')}
            rows={3}
            maxlength={4000}
          />
        </fieldset>
        <button class="button" type="submit">
          {tr.t('caseNew.submit')}
        </button>
      </form>
    </Layout>
  );
}
