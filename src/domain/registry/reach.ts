import type { IdentityDocumentKind } from './identity-document.js';

/*
 * How the officer who registers an arrest or an admission reached the person (issue 17 item 5),
 * recorded in the arrest's or admission's event so that oversight sees every record that brought
 * a person into a new facility's reach (src/app/person-reach.ts decides which applies):
 *
 *   scope     — the person was already within the officer's person.read scope (registered at or
 *               held by one of the officer's facilities)
 *   document  — identified by an identity document the officer held in front of them
 *   hand-over — a police custody episode the sending unit transferred to this facility (admissions)
 */
export const REACHES = ['scope', 'document', 'hand-over'] as const;
export type ReachedBy = (typeof REACHES)[number];

/** The document that identified the person (its number normalised), or null. */
export type ReachDocument = { kind: IdentityDocumentKind; number: string } | null;
