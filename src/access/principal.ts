/** Roles of DESIGN.md "Who uses it". The public (no login) has no role: its principal is null. */
export const ROLES = [
  'custody-officer',
  'prison-officer',
  'governor',
  'medical',
  'complaints-officer',
  'procurator',
  'judge',
  'monitor',
  'statistician',
  'admin',
  'kiosk',
] as const;
export type Role = (typeof ROLES)[number];

export type Sex = 'female' | 'male';

/** Who is acting: a person logged in with a session, or a service account with a bearer token. */
export interface Principal {
  /** Account id (user or service account); the `actor` of every entry it causes. */
  id: string;
  kind: 'user' | 'service';
  /** Login name for people; absent for service accounts. */
  username?: string;
  /** Display name. */
  name: string;
  role: Role;
  /** Facility ids this principal is scoped to (empty for national roles). */
  facilities: string[];
  /**
   * Region codes this principal is scoped to (empty = national): from an account, every spelling
   * of its regions (ISO 3166-2:KZ current and legacy codes, src/domain/registry/regions.ts).
   */
  regions: string[];
  /** The official's sex, where a rule depends on it (kz.cctv.women). */
  sex?: Sex;
}
