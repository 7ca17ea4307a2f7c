import type { Principal } from '../access/principal.js';
import { InvalidInputError } from '../app/errors.js';
import { chosenPerson, searchPeople, type PersonSearchMatch } from '../app/person-search.js';
import type { Store } from '../store/types.js';
import {
  NO_SEARCH,
  SEARCH_FIELDS,
  type ChosenPerson,
  type PersonSearchState,
} from './components/person-search.js';
import { formValues, type FieldError, type FormValues } from './forms.js';
import { heldDocumentFrom } from './identity-documents.js';
import { dateRange, dayBounds } from './list-export.js';

/*
 * The search of the register behind the pages (issue 18 item 10): the posted search through
 * searchPeople (audited, within the searcher's scope), and on the arrest and admission forms the
 * person chosen — a match picked (`pick`), or the only match of a search by document — with the
 * values the form comes back with: the person, the document that reaches them, the hand-over.
 */

/** The field of the search that an issue of the service's schema names. */
function searchField(path: string): 'lookupName' | 'lookupBirthDate' | 'lookupDocumentNumber' {
  if (path.startsWith('birthDate')) return 'lookupBirthDate';
  if (path.startsWith('identityDocument')) return 'lookupDocumentNumber';
  return 'lookupName';
}

/** The posted search run for `principal`, as the page shows it, and the match chosen, if any. */
export async function personSearchFor(
  store: Store,
  principal: Principal,
  body: unknown,
  purpose?: string,
): Promise<{ search: PersonSearchState; picked: ChosenPerson | null }> {
  const fields = formValues(body, SEARCH_FIELDS);
  const registered = dateRange(fields, 'lookupRegistered');
  const name = (fields.lookupName ?? '').trim().slice(0, 200);
  const birthDate = (fields.lookupBirthDate ?? '').trim().slice(0, 10);
  const documentKind = (fields.lookupDocumentKind ?? '').trim().slice(0, 40);
  const documentNumber = (fields.lookupDocumentNumber ?? '').trim().slice(0, 200);
  const typed = {
    name,
    birthDate,
    documentKind,
    documentNumber,
    registeredFrom: registered.from,
    registeredTo: registered.to,
  };
  const document =
    documentKind === '' && documentNumber === '' ? undefined : { kind: documentKind, number: documentNumber };
  if (name === '' && birthDate === '' && document === undefined)
    return {
      search: { ...NO_SEARCH, ...typed, errors: [{ field: 'lookupName', message: 'search.empty' }] },
      picked: null,
    };
  try {
    const result = await searchPeople(
      store,
      principal,
      {
        ...(name !== '' ? { name } : {}),
        ...(birthDate !== '' ? { birthDate } : {}),
        ...(document !== undefined ? { identityDocument: document } : {}),
      },
      purpose,
      { registered: dayBounds(registered) },
    );
    const pick = (fields.pick ?? '').trim();
    // A document names one person: its only match is chosen at once; a name needs a choice.
    const match: PersonSearchMatch | undefined =
      result.matches.find((candidate) => candidate.id === pick) ??
      (document !== undefined && result.matches.length === 1 ? result.matches[0] : undefined);
    return {
      search: { ...typed, matches: result.matches, more: result.more, errors: [] },
      picked: match
        ? { match, document: match.reach === 'document' && document !== undefined ? document : null }
        : null,
    };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const errors: FieldError[] = [];
    for (const issue of error.issues) {
      const field = searchField(issue.field);
      if (errors.some((known) => known.field === field)) continue;
      errors.push({
        field,
        message:
          field === 'lookupBirthDate'
            ? 'search.birthDate.invalid'
            : field === 'lookupDocumentNumber'
              ? 'lookup.document.invalid'
              : name === '' && birthDate === '' && document === undefined
                ? 'search.empty'
                : 'search.name.invalid',
      });
    }
    return { search: { ...NO_SEARCH, ...typed, errors }, picked: null };
  }
}

/** The values an arrest or admission form takes from the person chosen. */
export function chosenValues(chosen: ChosenPerson): FormValues {
  return {
    personId: chosen.match.id,
    ...(chosen.document
      ? { documentKind: chosen.document.kind, documentNumber: chosen.document.number }
      : {}),
    ...(chosen.match.handOver ? { custodyId: chosen.match.handOver.custodyId } : {}),
  };
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The person a form names by its values (a link from their record, or a form sent back with its
 * errors), if the officer reaches them; null for no person, or one out of reach (said nowhere).
 */
export async function chosenFromValues(
  store: Store,
  principal: Principal,
  values: FormValues,
): Promise<ChosenPerson | null> {
  const personId = (values.personId ?? '').trim();
  if (!ID_PATTERN.test(personId)) return null;
  const document = heldDocumentFrom(values);
  const match = await chosenPerson(store, principal, {
    personId,
    ...(document !== undefined ? { identityDocument: document } : {}),
  });
  if (match === null) return null;
  return { match, document: match.reach === 'document' && document ? document : null };
}
