import { CheckboxField, MomentField, SelectField, TextAreaField } from '../components/custody-fields.js';
import { ConcernsFields } from '../components/concerns-fields.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { CATEGORY_TEXT, CHANNEL_TEXT, COMPLAINT_CATEGORIES, RECEIVED_CHANNELS } from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { languageName } from '../custody-labels.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { LANGUAGES } from '../i18n.js';
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/** The form's fields, in its order: those of POST /complaints/received, the time as date, time and offset. */
export const RECEIVE_FIELDS = [
  'facilityId',
  'channel',
  'category',
  'concernsOffice',
  'concernsRegion',
  'text',
  'language',
  'complainant',
  'protectionRequested',
  'transferRequested',
  'receivedAt',
  'receivedAt-offset',
] as const;

/** Characters of a complaint's text (src/domain/complaints/inputs.ts MAX_TEXT_CHARACTERS). */
export const TEXT_MAX = 100_000;

export interface ReceiveFormProps {
  ctx: PageContext;
  values: FormValues;
  errors: readonly FieldError[];
  facilities: readonly FacilityChoice[];
  /** The server's time, the latest the date picker offers. */
  now: string;
}

/**
 * A complaint received on paper, from a lawyer, a family member, the ombudsman or a hotline
 * (issue 4 "Other channels"). The page says before anything is typed that the text is sealed to
 * the authority's key the moment the form is sent (src/app/complaints.ts recordReceivedComplaint).
 */
export function ReceiveComplaintPage(props: ReceiveFormProps): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('receive.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('receive.title')}</h1>
      <p class="lead">{tr.t('receive.lead')}</p>
      <div class="notice sealed-notice">
        <p class="notice__text">{tr.t('receive.sealed')}</p>
      </div>
      <form class="form" method="post" action={paths.newComplaint} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <SelectField
          tr={tr}
          id="facilityId"
          label="receive.facility"
          hint="receive.facility.hint"
          choices={props.facilities.map((facility) => ({ value: facility.id, label: facility.name }))}
          value={values.facilityId ?? ''}
          error={errorFor(errors, 'facilityId')}
          placeholder="receive.facility.choose"
        />
        <RadioField
          tr={tr}
          name="channel"
          legend="receive.channel"
          choices={RECEIVED_CHANNELS.map((channel) => ({
            value: channel,
            label: tr.attr(CHANNEL_TEXT[channel]),
          }))}
          value={values.channel ?? ''}
          error={errorFor(errors, 'channel')}
        />
        <RadioField
          tr={tr}
          name="category"
          legend="receive.category"
          hint="receive.category.hint"
          choices={COMPLAINT_CATEGORIES.map((category) => ({
            value: category,
            label: tr.attr(CATEGORY_TEXT[category]),
          }))}
          value={values.category ?? ''}
          error={errorFor(errors, 'category')}
        />
        {/* kz.allegation.conflict: about a procurator's or an investigator's own office, to the investigating judge. */}
        <ConcernsFields tr={tr} prefix="concerns" values={values} errors={errors} optional />
        <TextAreaField
          tr={tr}
          id="text"
          label="receive.text"
          hint="receive.text.hint"
          value={values.text ?? ''}
          error={errorFor(errors, 'text')}
          rows={10}
          maxlength={TEXT_MAX}
        />
        <RadioField
          tr={tr}
          name="language"
          legend="receive.language"
          choices={LANGUAGES.map((lang) => ({ value: lang, label: languageName(tr, lang) }))}
          value={values.language || 'ru'}
          error={errorFor(errors, 'language')}
        />
        <TextField
          tr={tr}
          id="complainant"
          label="receive.complainant"
          hint="receive.complainant.hint"
          value={values.complainant ?? ''}
          error={errorFor(errors, 'complainant')}
          width="medium"
          spellcheck={false}
          maxlength={64}
        />
        <div class="field">
          <fieldset class="fieldset" aria-describedby="requests-hint">
            <legend class="fieldset__legend">{tr.t('receive.requests')}</legend>
            <p class="field__hint" id="requests-hint">
              {tr.t('receive.requests.hint')}
            </p>
            <CheckboxField
              tr={tr}
              id="protectionRequested"
              label="receive.protection"
              checked={values.protectionRequested === 'yes'}
              error={undefined}
            />
            <CheckboxField
              tr={tr}
              id="transferRequested"
              label="receive.transfer"
              checked={values.transferRequested === 'yes'}
              error={undefined}
            />
          </fieldset>
        </div>
        <MomentField
          tr={tr}
          id="receivedAt"
          legend="receive.receivedAt"
          hint="receive.receivedAt.hint"
          value={{ local: values.receivedAt ?? '', offset: values['receivedAt-offset'] ?? '' }}
          error={errorFor(errors, 'receivedAt')}
        />
        <button class="button" type="submit">
          {tr.t('receive.submit')}
        </button>
      </form>
    </Layout>
  );
}

/**
 * After recording (POST-redirect-GET): the reference to give the sender, who has no PIN and no
 * receipt of their own, and that the text was sealed on arrival.
 */
export function ReceivedPage(props: {
  ctx: PageContext;
  reference: string;
  allegation: boolean;
  /** About a procurator's or an investigator's office: it went to the investigating judge (kz.allegation.conflict). */
  judge?: boolean;
}): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('received.title')}>
      <div class="panel" role="status">
        <h1 class="panel__title">{tr.t('received.title')}</h1>
        <div class="panel__body">
          {tr.t('received.reference')}
          <br />
          <strong class="panel__id reference" safe>
            {props.reference}
          </strong>
        </div>
      </div>
      <p class="lead">{tr.t('received.give')}</p>
      <p>{tr.t('received.sealed')}</p>
      {props.judge ? (
        <div class="notice notice--warning">
          <p class="notice__text">{tr.t('received.judge')}</p>
        </div>
      ) : props.allegation ? (
        <div class="notice notice--warning">
          <p class="notice__text">{tr.t('received.procurator')}</p>
        </div>
      ) : (
        ''
      )}
      <p>
        <a class="button" href={paths.newComplaint}>
          {tr.t('received.another')}
        </a>{' '}
        <a class="button button--secondary" href={paths.complaints}>
          {tr.t('received.inbox')}
        </a>
      </p>
    </Layout>
  );
}
