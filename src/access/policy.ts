import { regionsIntersect } from '../domain/registry/regions.js';
import type { Principal, Role } from './principal.js';

/*
 * The one access policy of Habeas (DESIGN.md "Who uses it"). Deny by default: an action not in
 * this table, or a role not listed for it, is refused. Each grant says how the principal's scope
 * must cover the resource:
 *   any      — the role may act on every resource of the kind
 *   facility — the resource belongs to one of the principal's facilities
 *   region   — the principal is national (no regions) or the resource lies in one of its regions
 *              (whichever spelling of ISO 3166-2:KZ each uses, src/domain/registry/regions.ts)
 * Attribute rules (kz.cctv.women) come after the scope.
 */

export type Grant = 'any' | 'facility' | 'region';

/** Where a resource sits, as far as access is concerned; loaded by the caller from the read models. */
export interface Resource {
  /** Facilities the resource belongs to (a person: the registering facility and those holding them). */
  facilities?: readonly string[];
  /** Regions of those facilities. */
  regions?: readonly string[];
  /** Populations of those facilities (kz.cctv.women). */
  populations?: readonly string[];
}

interface ActionPolicy {
  /** What the action is, for refusals: "may not <description>". */
  description: string;
  /** Anyone, without logging in (the log is public so that anyone can verify it). */
  public?: true;
  grants: Partial<Record<Role, Grant>>;
  /** The RULES.md id a refusal names, where the restriction is a rule. */
  rule?: string;
  /** An attribute check after the scope check; returns why not, or null. */
  attributes?: (principal: Principal, resource: Resource) => string | null;
}

const FACILITY_STAFF = {
  'custody-officer': 'facility',
  'prison-officer': 'facility',
  governor: 'facility',
} as const;

