import type { PersonSearchMatch } from '../../app/person-search.js';
import { IDENTITY_DOCUMENT_KINDS } from '../../domain/registry/identity-document.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { formatDate } from '../format.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';
import type { PageContext } from '../context.js';
import { FieldMessage } from './error-summary.js';
import { RegisterList, type ListColumn } from './register-list.js';
import { TextField } from './fields.js';
import { HeldDocumentFields, documentKindText } from './identity-document-fields.js';

/*
 * The search of the register on the pages (issue 18 item 10): by name, date of birth and identity
 * document, posted (names and numbers never sit in an address), with its matches — each with how
 * the searcher reaches them. The arrest and admission forms choose a match (a button that posts
 * the search again with `pick`, so the form comes back with the person filled in); the search page
 * opens the record of people in scope. And the person chosen on a form, in place of an id to type.
 */

/** The inputs of the search, as the forms post them. */
export const SEARCH_FIELDS = [
  'lookupName',
  'lookupBirthDate',
  'lookupDocumentKind',
  'lookupDocumentNumber',
  'lookupRegisteredFrom',
  'lookupRegisteredTo',
  'pick',
] as const;

/** The search as typed, its matches (null: none made) and what was wrong with it. */
export interface PersonSearchState {
  name: string;
  birthDate: string;
  documentKind: string;
  documentNumber: string;
  /** The days registered in the register that narrow the search (the search page's), YYYY-MM-DD. */
  registeredFrom: string;
  registeredTo: string;
  matches: readonly PersonSearchMatch[] | null;
  /** More people match than are shown. */
  more: boolean;
  errors: readonly FieldError[];
}

export const NO_SEARCH: PersonSearchState = {
  name: '',
  birthDate: '',
  documentKind: '',
  documentNumber: '',
  registeredFrom: '',
  registeredTo: '',
  matches: null,
  more: false,
  errors: [],
};

export const personName = (
  person: Pick<PersonSearchMatch, 'familyName' | 'givenNames' | 'patronymic'>,
): string =>
  [person.familyName, person.givenNames, person.patronymic ?? ''].filter((part) => part !== '').join(' ');

const sexText = (tr: Translator, sex: string): string =>
  sex === 'female' || sex === 'male' ? tr.attr(`person.sex.${sex}`) : sex;

/** What a match's row says of how the searcher reaches the person, or where they are for the searcher. */
function reachText(tr: Translator, match: PersonSearchMatch): JSX.Element {
  if (match.heldStayId !== null)
    return <a href={paths.prisonStay(match.heldStayId)}>{tr.t('search.reach.held')}</a>;
  if (match.handOver !== null)
    return <span safe>{tr.attr('search.reach.handOver', { facility: match.handOver.facilityName })}</span>;
  if (match.reach === 'document') return <>{tr.t('search.reach.document')}</>;
  return <>{tr.t('search.reach.scope')}</>;
}

export interface PersonSearchProps {
  ctx: PageContext;
  /** Where the search posts. */
  action: string;
  search: PersonSearchState;
  /**
   * On a form: the button that chooses a match (and the matches that may not be chosen: a person
   * held already). Absent on the search page, where a match in scope links to the record.
   */
  choose?: { label: MessageKey; canChoose: (match: PersonSearchMatch) => boolean };
  /** The lead under the heading. */
  lead: MessageKey;
  /** The heading's level: a section of a form page (h2) or the search page's own (h2 too, under its h1). */
  headingId?: string;
  /** The search page's print view: the matches alone, without the form or links. */
  printing?: boolean;
}

export function PersonSearch(props: PersonSearchProps): JSX.Element {
  const { tr } = props.ctx;
  const headingId = props.headingId ?? 'person-search-title';
  return (
    <section class="section" aria-labelledby={headingId}>
      <h2 class="heading-m" id={headingId}>
        {tr.t('search.title')}
      </h2>
      {props.printing ? '' : <SearchForm {...props} headingId={headingId} />}
      <SearchMatches {...props} />
    </section>
  );
}

