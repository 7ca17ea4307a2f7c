import { can, type Action } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import type { MessageKey } from './i18n.js';
import { paths } from './paths.js';

/** A link of the main menu, with the sentence the dashboard shows under it. */
export interface NavLink {
  href: string;
  label: MessageKey;
  description: MessageKey;
}

/**
 * The menu as data. Who sees a link is decided by the same access policy as the API
 * (src/access/policy.ts): a link appears exactly when the page behind it would let the reader in.
 */
const MENU: readonly (NavLink & { audience: { action: Action } | 'signed-in' | 'public' })[] = [
  { href: paths.home, label: 'nav.home', description: 'nav.home.description', audience: 'signed-in' },
  // Issue 18 item 10: the search of the register, for whoever reads people's records.
  {
    href: paths.peopleSearch,
    label: 'nav.search',
    description: 'nav.search.description',
    audience: { action: 'person.search' },
  },
  // Issue 19: the doctor's worklist and their own signing key.
  {
    href: paths.medical,
    label: 'nav.medical',
    description: 'nav.medical.description',
    audience: { action: 'medical.write' },
  },
  {
    href: paths.medicalKey,
    label: 'nav.medical.key',
    description: 'nav.medical.key.description',
    audience: { action: 'medical.key' },
  },
  {
    href: paths.custody,
    label: 'nav.custody',
    description: 'nav.custody.description',
    audience: { action: 'custody.read' },
  },
  {
    href: paths.newCustody,
    label: 'nav.custody.new',
    description: 'nav.custody.new.description',
    audience: { action: 'custody.create' },
  },
  {
    href: paths.custodyFindings,
    label: 'nav.custody.findings',
    description: 'nav.custody.findings.description',
    audience: { action: 'custody.findings' },
  },
  {
    href: paths.custodyReferrals,
    label: 'nav.custody.referrals',
    description: 'nav.custody.referrals.description',
    audience: { action: 'referral.read' },
  },
  // The complaint channel (issue 4): the authority's inbox and other channels, the procurator's
  // allegations, the governor's requests for protection or transfer.
  {
    href: paths.complaints,
    label: 'nav.complaints',
    description: 'nav.complaints.description',
    audience: { action: 'complaint.list' },
  },
  {
    href: paths.newComplaint,
    label: 'nav.complaints.new',
    description: 'nav.complaints.new.description',
    audience: { action: 'complaint.receive' },
  },
  {
    href: paths.allegations,
    label: 'nav.allegations',
    description: 'nav.allegations.description',
    audience: { action: 'allegation.read' },
  },
  // kz.allegation.conflict: complaints about procurators and investigators, the investigating judge's.
  {
    href: paths.judgeAllegations,
    label: 'nav.judgeAllegations',
    description: 'nav.judgeAllegations.description',
    audience: { action: 'allegation.judge-read' },
  },
  // Issue 20: criminal case files and the register of officials for the procurator and the judge;
  // the case statistics (counts only) for the monitor and the statistician.
  {
    href: paths.cases,
    label: 'nav.cases',
    description: 'nav.cases.description',
    audience: { action: 'case.read' },
  },
  {
    href: paths.officials,
    label: 'nav.officials',
    description: 'nav.officials.description',
    audience: { action: 'official.read' },
  },
  {
    href: paths.caseStatistics,
    label: 'nav.caseStatistics',
    description: 'nav.caseStatistics.description',
    audience: { action: 'case.statistics' },
  },
  {
    href: paths.protectionRequests,
    label: 'nav.protection',
    description: 'nav.protection.description',
    audience: { action: 'protection.read' },
  },
  // Camera footage (issue 5 item 3): the list for the facility and oversight; viewing is kz.cctv.women's.
  {
    href: paths.footage,
    label: 'nav.footage',
    description: 'nav.footage.description',
    audience: { action: 'footage.list' },
  },
  // Issue 18 item 4: the evidence holds on footage, for the bodies that place and release them.
  {
    href: paths.evidenceHolds,
    label: 'nav.holds',
    description: 'nav.holds.description',
    audience: { action: 'evidence-hold.read' },
  },
  // Remand centres and prisons (issue 5 item 6). Reprisal flags only for the complaints authority
  // and the monitor: the policy gives no facility role `reprisal.read` (kz.complaint.reprisal).
  {
    href: paths.prison,
    label: 'nav.prison',
    description: 'nav.prison.description',
    audience: { action: 'prison.read' },
  },
  {
    href: paths.prisonAdmit,
    label: 'nav.prison.admit',
    description: 'nav.prison.admit.description',
    audience: { action: 'prison.admit' },
  },
  {
    href: paths.prisonSeparation,
    label: 'nav.prison.separation',
    description: 'nav.prison.separation.description',
    audience: { action: 'prison.separation' },
  },
  {
    href: paths.prisonFindings,
    label: 'nav.prison.findings',
    description: 'nav.prison.findings.description',
    audience: { action: 'prison.findings' },
  },
  {
    href: paths.prisonReferrals,
    label: 'nav.prison.referrals',
    description: 'nav.prison.referrals.description',
    audience: { action: 'referral.read' },
  },
  {
    href: paths.reprisalFlags,
    label: 'nav.reprisals',
    description: 'nav.reprisals.description',
    audience: { action: 'reprisal.read' },
  },
  // Issue 17: arrests and admissions that reached people registered elsewhere, for oversight.
  {
    href: paths.peopleReached,
    label: 'nav.reached',
    description: 'nav.reached.description',
    audience: { action: 'reach.read' },
  },
  // Who read a record, when and why: the read audit, for the oversight roles.
  {
    href: paths.audit,
    label: 'nav.audit',
    description: 'nav.audit.description',
    audience: { action: 'audit.read' },
  },
  // Issue 17: whether the log verifies, the read models match it and the witnesses cosign it.
  {
    href: paths.integrity,
    label: 'nav.integrity',
    description: 'nav.integrity.description',
    audience: { action: 'integrity.read' },
  },
  {
    href: paths.newPerson,
    label: 'nav.person.new',
    description: 'nav.person.new.description',
    audience: { action: 'person.create' },
  },
  {
    href: paths.facilities,
    label: 'nav.facilities',
    description: 'nav.facilities.description',
    audience: { action: 'facility.read' },
  },
  {
    href: paths.newFacility,
    label: 'nav.facility.new',
    description: 'nav.facility.new.description',
    audience: { action: 'facility.create' },
  },
  {
    href: paths.kioskEnrol,
    label: 'nav.kiosk.enrol',
    description: 'nav.kiosk.enrol.description',
    audience: { action: 'account.manage' },
  },
  {
    href: paths.accounts,
    label: 'nav.accounts',
    description: 'nav.accounts.description',
    audience: { action: 'account.manage' },
  },
  { href: paths.log, label: 'nav.log', description: 'nav.log.description', audience: { action: 'log.read' } },
  { href: paths.login, label: 'nav.login', description: 'nav.login.description', audience: 'public' },
];

/** The links `principal` may follow (null: the public, who see the public log and the sign-in page). */
export function navigationFor(principal: Principal | null): NavLink[] {
  return MENU.filter((item) => {
    if (item.audience === 'public') return principal === null;
    if (item.audience === 'signed-in') return principal !== null;
    return can(principal, item.audience.action);
  }).map(({ href, label, description }) => ({ href, label, description }));
}
