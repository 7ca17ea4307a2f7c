import type { PersonMatch } from '../../app/person-search.js';
import { CheckboxField, MomentField, TextAreaField } from '../components/custody-fields.js';
import {
  DocumentLookup,
  HeldDocumentFields,
  NO_DOCUMENT_LOOKUP,
  type DocumentLookupState,
} from '../components/identity-document-fields.js';
import { DateInput } from '../components/prison-fields.js';
import { FieldMessage } from '../components/error-summary.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { formatDate } from '../format.js';
import type { Translator } from '../i18n.js';
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/**
 * The fields of the admission form: POST /prison/admissions (src/domain/prison/inputs.ts) with
 * the commitment order's parts, the police custody episode carried over, and a life sentence.
 */
export const ADMISSION_FIELDS = [
  'facilityId',
  'personId',
  'admittedAt',
  'admittedAt-offset',
  'orderReference',
  'orderAuthority',
  'orderIssuedOn',
  'orderGrounds',
  'custodyId',
  'documentKind',
  'documentNumber',
  'lifeSentence',
] as const;

export interface AdmissionFormProps {
  ctx: PageContext;
  values: FormValues;
  errors: readonly FieldError[];
  /** The remand centres and prisons the official admits to; a choice only when there are several. */
  facilities: readonly FacilityChoice[];
  /** The look-up as typed, and its matches (null: no look-up made). */
  lookup: { familyName: string; birthDate: string; matches: readonly PersonMatch[] | null; error: boolean };
  /** The look-up by identity document (issue 17), as typed, and its matches; none made when absent. */
  documentLookup?: DocumentLookupState;
  /** The server's time at rendering: the latest moment of admission. */
  now: string;
}

export const personMatchName = (
  match: Pick<PersonMatch, 'familyName' | 'givenNames' | 'patronymic'>,
): string =>
  [match.familyName, match.givenNames, match.patronymic ?? ''].filter((part) => part !== '').join(' ');

/**
 * Admit a person to a remand centre or prison (prison officer or governor): the register entry of
 * intl.register.minimum. The person is picked from the register by number, or found by family
 * name and date of birth as the commitment order gives them, or by an identity document they
 * carry; someone not yet registered is registered first on the person form. A person registered
 * elsewhere is admitted on the document the officer holds, or on a police custody unit's
 * hand-over, which names its episode (issue 17).
 */