/** The search's form: name, date of birth, identity document and, on the search page, the days registered. */
function SearchForm(props: PersonSearchProps & { headingId: string }): JSX.Element {
  const { search, headingId } = props;
  const { tr } = props.ctx;
  const kindChoices = IDENTITY_DOCUMENT_KINDS.map((kind) => ({
    value: kind,
    label: documentKindText(tr, kind),
  }));
  const nameError = errorFor(search.errors, 'lookupName');
  const dateError = errorFor(search.errors, 'lookupBirthDate');
  const documentError = errorFor(search.errors, 'lookupDocumentNumber');
  return (
    <>
      <p>{tr.t(props.lead)}</p>
      <form class="filters" method="post" action={props.action} aria-labelledby={headingId} novalidate>
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken ?? ''} />
        <div class="filters__fields">
          <div class={['field', 'field--inline', nameError && 'field--error']}>
            <label class="field__label" for="lookupName">
              {tr.t('search.name')}
            </label>
            <p class="field__hint" id="lookupName-hint">
              {tr.t('search.name.hint')}
            </p>
            <FieldMessage tr={tr} id="lookupName" error={nameError} />
            <input
              class={['input', 'input--medium', nameError && 'input--error']}
              id="lookupName"
              name="lookupName"
              type="text"
              value={search.name}
              autocomplete="off"
              spellcheck="false"
              maxlength={200}
              aria-describedby={nameError ? 'lookupName-hint lookupName-error' : 'lookupName-hint'}
              aria-invalid={nameError ? 'true' : undefined}
            />
          </div>
          <div class={['field', 'field--inline', dateError && 'field--error']}>
            <label class="field__label" for="lookupBirthDate">
              {tr.t('person.birthDate')}
            </label>
            <FieldMessage tr={tr} id="lookupBirthDate" error={dateError} />
            <input
              class={['input', 'input--date', dateError && 'input--error']}
              id="lookupBirthDate"
              name="lookupBirthDate"
              type="date"
              value={search.birthDate}
              min="1900-01-01"
              aria-describedby={dateError ? 'lookupBirthDate-error' : undefined}
              aria-invalid={dateError ? 'true' : undefined}
            />
          </div>
          <div class="field field--inline">
            <label class="field__label" for="lookupDocumentKind">
              {tr.t('document.kind')}
            </label>
            <select class="select" id="lookupDocumentKind" name="lookupDocumentKind">
              <option value="" selected={search.documentKind === ''}>
                {tr.t('search.document.none')}
              </option>
              {kindChoices.map((choice) => (
                <option value={choice.value} selected={choice.value === search.documentKind} safe>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <div class={['field', 'field--inline', documentError && 'field--error']}>
            <label class="field__label" for="lookupDocumentNumber">
              {tr.t('document.number')}
            </label>
            <FieldMessage tr={tr} id="lookupDocumentNumber" error={documentError} />
            <input
              class={['input', 'input--medium', documentError && 'input--error']}
              id="lookupDocumentNumber"
              name="lookupDocumentNumber"
              type="text"
              value={search.documentNumber}
              autocomplete="off"
              spellcheck="false"
              maxlength={60}
              aria-describedby={documentError ? 'lookupDocumentNumber-error' : undefined}
              aria-invalid={documentError ? 'true' : undefined}
            />
          </div>
          {props.choose ? (
            ''
          ) : (
            <fieldset class="field field--inline register-list__range">
              <legend class="field__label">{tr.t('search.registered')}</legend>
              <div class="register-list__dates">
                <label class="register-list__date">
                  <span class="register-list__date-label">{tr.t('list.from')}</span>
                  <input
                    class="input"
                    type="date"
                    name="lookupRegisteredFrom"
                    value={search.registeredFrom}
                  />
                </label>
                <label class="register-list__date">
                  <span class="register-list__date-label">{tr.t('list.to')}</span>
                  <input class="input" type="date" name="lookupRegisteredTo" value={search.registeredTo} />
                </label>
              </div>
            </fieldset>
          )}
          <button class="button button--secondary filters__button" type="submit">
            {tr.t('search.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

/** What a match's row says of how the searcher reaches the person, as text (the CSV's). */
function reachWords(tr: Translator, match: PersonSearchMatch): string {
  if (match.heldStayId !== null) return tr.attr('search.reach.held');
  if (match.handOver !== null)
    return tr.attr('search.reach.handOver', { facility: match.handOver.facilityName });
  return tr.attr(match.reach === 'document' ? 'search.reach.document' : 'search.reach.scope');
}

/**
 * The columns of the matches: the page's cells, and the CSV's text in the page's language — the
 * name, register number, date of birth, sex and reach the page shows, nothing more. The action
 * (choose, open) is the page's alone, and not printed. `exporting`: the CSV's columns.
 */
export function matchColumns(props: PersonSearchProps, exporting = false): ListColumn<PersonSearchMatch>[] {
  const { tr } = props.ctx;
  const columns: ListColumn<PersonSearchMatch>[] = [
    {
      key: 'person',
      header: tr.attr('search.person'),
      rowHeader: true,
      cell: (match) => (
        <>
          <span safe>{personName(match)}</span>
          <br />
          <code class="muted" safe>
            {match.id}
          </code>
        </>
      ),
      csv: personName,
    },
    { key: 'id', header: tr.attr('person.id'), cell: (match) => match.id, csv: (match) => match.id },
    {
      key: 'birth-date',
      header: tr.attr('person.birthDate'),
      cell: (match) => <span safe>{formatDate(tr.lang, match.birthDate)}</span>,
      csv: (match) => formatDate(tr.lang, match.birthDate),
    },
    {
      key: 'sex',
      header: tr.attr('person.sex'),
      cell: (match) => <span safe>{sexText(tr, match.sex)}</span>,
      csv: (match) => sexText(tr, match.sex),
    },
    {
      key: 'reach',
      header: tr.attr('search.reach'),
      cell: (match) => (props.printing ? <span safe>{reachWords(tr, match)}</span> : reachText(tr, match)),
      csv: (match) => reachWords(tr, match),
    },
  ];
  // The register number is under the name on the page; the CSV has it in a column of its own.
  if (exporting) return columns;
  const shown = columns.filter((column) => column.key !== 'id');
  if (props.printing) return shown;
  return [
    ...shown,
    {
      key: 'action',
      header: props.choose ? tr.attr('search.choose') : tr.attr('search.record'),
      cell: (match) => <MatchAction {...props} match={match} />,
    },
  ];
}

function SearchMatches(props: PersonSearchProps): JSX.Element {
  const { search } = props;
  const { tr } = props.ctx;
  if (search.matches === null) return '';
  if (search.matches.length === 0)
    return (
      <p class="empty" role="status">
        {tr.t('search.none')}
      </p>
    );
  return (
    <>
      <RegisterList
        ctx={props.ctx}
        id="person-matches"
        action={props.action}
        caption={tr.attr('search.caption', { count: search.matches.length })}
        empty={tr.attr('search.none')}
        columns={matchColumns(props)}
        rows={search.matches}
        total={null}
        nextPage={null}
        printing={props.printing === true}
        {...(props.choose ? {} : { posted: searchValues(search) })}
      />
      {search.more ? (
        <p class="notice" role="status">
          <span class="notice__text">{tr.t('search.more')}</span>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/** The search as its form posts it, for the CSV download and the print view to post it again. */
function searchValues(search: PersonSearchState): Record<string, string> {
  return {
    lookupName: search.name,
    lookupBirthDate: search.birthDate,
    lookupDocumentKind: search.documentKind,
    lookupDocumentNumber: search.documentNumber,
    lookupRegisteredFrom: search.registeredFrom,
    lookupRegisteredTo: search.registeredTo,
  };
}

/** A match's action: the button that chooses them on a form, or the link to their record. */
function MatchAction(props: PersonSearchProps & { match: PersonSearchMatch }): JSX.Element {
  const { match, search } = props;
  const { tr } = props.ctx;
  const name = personName(match);
  if (props.choose)
    return props.choose.canChoose(match) ? (
      <form method="post" action={props.action}>
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken ?? ''} />
        <input type="hidden" name="lookupName" value={search.name} />
        <input type="hidden" name="lookupBirthDate" value={search.birthDate} />
        <input type="hidden" name="lookupDocumentKind" value={search.documentKind} />
        <input type="hidden" name="lookupDocumentNumber" value={search.documentNumber} />
        <button class="button button--secondary" type="submit" name="pick" value={match.id}>
          {tr.t(props.choose.label)}
          <span class="visually-hidden" safe>
            {` ${name}`}
          </span>
        </button>
      </form>
    ) : (
      <>—</>
    );
  return match.reach === 'scope' ? (
    <a href={paths.person(match.id)}>
      {tr.t('search.open')}
      <span class="visually-hidden" safe>
        {` ${name}`}
      </span>
    </a>
  ) : (
    <>—</>
  );
}

/** The person chosen on an arrest or admission form: who, and how reached (the document carried along). */
export interface ChosenPerson {
  match: PersonSearchMatch;
  /** The identity document that reaches them, when the search was by one. */
  document: { kind: string; number: string } | null;
}

/**
 * The person of an arrest or admission form: the one chosen with the search (their name, date of
 * birth and register number; the id and any document go as hidden inputs), or — until one is
 * chosen — where to find them, and the register number and document to type instead.
 */
export function ChosenPersonFields(props: {
  tr: Translator;
  values: FormValues;
  errors: readonly FieldError[];
  chosen: ChosenPerson | null;
  /** The hint of the register number typed instead. */
  idHint: MessageKey;
}): JSX.Element {
  const { tr, values, errors, chosen } = props;
  const personErrors = ['personId', 'documentKind', 'documentNumber'].some((field) =>
    errorFor(errors, field),
  );
  if (chosen !== null && !personErrors) {
    const { match, document } = chosen;
    return (
      <div class="notice" id="personId" tabindex="-1">
        <input type="hidden" name="personId" value={match.id} />
        {document ? (
          <>
            <input type="hidden" name="documentKind" value={document.kind} />
            <input type="hidden" name="documentNumber" value={document.number} />
          </>
        ) : (
          ''
        )}
        <p class="notice__text">
          {tr.t('search.chosen')} <span safe>{personName(match)}</span>
        </p>
        <dl class="summary">
          <div class="summary__row">
            <dt class="summary__key">{tr.t('person.birthDate')}</dt>
            <dd class="summary__value" safe>
              {formatDate(tr.lang, match.birthDate)}
            </dd>
          </div>
          <div class="summary__row">
            <dt class="summary__key">{tr.t('person.id')}</dt>
            <dd class="summary__value">
              <code safe>{match.id}</code>
            </dd>
          </div>
          {document ? (
            <div class="summary__row">
              <dt class="summary__key">{tr.t('reach.document')}</dt>
              <dd class="summary__value" safe>
                {`${documentKindText(tr, document.kind)} ${document.number}`}
              </dd>
            </div>
          ) : (
            ''
          )}
        </dl>
        <p>
          <a href="#person-search-title">{tr.t('search.chooseAnother')}</a>
        </p>
      </div>
    );
  }
  return (
    <>
      <p>{tr.t('search.findFirst')}</p>
      <details class="details" open={personErrors || (values.personId ?? '') !== ''}>
        <summary class="details__summary">{tr.t('search.byId')}</summary>
        <TextField
          tr={tr}
          id="personId"
          label="search.id"
          hint={props.idHint}
          value={values.personId ?? ''}
          error={errorFor(errors, 'personId')}
          width="medium"
          spellcheck={false}
          autocomplete="off"
          maxlength={64}
        />
        <HeldDocumentFields tr={tr} values={values} errors={errors} />
      </details>
    </>
  );
}
