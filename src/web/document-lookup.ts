import type { Principal } from '../access/principal.js';
import { InvalidInputError } from '../app/errors.js';
import { findPeopleByDocument } from '../app/person-search.js';
import type { Store } from '../store/types.js';
import type { DocumentLookupState } from './components/identity-document-fields.js';
import { formValues, type FormValues } from './forms.js';
import { LOOKUP_DOCUMENT_FIELDS } from './identity-documents.js';

/**
 * The look-up by identity document behind the arrest and admission forms (issue 17 item 5): the
 * posted kind and number through findPeopleByDocument (audited, `person.lookup`), and the values
 * the main form comes back with — the document, and the person when one match is chosen (`pick`)
 * or is the only one.
 */
export async function documentLookupFor(
  store: Store,
  principal: Principal,
  body: unknown,
): Promise<{ lookup: DocumentLookupState; values: FormValues }> {
  const fields = formValues(body, LOOKUP_DOCUMENT_FIELDS);
  const kind = (fields.lookupDocumentKind ?? '').trim().slice(0, 40);
  const number = (fields.lookupDocumentNumber ?? '').trim().slice(0, 200);
  const pick = (fields.pick ?? '').trim();
  if (kind === '' && number === '')
    return { lookup: { kind, number, matches: null, error: false }, values: {} };
  try {
    const matches = await findPeopleByDocument(store, principal, { kind, number });
    const chosen =
      matches.find((match) => match.id === pick) ?? (matches.length === 1 ? matches[0] : undefined);
    return {
      lookup: { kind, number, matches, error: false },
      values: chosen ? { personId: chosen.id, documentKind: kind, documentNumber: number } : {},
    };
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return { lookup: { kind, number, matches: null, error: true }, values: {} };
  }
}