export function AdmissionFormPage(props: AdmissionFormProps): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('admit.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('admit.title')}</h1>
      <p class="lead">{tr.t('admit.lead')}</p>

      <section class="section" aria-labelledby="lookup-title">
        <h2 class="heading-m" id="lookup-title">
          {tr.t('admit.lookup.title')}
        </h2>
        <p>{tr.t('admit.lookup.lead')}</p>
        <Lookup {...props} />
      </section>
      <DocumentLookup
        tr={tr}
        csrfToken={ctx.csrfToken ?? ''}
        action={paths.prisonAdmitDocumentLookup}
        lookup={props.documentLookup ?? NO_DOCUMENT_LOOKUP}
      />

      <h2 class="heading-m">{tr.t('admit.form.title')}</h2>
      <form class="form" method="post" action={paths.prisonAdmit} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        {props.facilities.length > 1 ? (
          <RadioField
            tr={tr}
            name="facilityId"
            legend="admit.facility"
            choices={props.facilities.map((facility) => ({ value: facility.id, label: facility.name }))}
            value={values.facilityId ?? ''}
            error={errorFor(errors, 'facilityId')}
          />
        ) : (
          <p>
            {tr.t('admit.facility.only')} <strong safe>{props.facilities[0]?.name ?? ''}</strong>
          </p>
        )}
        <TextField
          tr={tr}
          id="personId"
          label="admit.personId"
          hint="admit.personId.hint"
          value={values.personId ?? ''}
          error={errorFor(errors, 'personId')}
          width="medium"
          spellcheck={false}
          autocomplete="off"
          maxlength={64}
        />
        <HeldDocumentFields tr={tr} values={values} errors={errors} />
        <p>
          <a href={paths.newPerson}>{tr.t('admit.registerFirst')}</a>
        </p>
        <MomentField
          tr={tr}
          id="admittedAt"
          legend="admit.admittedAt"
          hint="admit.admittedAt.hint"
          value={{ local: values.admittedAt ?? '', offset: values['admittedAt-offset'] ?? '' }}
          error={errorFor(errors, 'admittedAt')}
        />
        <div class="field">
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{tr.t('admit.order')}</legend>
            <p class="field__hint">{tr.t('admit.order.hint')}</p>
            <TextField
              tr={tr}
              id="orderReference"
              label="admit.order.reference"
              hint="admit.order.reference.hint"
              value={values.orderReference ?? ''}
              error={errorFor(errors, 'orderReference')}
              width="medium"
              maxlength={200}
            />
            <TextField
              tr={tr}
              id="orderAuthority"
              label="admit.order.authority"
              hint="admit.order.authority.hint"
              value={values.orderAuthority ?? ''}
              error={errorFor(errors, 'orderAuthority')}
              maxlength={200}
            />
            <DateInput
              tr={tr}
              id="orderIssuedOn"
              label="admit.order.issuedOn"
              value={values.orderIssuedOn ?? ''}
              error={errorFor(errors, 'orderIssuedOn')}
              max={props.now.slice(0, 10)}
            />
            <TextAreaField
              tr={tr}
              id="orderGrounds"
              label="admit.order.grounds"
              hint="admit.order.grounds.hint"
              value={values.orderGrounds ?? ''}
              error={errorFor(errors, 'orderGrounds')}
              maxlength={1000}
            />
          </fieldset>
        </div>
        <TextField
          tr={tr}
          id="custodyId"
          label="admit.custodyId"
          hint="admit.custodyId.hint"
          value={values.custodyId ?? ''}
          error={errorFor(errors, 'custodyId')}
          width="medium"
          spellcheck={false}
          autocomplete="off"
          maxlength={64}
        />
        <CheckboxField
          tr={tr}
          id="lifeSentence"
          label="admit.lifeSentence"
          hint="admit.lifeSentence.hint"
          checked={values.lifeSentence === 'yes'}
          error={errorFor(errors, 'lifeSentence')}
        />
        <button class="button" type="submit">
          {tr.t('admit.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** The look-up: a posted form (family name and date of birth; never in the address) and its matches, each one a link that picks it. */
function Lookup(props: AdmissionFormProps): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  const { lookup } = props;
  const error: FieldError | undefined = lookup.error
    ? { field: 'lookupName', message: 'admit.lookup.invalid' }
    : undefined;
  return (
    <>
      <form class="filters" method="post" action={paths.prisonAdmitLookup} aria-labelledby="lookup-title">
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <div class="filters__fields">
          <div class={['field', 'field--inline', error && 'field--error']}>
            <label class="field__label" for="lookupName">
              {tr.t('admit.lookup.familyName')}
            </label>
            <FieldMessage tr={tr} id="lookupName" error={error} />
            <input
              class="input input--medium"
              id="lookupName"
              name="lookupName"
              type="text"
              value={lookup.familyName}
              autocomplete="off"
              spellcheck="false"
              maxlength={200}
              aria-describedby={error ? 'lookupName-error' : undefined}
            />
          </div>
          <div class="field field--inline">
            <label class="field__label" for="lookupBirthDate">
              {tr.t('admit.lookup.birthDate')}
            </label>
            <input
              class="input input--date"
              id="lookupBirthDate"
              name="lookupBirthDate"
              type="date"
              value={lookup.birthDate}
            />
          </div>
          <button class="button button--secondary filters__button" type="submit">
            {tr.t('admit.lookup.submit')}
          </button>
        </div>
      </form>
      {lookup.matches === null ? (
        ''
      ) : lookup.matches.length === 0 ? (
        <p class="empty" role="status">
          {tr.t('admit.lookup.none')}
        </p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="matches-caption" tabindex="0">
          <table class="table">
            <caption class="table__caption" id="matches-caption">
              {tr.t('admit.lookup.caption', { count: lookup.matches.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('prison.person')}</th>
                <th scope="col">{tr.t('person.birthDate')}</th>
                <th scope="col">{tr.t('admit.lookup.now')}</th>
                <th scope="col">{tr.t('admit.lookup.choose')}</th>
              </tr>
            </thead>
            <tbody>
              {lookup.matches.map((match) => (
                <MatchRow tr={tr} match={match} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function MatchRow(props: { tr: Translator; match: PersonMatch }): JSX.Element {
  const { tr, match } = props;
  const name = personMatchName(match);
  const query = new URLSearchParams({ person: match.id });
  if (match.custody) query.set('custody', match.custody.id);
  return (
    <tr>
      <td>
        <span safe>{name}</span>
        <br />
        <code class="muted" safe>
          {match.id}
        </code>
      </td>
      <td safe>{formatDate(tr.lang, match.birthDate)}</td>
      <td>
        {match.heldStayId !== null ? (
          <a href={paths.prisonStay(match.heldStayId)}>{tr.t('admit.lookup.held')}</a>
        ) : match.custody !== null ? (
          <span safe>{tr.attr('admit.lookup.handedOver', { facility: match.custody.facilityName })}</span>
        ) : (
          tr.t('custody.value.none')
        )}
      </td>
      <td>
        {match.heldStayId === null ? (
          <a href={`${paths.prisonAdmit}?${query.toString()}`}>
            {tr.t('admit.lookup.pick')}
            <span class="visually-hidden" safe>
              {` ${name}`}
            </span>
          </a>
        ) : (
          ''
        )}
      </td>
    </tr>
  );
}