export const POLICY = {
  'health.read': { description: 'check the service', public: true, grants: {} },
  'log.read': { description: 'read the public log', public: true, grants: {} },
  // Entry envelopes (stream ids, types, actors) are handles on people and facts about them (issue 17
  // item 6): the national oversight bodies read them; the public gets checkpoints and proofs only.
  'log.entries': {
    description: 'read the entries of the log',
    grants: { monitor: 'region', procurator: 'region' },
  },
  'facility.create': { description: 'register a facility', grants: { admin: 'any' } },
  // Names and kinds of facilities are not personal data: every staff role may list them.
  'facility.read': {
    description: 'see facilities',
    grants: {
      'custody-officer': 'any',
      'prison-officer': 'any',
      governor: 'any',
      medical: 'any',
      'complaints-officer': 'any',
      procurator: 'any',
      judge: 'any',
      monitor: 'any',
      statistician: 'any',
      admin: 'any',
    },
  },
  'person.create': { description: 'register a person', grants: FACILITY_STAFF },
  // Issue 17 item 5: finding a person by the identity document the officer holds in front of them,
  // for the staff who register arrests and admissions. The answer names people, never where they
  // are; a person outside the officer's scope is reached only this way (src/app/person-reach.ts).
  'person.lookup': { description: 'look a person up by identity document', grants: FACILITY_STAFF },
  // Personal data: staff where the person is or was registered, oversight, courts, health; never
  // the statistician (aggregates only) or the administrator (no case content).
  'person.read': {
    description: 'read a person’s record',
    grants: {
      ...FACILITY_STAFF,
      medical: 'facility',
      monitor: 'region',
      procurator: 'region',
      judge: 'region',
      'complaints-officer': 'any',
    },
  },
  // Issue 18 item 10: finding people by name, birth date or identity document, for whoever reads
  // people's records, each within the scope of that grant (src/app/person-search.ts): a name finds
  // only people the searcher may read; a document finds someone elsewhere only for the staff who
  // may reach them by it (`person.lookup`), and then with nothing but their name, birth date and sex.
  'person.search': {
    description: 'search the register for a person',
    grants: {
      ...FACILITY_STAFF,
      medical: 'facility',
      monitor: 'region',
      procurator: 'region',
      judge: 'region',
      'complaints-officer': 'any',
    },
  },
  // Issue 18 item 2: the staff who register people correct their details, for people within their
  // facilities' reach (registered at, or held by, one of them); the original stays in the log.
  'person.correct': { description: 'correct a person’s details', grants: FACILITY_STAFF },
  // Who looked at a record: the oversight roles (DESIGN.md "Who uses it").
  'audit.read': { description: 'see who read a record', grants: { monitor: 'region', procurator: 'region' } },
  'account.manage': { description: 'manage accounts and tokens', grants: { admin: 'any' } },
  'medical.read': {
    description: 'read medical documentation',
    grants: { medical: 'facility' },
    rule: 'kz.medical.system',
  },
  // Issue 19: health officials write the medical record of people in their facilities' care; no
  // other role writes or reads clinical content (kz.medical.system).
  'medical.write': {
    description: 'record medical examinations and reports',
    grants: { medical: 'facility' },
    rule: 'kz.medical.system',
  },
  // A clinician's own signing key (create, unlock, lock): their own account only.
  'medical.key': { description: 'hold a signing key for medical reports', grants: { medical: 'any' } },
  // What the others' work needs (issue 19 item 1): that an examination took place, when, where, by
  // whom, fit or unfit for a measure — never what was found.
  'medical.summary': {
    description: 'see that medical examinations took place',
    grants: {
      ...FACILITY_STAFF,
      medical: 'facility',
      monitor: 'region',
      procurator: 'region',
    },
  },
  // A report referred to the procurator (kz.torture.referral, source `medical`): the fact, and the
  // report itself only when the person consented or a court ordered it (intl.medical.disclosure).
  'medical.referral': {
    description: 'see medical referrals of torture allegations',
    grants: { procurator: 'region' },
    rule: 'intl.medical.disclosure',
  },
  // Viewing footage (GET /footage/{id}); the procurator investigates what the footage shows.
  'cctv.view': {
    description: 'view camera footage',
    grants: { 'prison-officer': 'facility', governor: 'facility', monitor: 'region', procurator: 'region' },
    rule: 'kz.cctv.women',
    attributes: (principal, resource) =>
      resource.populations?.includes('women') && principal.sex !== 'female'
        ? 'in a women’s facility only female officials view footage'
        : null,
  },
  // Footage references (issue 5 item 3): which camera filmed which place and when, never the images.
  'footage.register': {
    description: 'register a footage reference',
    grants: { 'prison-officer': 'facility', governor: 'facility' },
  },
  // The list shows camera, place and time window, not images, so kz.cctv.women does not apply: a
  // male governor of a women's facility must still manage its retention, and whoever places holds
  // must find what to hold. Viewing a recording is `cctv.view`.
  'footage.list': {
    description: 'list footage references',
    grants: {
      'prison-officer': 'facility',
      governor: 'facility',
      monitor: 'region',
      procurator: 'region',
      'complaints-officer': 'any',
    },
  },
  'footage.delete': { description: 'delete a recording', grants: { governor: 'facility' } },
  // Evidence holds (intl.death.report): the oversight and investigating bodies place and release
  // them; the facility learns only that a recording is held, never what the hold refers to.
  'evidence-hold.place': {
    description: 'place an evidence hold',
    grants: { procurator: 'region', 'complaints-officer': 'any', monitor: 'region' },
  },
  'evidence-hold.read': {
    description: 'see evidence holds',
    grants: { procurator: 'region', 'complaints-officer': 'any', monitor: 'region' },
  },
  'evidence-hold.release': {
    description: 'release an evidence hold',
    grants: { procurator: 'region', 'complaints-officer': 'any', monitor: 'region' },
  },
  // Police custody (issue 3): the unit's officers register and record; oversight and courts read.
  'custody.create': { description: 'register an arrest', grants: { 'custody-officer': 'facility' } },
  'custody.record': {
    description: 'record custody events',
    grants: { 'custody-officer': 'facility', judge: 'region' },
  },
  'custody.read': {
    description: 'read a custody record',
    grants: { 'custody-officer': 'facility', monitor: 'region', procurator: 'region', judge: 'region' },
  },
  'custody.findings': {
    description: 'see findings across facilities',
    grants: { monitor: 'region', procurator: 'region' },
  },
  // Issue 17 item 5: the arrests and admissions that brought a person into a facility's reach by an
  // identity document or a hand-over, for oversight (a fake arrest to read someone shows up here).
  'reach.read': {
    description: 'see arrests and admissions of people registered elsewhere',
    grants: { monitor: 'region', procurator: 'region' },
  },
  // Remand centres and prisons (issue 5): the facility's staff admit and record, the governor
  // decides discipline, medical staff record examinations and read clinical results; oversight reads.
  'prison.admit': {
    description: 'admit a person to a remand centre or prison',
    grants: { 'prison-officer': 'facility', governor: 'facility' },
  },
  'prison.record': {
    description: 'record events of a prison stay',
    grants: { 'prison-officer': 'facility', governor: 'facility', medical: 'facility' },
  },
  'prison.discipline': {
    description: 'decide a disciplinary measure',
    grants: { governor: 'facility' },
    rule: 'kz.discipline.measures',
  },
  'prison.read': {
    description: 'read a prison stay',
    grants: {
      'prison-officer': 'facility',
      governor: 'facility',
      medical: 'facility',
      monitor: 'region',
      procurator: 'region',
    },
  },
  'prison.findings': {
    description: 'see prison findings across facilities',
    grants: { monitor: 'region', procurator: 'region' },
  },
  // The nationwide view of everyone in separation, with the days counted (intl.solitary.prolonged).
  'prison.separation': {
    description: 'see everyone in separation',
    grants: { monitor: 'region', procurator: 'region' },
  },
  // kz.complaint.reprisal: for the complaints authority and the monitor, never the facility.
  'reprisal.read': {
    description: 'see reprisal flags',
    grants: { 'complaints-officer': 'any', monitor: 'region' },
    rule: 'kz.complaint.reprisal',
  },
  // kz.custody.injury-log: the injury entry opens a referral that the facility's medical staff see.
  'referral.read': { description: 'see medical referrals', grants: { medical: 'facility' } },
  // Complaints (issue 4): from the terminal straight to the central authority; no facility role, no
  // administrator, no statistician, no medical staff and no judge lists or reads them
  // (kz.complaint.channel). Torture allegations are the procurator's (kz.torture.referral).
  'complaint.submit': { description: 'submit a complaint', grants: { kiosk: 'facility' } },
  'complaint.media': { description: 'add a recording to a complaint', grants: { kiosk: 'facility' } },
  // The kiosk's roll of names (issue 4 item 2): family name and initials of the people linked to the
  // terminal's own facility whose family name begins with the three letters typed (issue 18 item 11),
  // so that a prisoner can find themself; every listing is read-audited.
  'roll.read': { description: 'list the facility’s roll of names', grants: { kiosk: 'facility' } },
  // Any facility's kiosk: a complainant transferred elsewhere checks with the receipt there, and
  // reads the authority's answer sealed to the key only reference and PIN derive (issue 18 item 6).
  'complaint.status': {
    description: 'check a complaint’s status and read its answers',
    grants: { kiosk: 'any' },
  },
  'complaint.receive': {
    description: 'record a complaint received by another channel',
    grants: { 'complaints-officer': 'any' },
    rule: 'kz.complaint.channel',
  },
  'complaint.list': {
    description: 'list complaints',
    grants: { 'complaints-officer': 'any', procurator: 'region' },
    rule: 'kz.complaint.channel',
  },
  'complaint.open': {
    description: 'open a complaint',
    grants: { 'complaints-officer': 'any', procurator: 'region' },
    rule: 'kz.complaint.channel',
  },
  'complaint.answer': {
    description: 'answer or close a complaint',
    grants: { 'complaints-officer': 'any' },
    rule: 'kz.complaint.channel',
  },
  // Issue 18 item 9: a complaint filed under another category that alleges torture or ill-treatment
  // goes to the procurator; the complaints authority routes it, sealing the procurator's copy. One
  // about a procurator's or an investigator's office goes to the investigating judge instead
  // (kz.allegation.conflict).
  'complaint.route': {
    description: 'route a complaint to the procurator or the investigating judge',
    grants: { 'complaints-officer': 'any' },
    rule: 'kz.torture.referral',
  },
  // Each institution unlocks its own key (issue 18 item 5): the complaints officer the complaints
  // authority's, the procurator the procurator's office's (src/app/sealing-session.ts).
  'sealing.unlock': {
    description: 'unlock a sealing key',
    grants: { 'complaints-officer': 'any', procurator: 'any' },
    rule: 'kz.complaint.channel',
  },
  'allegation.read': {
    description: 'see torture allegations',
    grants: { procurator: 'region' },
    rule: 'kz.torture.referral',
  },
  'allegation.decide': {
    description: 'decide on a torture allegation',
    grants: { procurator: 'region' },
    rule: 'kz.torture.referral',
  },
  // kz.allegation.conflict (seed ¶5): a complaint about a procurator's or an investigator's own
  // office is the investigating judge's — of the complaint's facility's region (src/app/
  // judge-allegations.ts says why) — never the procurator's: no procurator grant here, and the
  // allegation.* grants above never reach it. The judge sees the facts, never the sealed text.
  'allegation.judge-read': {
    description: 'see complaints about procurators and investigators',
    grants: { judge: 'region' },
    rule: 'kz.allegation.conflict',
  },
  'allegation.judge-order': {
    description: 'order the investigation of a complaint about procurators or investigators',
    grants: { judge: 'region' },
    rule: 'kz.allegation.conflict',
  },
  // kz.transfer.protection: the governor of the facility sees the request, never the complaint.
  'protection.read': {
    description: 'see requests for protection or transfer',
    grants: { governor: 'facility' },
    rule: 'kz.transfer.protection',
  },
  'protection.decide': {
    description: 'decide a request for protection or transfer',
    grants: { governor: 'facility' },
    rule: 'kz.transfer.protection',
  },
  // The log's integrity (issue 17): whether it verifies, whether the read models match it, what the
  // witnesses say. No personal data; the oversight bodies and the operator need to know at once.
  'integrity.read': {
    description: 'see the integrity of the log and the read models',
    grants: { monitor: 'any', procurator: 'any', admin: 'any' },
  },
  'integrity.check': {
    description: 'run an integrity check now',
    grants: { monitor: 'any', admin: 'any' },
  },
  // Criminal case files (issue 20 item 7): the procurator of the region keeps them; judges read the
  // cases before the courts of their regions (src/app/cases.ts narrows the judge's scope to the
  // courts' regions); the monitor and the statistician see counts only. No facility role: nothing of
  // a case file reaches the facility where the allegation arose.
  'case.read': { description: 'read criminal case files', grants: { procurator: 'region', judge: 'region' } },
  'case.write': { description: 'keep criminal case files', grants: { procurator: 'region' } },
  'case.statistics': {
    description: 'see statistics of criminal cases',
    grants: { procurator: 'region', monitor: 'region', statistician: 'any', judge: 'region' },
  },
  // The register of officials suspects and defendants refer to: personal data of officials.
  'official.read': {
    description: 'read the register of officials',
    grants: { procurator: 'any', judge: 'any' },
  },
  'official.write': { description: 'keep the register of officials', grants: { procurator: 'any' } },
  'statistics.read': {
    description: 'read statistics',
    grants: { statistician: 'any', monitor: 'any', procurator: 'any', 'complaints-officer': 'any' },
  },
} satisfies Record<string, ActionPolicy>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export type Decision =
  { allowed: true } | { allowed: false; status: 401 | 403; detail: string; rule?: string };

