import type { Principal } from '../access/principal.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { AccessDeniedError, NotFoundError } from './errors.js';

/*
 * What the medical pages show beside a record they have already read through src/app/medical.ts
 * (whose access check and read audit came first): whose record it is, as the register names them
 * (the printed copy is in their language), and the public keys the log registered for the
 * clinicians who signed its reports; the episodes an examination can belong to; and whether a
 * reference of the procurator's list is a medical referral (its page is the referral's).
 */

export interface MedicalPersonView {
  personId: string;
  name: string;
  birthDate: string;
  /** BCP 47 tags, the person's first language first. */
  languages: string[];
}

/** The person a medical record belongs to; call it only after the record's own read was allowed. */
export async function medicalPerson(store: Store, personId: string): Promise<MedicalPersonView> {
  const row = await store.db
    .selectFrom('people')
    .select(['id', 'family_name', 'given_names', 'patronymic', 'birth_date', 'languages'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`there is no person ${personId}`);
  return {
    personId: row.id,
    name: [row.family_name, row.given_names, row.patronymic ?? ''].filter((part) => part !== '').join(' '),
    birthDate: row.birth_date,
    languages: JSON.parse(row.languages) as string[],
  };
}

/** The key the log registered for each clinician (by account), as its id and when. */
export async function registeredClinicianKeys(
  store: Store,
  accountIds: readonly string[],
): Promise<Map<string, { keyId: string; publicKey: string; registeredAt: string }>> {
  if (accountIds.length === 0) return new Map();
  const rows = await store.db
    .selectFrom('clinician_keys')
    .select(['account_id', 'key_id', 'public_key', 'registered_at'])
    .where('account_id', 'in', [...new Set(accountIds)])
    .execute();
  return new Map(
    rows.map((row) => [
      row.account_id,
      { keyId: row.key_id, publicKey: row.public_key, registeredAt: row.registered_at },
    ]),
  );
}

/** A custody episode or prison stay of the person in the doctor's facilities: where an examination can belong. */
export interface ExaminableEpisode {
  context: 'custody' | 'prison';
  id: string;
  facilityId: string;
  facilityName: string;
  /** Apprehended or admitted. */
  since: string;
  /** Still in custody, or still held. */
  current: boolean;
}

/**
 * The episodes of the person an examination by this clinician can belong to (their facilities
 * only), the current ones first; with the person. Refused (403) when none is in the clinician's
 * facilities: the examination form then has nothing to offer, as the service would refuse it.
 */
export async function examinableEpisodes(
  store: Store,
  principal: Principal | null,
  personId: string,
): Promise<{ person: MedicalPersonView; episodes: ExaminableEpisode[] }> {
  const clinician = requireAccess(principal, 'medical.write');
  const person = await medicalPerson(store, personId);
  const facilities = clinician.facilities.length > 0 ? clinician.facilities : [''];
  const custody = await store.db
    .selectFrom('custody_episodes as e')
    .innerJoin('facilities as f', 'f.id', 'e.facility_id')
    .select(['e.id', 'e.facility_id', 'f.name', 'e.apprehended_at', 'e.status'])
    .where('e.person_id', '=', personId)
    .where('e.facility_id', 'in', facilities)
    .execute();
  const stays = await store.db
    .selectFrom('prison_stays as s')
    .innerJoin('facilities as f', 'f.id', 's.facility_id')
    .select(['s.id', 's.facility_id', 'f.name', 's.admitted_at', 's.status'])
    .where('s.person_id', '=', personId)
    .where('s.facility_id', 'in', facilities)
    .execute();
  const episodes: ExaminableEpisode[] = [
    ...custody.map((row) => ({
      context: 'custody' as const,
      id: row.id,
      facilityId: row.facility_id,
      facilityName: row.name,
      since: row.apprehended_at,
      current: row.status === 'in-custody',
    })),
    ...stays.map((row) => ({
      context: 'prison' as const,
      id: row.id,
      facilityId: row.facility_id,
      facilityName: row.name,
      since: row.admitted_at,
      current: row.status === 'held',
    })),
  ].sort((a, b) => Number(b.current) - Number(a.current) || b.since.localeCompare(a.since));
  if (episodes.length === 0)
    throw new AccessDeniedError(
      403,
      'the person was never held in one of your facilities',
      'kz.medical.system',
    );
  return { person, episodes };
}

/** Whether an allegation's reference is a medical referral's (kz.torture.referral, source `medical`). */
export async function isMedicalReferral(store: Store, reference: string): Promise<boolean> {
  const row = await store.db
    .selectFrom('medical_referrals')
    .select('reference')
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row !== undefined;
}