const intersects = (a: readonly string[], b: readonly string[]): boolean =>
  a.some((item) => b.includes(item));

function inScope(grant: Grant, principal: Principal, resource: Resource): boolean {
  switch (grant) {
    case 'any':
      return true;
    case 'facility':
      return intersects(principal.facilities, resource.facilities ?? []);
    case 'region':
      // Codes compare as the regions they name: KZ-75 and the legacy KZ-ALA are one city.
      return principal.regions.length === 0 || regionsIntersect(principal.regions, resource.regions ?? []);
  }
}

/**
 * May `principal` do `action`, on `resource` if given? Without a resource only the role is
 * checked (to refuse before loading anything); with one, the scope and attributes too.
 */
export function authorize(principal: Principal | null, action: Action, resource?: Resource): Decision {
  const policy: ActionPolicy = POLICY[action];
  if (policy.public) return { allowed: true };
  if (!principal) return { allowed: false, status: 401, detail: `log in to ${policy.description}` };
  const rule = policy.rule ? { rule: policy.rule } : {};
  const grant = policy.grants[principal.role];
  if (!grant)
    return {
      allowed: false,
      status: 403,
      detail: `a ${principal.role} may not ${policy.description}`,
      ...rule,
    };
  if (resource === undefined) return { allowed: true };
  if (!inScope(grant, principal, resource))
    return { allowed: false, status: 403, detail: `this is outside your ${grant} scope`, ...rule };
  const attributeProblem = policy.attributes?.(principal, resource) ?? null;
  if (attributeProblem) return { allowed: false, status: 403, detail: attributeProblem, ...rule };
  return { allowed: true };
}

export const can = (principal: Principal | null, action: Action, resource?: Resource): boolean =>
  authorize(principal, action, resource).allowed;
