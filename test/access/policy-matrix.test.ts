import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROLES, type Role } from '../../src/access/principal.js';
import { createToken, createUser } from '../../src/app/accounts.js';
import { createPerson } from '../../src/app/registry.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { fromBase64, sealedToWire, sealTo, type SealedWire } from '../../src/sealing/seal.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from '../http/harness.js';

/*
 * Every role, the public and principals scoped elsewhere, against every endpoint, through the
 * real server on a real store. The expected table is written out here, independently of
 * src/access/policy.ts, so that a change to the policy must change this table too.
 */

type Caller =
  | Role
  | 'public'
  | 'custody-officer@almaty'
  | 'prison-officer@almaty'
  | 'judge@KZ-ALA'
  | 'monitor@KZ-ALA'
  | 'procurator@KZ-ALA';
const ELSEWHERE = [
  'custody-officer@almaty',
  'prison-officer@almaty',
  'judge@KZ-ALA',
  'monitor@KZ-ALA',
  'procurator@KZ-ALA',
] as const;
const CALLERS: Caller[] = [...ROLES, 'public', ...ELSEWHERE];

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  /** The address, which may depend on who calls (a recording sealed to the caller's institution's key). */
  url: (h: Harness, caller: Caller) => string;
  /** The body, which may depend on who calls (each institution's own passphrase). */
  body?: (h: Harness, caller: Caller) => unknown;
  /** A body that is not JSON (a multipart upload), with its content type. */
  raw?: (h: Harness) => { payload: Buffer; contentType: string };
  /** Status for each caller that is allowed; everyone else gets 403, the public 401. */
  allowed: Partial<Record<Caller, number>>;
  public?: number;
}

const everyone = (status: number): Partial<Record<Caller, number>> =>
  Object.fromEntries(CALLERS.map((caller) => [caller, status]));

const FACILITY_READERS: Caller[] = [
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
  ...ELSEWHERE,
];
const only = (callers: Caller[], status: number) =>
  Object.fromEntries(callers.map((caller) => [caller, status]));

/** An episode at Astana (opened in beforeAll) and a second person to arrest through the matrix. */
let custodyId = '';
let arrestee = '';
/** A person registered at Astana whose details the matrix corrects (issue 18 item 2). */
let corrected = '';
/** Who may search the register (issue 18 item 10): whoever reads people's records, each within their scope. */
const SEARCHERS: Caller[] = [
  'custody-officer',
  'prison-officer',
  'governor',
  'medical',
  'complaints-officer',
  'procurator',
  'judge',
  'monitor',
  'custody-officer@almaty',
  'prison-officer@almaty',
  'judge@KZ-ALA',
  'monitor@KZ-ALA',
  'procurator@KZ-ALA',
];

/** Complaints at Astana (submitted in beforeAll): a torture allegation, an ordinary one, a protection request. */
const PASSPHRASE = 'the complaints authority passphrase';
/** The procurator's office's own key's passphrase (issue 18 item 5): never the authority's. */
const PROCURATOR_PASSPHRASE = 'the procurator’s office passphrase';
const passphraseOf = (caller: Caller) =>
  caller === 'procurator' || caller === 'procurator@KZ-ALA' ? PROCURATOR_PASSPHRASE : PASSPHRASE;
/** An ordinary complaint the complaints officer routes to the procurator (issue 18 item 9). */
let routable = '';
/** The allegation's recording as sealed for the procurator's office (issue 18 item 5). */
let procuratorMediaSha256 = '';
let procuratorSealed: SealedWire = { enc: '', ciphertext: '' };
let sealed: SealedWire = { enc: '', ciphertext: '' };
let allegation = '';
/** kz.allegation.conflict: a torture allegation about the procurator's own office, with the investigating judge. */
let conflict = '';
let ordinary = '';
let protectionRequestId = '';
let mediaSha256 = '';
let sealedMedia: { enc: string; ciphertext: Uint8Array } = { enc: '', ciphertext: new Uint8Array(0) };

/** A multipart body with the sealed recording's `enc`, its `recipient` when not the authority, and `file`. */
function mediaUpload(
  media: { enc: string; ciphertext: Uint8Array } = sealedMedia,
  recipient?: 'procurator',
): { payload: Buffer; contentType: string } {
  const boundary = 'habeas-matrix';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="enc"\r\n\r\n${media.enc}\r\n`),
    Buffer.from(
      recipient === undefined
        ? ''
        : `--${boundary}\r\nContent-Disposition: form-data; name="recipient"\r\n\r\n${recipient}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.bin"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.from(media.ciphertext),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}
const COMPLAINT_READERS: Caller[] = ['complaints-officer', 'procurator', 'procurator@KZ-ALA'];

/** Footage at Astana (registered in beforeAll): one under an allegation hold, one free to delete. */
let footageId = '';
let deletableFootageId = '';
let allegationHoldId = '';
const HOLDERS: Caller[] = ['procurator', 'complaints-officer', 'monitor'];
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

/** A stay at the Almaty women's prison (admitted in beforeAll) and a person to admit there. */
let stayId = '';
let admittee = '';
const PRISON_READERS: Caller[] = [
  'prison-officer',
  'governor',
  'medical',
  'monitor',
  'procurator',
  'prison-officer@almaty',
  'monitor@KZ-ALA',
  'procurator@KZ-ALA',
];
const OVERSIGHT: Caller[] = ['monitor', 'procurator', 'monitor@KZ-ALA', 'procurator@KZ-ALA'];

/** A person's account and a service account (made in beforeAll) for the administrator to change. */
let managedUserId = '';
let managedTokenId = '';

const ENDPOINTS: Endpoint[] = [
  { name: 'GET /healthz', method: 'GET', url: () => '/healthz', allowed: everyone(200), public: 200 },
  {
    name: 'GET /api/openapi.json',
    method: 'GET',
    url: () => '/api/openapi.json',
    allowed: everyone(200),
    public: 200,
  },
  {
    name: 'POST /api/v1/facilities',
    method: 'POST',
    url: () => '/api/v1/facilities',
    body: () => ({ name: 'New facility', kind: 'remand-centre', population: 'men', region: 'KZ-KAR' }),
    allowed: { admin: 201 },
  },
  {
    name: 'GET /api/v1/facilities',
    method: 'GET',
    url: () => '/api/v1/facilities',
    allowed: only(FACILITY_READERS, 200),
  },
  {
    name: 'GET /api/v1/facilities/{id}',
    method: 'GET',
    url: (h) => `/api/v1/facilities/${h.facilities.astana}`,
    allowed: only(FACILITY_READERS, 200),
  },
  {
    name: 'POST /api/v1/people',
    method: 'POST',
    url: () => '/api/v1/people',
    body: () => ({ familyName: 'Сериков', givenNames: 'Данияр', birthDate: '1990-06-30', sex: 'male' }),
    allowed: only(
      ['custody-officer', 'prison-officer', 'governor', 'custody-officer@almaty', 'prison-officer@almaty'],
      201,
    ),
  },
  // Issue 17 item 5: the identity-document look-up is for the staff who register arrests and
  // admissions, wherever they work; the oversight list of people reached by one is the monitor's
  // and the procurator's.
  {
    name: 'POST /api/v1/people/lookup',
    method: 'POST',
    url: () => '/api/v1/people/lookup',
    body: () => ({ kind: 'iin', number: '880417300128' }),
    allowed: only(
      ['custody-officer', 'prison-officer', 'governor', 'custody-officer@almaty', 'prison-officer@almaty'],
      200,
    ),
  },
  {
    name: 'GET /api/v1/people-reached',
    method: 'GET',
    url: () => '/api/v1/people-reached',
    allowed: only(OVERSIGHT, 200),
  },
  {
    name: 'GET /api/v1/people/{id}',
    method: 'GET',
    url: (h) => `/api/v1/people/${h.personId}`,
    allowed: only(
      [
        'custody-officer',
        'prison-officer',
        'governor',
        'medical',
        'monitor',
        'procurator',
        'judge',
        'complaints-officer',
      ],
      200,
    ),
  },
  // Issue 18 item 10: the search answers every role that reads people's records, each within its
  // scope (an empty answer outside it); issue 18 item 2: corrections by the staff in whose facility
  // the person is registered or held.
  {
    name: 'POST /api/v1/people/search',
    method: 'POST',
    url: () => '/api/v1/people/search',
    body: () => ({ name: 'Абенов Ерлан' }),
    allowed: only(SEARCHERS, 200),
  },
  {
    name: 'POST /api/v1/people/{id}/corrections',
    method: 'POST',
    url: () => `/api/v1/people/${corrected}/corrections`,
    body: (_h, caller) => ({ givenNames: `Асхат (${caller})`, reason: 'имя по удостоверению личности' }),
    allowed: { 'custody-officer': 201, 'prison-officer': 201, governor: 201 },
  },
  {
    name: 'GET /api/v1/audit?subject=',
    method: 'GET',
    url: (h) => `/api/v1/audit?subject=person/${h.personId}`,
    allowed: only(['monitor', 'procurator'], 200),
  },
  {
    name: 'POST /api/v1/custody',
    method: 'POST',
    url: () => '/api/v1/custody',
    body: (h) => ({
      personId: arrestee,
      facilityId: h.facilities.astana,
      apprehendedAt: new Date(Date.now() - 3_600_000).toISOString(),
      place: 'пр. Абая 10',
      grounds: 'ст. 188 УК РК',
      arrestingOfficer: 'лейтенант Ахметов',
    }),
    allowed: { 'custody-officer': 201 },
  },
  {
    name: 'GET /api/v1/custody/{id}',
    method: 'GET',
    url: () => `/api/v1/custody/${custodyId}`,
    allowed: only(['custody-officer', 'monitor', 'procurator', 'judge'], 200),
  },
  {
    name: 'POST /api/v1/custody/{id}/events',
    method: 'POST',
    url: () => `/api/v1/custody/${custodyId}/events`,
    body: () => ({ type: 'counsel-requested' }),
    allowed: { 'custody-officer': 201 },
  },
  {
    // kz.custody.interview: the custody unit that holds the person records interviews, never a judge.
    name: 'POST /api/v1/custody/{id}/interviews',
    method: 'POST',
    url: () => `/api/v1/custody/${custodyId}/interviews`,
    body: () => ({
      startedAt: new Date(Date.now() - 1_800_000).toISOString(),
      endedAt: new Date(Date.now() - 1_200_000).toISOString(),
      interviewer: { name: 'Бекова А.', position: 'следователь' },
      counsel: 'not-requested',
      recording: { sha256: 'c'.repeat(64), size: 1024, mediaType: 'video/mp4' },
    }),
    allowed: { 'custody-officer': 201 },
  },
  {
    name: 'GET /api/v1/custody',
    method: 'GET',
    url: () => '/api/v1/custody',
    allowed: only(
      [
        'custody-officer',
        'monitor',
        'procurator',
        'judge',
        'custody-officer@almaty',
        'judge@KZ-ALA',
        'monitor@KZ-ALA',
        'procurator@KZ-ALA',
      ],
      200,
    ),
  },
  {
    name: 'GET /api/v1/custody-findings',
    method: 'GET',
    url: () => '/api/v1/custody-findings',
    allowed: only(['monitor', 'procurator', 'monitor@KZ-ALA', 'procurator@KZ-ALA'], 200),
  },
  {
    name: 'GET /api/v1/custody-referrals',
    method: 'GET',
    url: () => '/api/v1/custody-referrals',
    allowed: { medical: 200 },
  },
  {
    name: 'GET /api/v1/audit?subject=custody/{id}',
    method: 'GET',
    url: () => `/api/v1/audit?subject=custody/${custodyId}`,
    allowed: only(['monitor', 'procurator'], 200),
  },
  // Complaints (issue 4): no facility role, administrator, statistician, medical officer or judge.
  {
    name: 'GET /api/v1/sealing/key',
    method: 'GET',
    url: () => '/api/v1/sealing/key',
    allowed: everyone(200),
    public: 200,
  },
  {
    name: 'GET /api/v1/sealing/procurator-key',
    method: 'GET',
    url: () => '/api/v1/sealing/procurator-key',
    allowed: everyone(200),
    public: 200,
  },
  {
    name: 'POST /api/v1/sealing/unlock',
    method: 'POST',
    url: () => '/api/v1/sealing/unlock',
    body: (_h, caller) => ({ passphrase: passphraseOf(caller) }),
    allowed: only(COMPLAINT_READERS, 204),
  },
  {
    name: 'GET /api/v1/sealing/session',
    method: 'GET',
    url: () => '/api/v1/sealing/session',
    allowed: only(COMPLAINT_READERS, 200),
  },
  {
    name: 'POST /api/v1/complaints',
    method: 'POST',
    url: () => '/api/v1/complaints',
    body: (h) => ({ facilityId: h.facilities.astana, category: 'conditions', sealed, pin: '2468' }),
    allowed: { kiosk: 201 },
  },
  {
    name: 'POST /api/v1/complaints/{reference}/media',
    method: 'POST',
    url: () => `/api/v1/complaints/${ordinary}/media`,
    raw: () => mediaUpload(),
    allowed: { kiosk: 201 },
  },
  {
    name: 'GET /api/v1/complaints/{reference}/media/{sha256}',
    method: 'GET',
    url: (_h, caller) =>
      `/api/v1/complaints/${allegation}/media/${caller === 'procurator' ? procuratorMediaSha256 : mediaSha256}`,
    allowed: { 'complaints-officer': 200, procurator: 200 },
  },
  {
    name: 'POST /api/v1/complaints/received',
    method: 'POST',
    url: () => '/api/v1/complaints/received',
    body: (h) => ({ facilityId: h.facilities.astana, channel: 'paper', category: 'other', text: 'Жалоба' }),
    allowed: { 'complaints-officer': 201 },
  },
  {
    name: 'GET /api/v1/complaints/{reference}/status',
    method: 'GET',
    url: () => `/api/v1/complaints/${ordinary}/status?pin=2468`,
    allowed: { kiosk: 200 },
  },
  {
    name: 'POST /api/v1/complaints/{reference}/answers',
    method: 'POST',
    url: () => `/api/v1/complaints/${ordinary}/answers`,
    body: () => ({ pin: '2468' }),
    allowed: { kiosk: 200 },
  },
  {
    name: 'GET /api/v1/complaints',
    method: 'GET',
    url: () => '/api/v1/complaints',
    allowed: only(COMPLAINT_READERS, 200),
  },
  {
    name: 'GET /api/v1/complaints/{reference} (allegation)',
    method: 'GET',
    url: () => `/api/v1/complaints/${allegation}`,
    allowed: { 'complaints-officer': 200, procurator: 200 },
  },
  {
    name: 'GET /api/v1/complaints/{reference} (ordinary)',
    method: 'GET',
    url: () => `/api/v1/complaints/${ordinary}`,
    allowed: { 'complaints-officer': 200 },
  },
  {
    name: 'POST /api/v1/complaints/{reference}/answer',
    method: 'POST',
    url: () => `/api/v1/complaints/${ordinary}/answer`,
    body: () => ({ answer: 'Ответ' }),
    allowed: { 'complaints-officer': 201 },
  },
  {
    name: 'POST /api/v1/complaints/{reference}/close',
    method: 'POST',
    url: () => `/api/v1/complaints/${ordinary}/close`,
    body: () => ({ reason: 'Отвечено' }),
    allowed: { 'complaints-officer': 201 },
  },
  {
    name: 'POST /api/v1/complaints/{reference}/route',
    method: 'POST',
    url: () => `/api/v1/complaints/${routable}/route`,
    body: () => ({ to: 'procurator', reason: 'Жалоба на условия описывает избиение' }),
    allowed: { 'complaints-officer': 201 },
  },
  {
    name: 'GET /api/v1/allegations',
    method: 'GET',
    url: () => '/api/v1/allegations',
    allowed: only(['procurator', 'procurator@KZ-ALA'], 200),
  },
  {
    name: 'POST /api/v1/allegations/{reference}/decisions',
    method: 'POST',
    url: () => `/api/v1/allegations/${allegation}/decisions`,
    body: () => ({ decision: 'investigation-opened' }),
    allowed: { procurator: 201 },
  },
  {
    name: 'POST /api/v1/allegations/{reference}/outcomes',
    method: 'POST',
    url: () => `/api/v1/allegations/${allegation}/outcomes`,
    body: () => ({
      kind: 'evidence-excluded',
      at: new Date(Date.now() - 60_000).toISOString(),
      description: 'признание, полученное под давлением',
    }),
    allowed: { procurator: 201 },
  },
  // kz.allegation.conflict: a complaint about the procurator's office is the investigating judge's
  // (of the facility's region): no procurator opens or decides it.
  {
    name: 'GET /api/v1/complaints/{reference} (about the procurator’s office)',
    method: 'GET',
    url: () => `/api/v1/complaints/${conflict}`,
    allowed: { 'complaints-officer': 200 },
  },
  {
    name: 'POST /api/v1/allegations/{reference}/decisions (about the procurator’s office)',
    method: 'POST',
    url: () => `/api/v1/allegations/${conflict}/decisions`,
    body: () => ({ decision: 'investigation-opened' }),
    allowed: { procurator: 422 },
  },
  {
    name: 'GET /api/v1/judge/allegations',
    method: 'GET',
    url: () => '/api/v1/judge/allegations',
    allowed: only(['judge', 'judge@KZ-ALA'], 200),
  },
  {
    name: 'GET /api/v1/judge/allegations/{reference}',
    method: 'GET',
    url: () => `/api/v1/judge/allegations/${conflict}`,
    allowed: { judge: 200 },
  },
  {
    name: 'POST /api/v1/judge/allegations/{reference}/order',
    method: 'POST',
    url: () => `/api/v1/judge/allegations/${conflict}/order`,
    body: () => ({
      orderedAt: new Date(Date.now() - 60_000).toISOString(),
      investigateBy: 'Агентство по противодействию коррупции',
    }),
    allowed: { judge: 201 },
  },
  {
    name: 'GET /api/v1/protection-requests',
    method: 'GET',
    url: () => '/api/v1/protection-requests',
    allowed: { governor: 200 },
  },
  {
    name: 'POST /api/v1/protection-requests/{id}/decision',
    method: 'POST',
    url: () => `/api/v1/protection-requests/${protectionRequestId}/decision`,
    body: () => ({ decision: 'granted', reason: 'Переведён в другой отряд' }),
    allowed: { governor: 201 },
  },
  {
    name: 'GET /api/v1/audit?subject=complaint/{reference}',
    method: 'GET',
    url: () => `/api/v1/audit?subject=complaint/${allegation}`,
    allowed: only(['monitor', 'procurator'], 200),
  },
  {
    name: 'POST /api/v1/sealing/lock',
    method: 'POST',
    url: () => '/api/v1/sealing/lock',
    allowed: only(COMPLAINT_READERS, 204),
  },
  // Footage references and evidence holds (issue 5 item 3). Astana is a mixed facility: kz.cctv.women
  // does not apply there (test/http/footage.test.ts covers it).
  {
    name: 'POST /api/v1/footage',
    method: 'POST',
    url: () => '/api/v1/footage',
    body: (h) => ({
      facilityId: h.facilities.astana,
      camera: 'CAM-3',
      place: 'Дежурная часть',
      from: hoursAgo(6),
      to: hoursAgo(5),
      retainUntil: hoursAgo(-720),
    }),
    allowed: { 'prison-officer': 201, governor: 201 },
  },
  {
    name: 'GET /api/v1/footage?facilityId=',
    method: 'GET',
    url: (h) => `/api/v1/footage?facilityId=${h.facilities.astana}`,
    allowed: only(['prison-officer', 'governor', 'monitor', 'procurator', 'complaints-officer'], 200),
  },
  {
    name: 'GET /api/v1/footage/{id}',
    method: 'GET',
    url: () => `/api/v1/footage/${footageId}`,
    allowed: only(['prison-officer', 'governor', 'monitor', 'procurator'], 200),
  },
  {
    name: 'GET /api/v1/audit?subject=footage/{id}',
    method: 'GET',
    url: () => `/api/v1/audit?subject=footage/${footageId}`,
    allowed: only(['monitor', 'procurator'], 200),
  },
  {
    name: 'POST /api/v1/footage/{id}/deletion',
    method: 'POST',
    url: () => `/api/v1/footage/${deletableFootageId}/deletion`,
    body: () => ({ reason: 'retention period ended' }),
    allowed: { governor: 201 },
  },
  {
    name: 'POST /api/v1/evidence-holds',
    method: 'POST',
    url: () => '/api/v1/evidence-holds',
    body: (h) => ({
      facilityId: h.facilities.astana,
      from: hoursAgo(3),
      to: hoursAgo(0),
      basis: 'other',
      reference: 'visit 2026/05',
      reason: 'monitoring visit',
    }),
    allowed: only(HOLDERS, 201),
  },
  {
    name: 'GET /api/v1/evidence-holds',
    method: 'GET',
    url: () => '/api/v1/evidence-holds',
    allowed: only([...HOLDERS, 'monitor@KZ-ALA', 'procurator@KZ-ALA'], 200),
  },
  {
    // An allegation's hold: the complaints officer (first) and the monitor (after the release) may
    // not release it (422, kz.torture.referral); the procurator does.
    name: 'POST /api/v1/evidence-holds/{id}/release',
    method: 'POST',
    url: () => `/api/v1/evidence-holds/${allegationHoldId}/release`,
    body: () => ({ reason: 'investigation closed' }),
    allowed: { 'complaints-officer': 422, procurator: 201, monitor: 422 },
  },
  // Remand centres and prisons (issue 5): the stay is at the Almaty women's prison, where only
  // `prison-officer@almaty` is facility staff; the Astana-scoped staff are out of scope.
  {
    name: 'POST /api/v1/prison/admissions',
    method: 'POST',
    url: () => '/api/v1/prison/admissions',
    body: (h) => ({
      personId: admittee,
      facilityId: h.facilities.almatyWomen,
      admittedAt: hoursAgo(2),
      commitmentOrder: 'приговор № 1-204/2026',
    }),
    allowed: { 'prison-officer@almaty': 201 },
  },
  {
    name: 'GET /api/v1/prison/stays/{id}',
    method: 'GET',
    url: () => `/api/v1/prison/stays/${stayId}`,
    allowed: only(
      ['monitor', 'procurator', 'prison-officer@almaty', 'monitor@KZ-ALA', 'procurator@KZ-ALA'],
      200,
    ),
  },
  {
    name: 'POST /api/v1/prison/stays/{id}/events',
    method: 'POST',
    url: () => `/api/v1/prison/stays/${stayId}/events`,
    body: () => ({ type: 'exercise-logged', date: hoursAgo(0).slice(0, 10), minutes: 60 }),
    allowed: { 'prison-officer@almaty': 201 },
  },
  {
    // The governor's alone; no governor serves the Almaty prison here, so everyone is refused.
    name: 'POST /api/v1/prison/stays/{id}/discipline-check',
    method: 'POST',
    url: () => `/api/v1/prison/stays/${stayId}/discipline-check`,
    body: () => ({ measure: 'warning' }),
    allowed: {},
  },
  {
    name: 'GET /api/v1/prison/stays',
    method: 'GET',
    url: () => '/api/v1/prison/stays',
    allowed: only(PRISON_READERS, 200),
  },
  {
    name: 'GET /api/v1/prison/stays?separated=true',
    method: 'GET',
    url: () => '/api/v1/prison/stays?separated=true',
    allowed: only(OVERSIGHT, 200),
  },
  {
    name: 'GET /api/v1/prison-findings',
    method: 'GET',
    url: () => '/api/v1/prison-findings',
    allowed: only(OVERSIGHT, 200),
  },
  {
    name: 'GET /api/v1/prison-referrals',
    method: 'GET',
    url: () => '/api/v1/prison-referrals',
    allowed: { medical: 200 },
  },
  {
    // kz.complaint.reprisal: the complaints authority and the monitor, never a facility role.
    name: 'GET /api/v1/reprisal-flags',
    method: 'GET',
    url: () => '/api/v1/reprisal-flags',
    allowed: only(['complaints-officer', 'monitor', 'monitor@KZ-ALA'], 200),
  },
  // Account administration (issue 18 item 4): the administrator alone, nobody else.
  { name: 'GET /api/v1/users', method: 'GET', url: () => '/api/v1/users', allowed: { admin: 200 } },
  {
    name: 'GET /api/v1/users/{id}',
    method: 'GET',
    url: () => `/api/v1/users/${managedUserId}`,
    allowed: { admin: 200 },
  },
  {
    name: 'POST /api/v1/users/{id}/disable',
    method: 'POST',
    url: () => `/api/v1/users/${managedUserId}/disable`,
    body: () => ({ reason: 'left the service' }),
    allowed: { admin: 200 },
  },
  {
    name: 'POST /api/v1/users/{id}/enable',
    method: 'POST',
    url: () => `/api/v1/users/${managedUserId}/enable`,
    body: () => ({ reason: 'came back' }),
    allowed: { admin: 200 },
  },
  {
    name: 'POST /api/v1/users/{id}/password',
    method: 'POST',
    url: () => `/api/v1/users/${managedUserId}/password`,
    body: () => ({ password: 'a temporary passphrase', reason: 'forgotten' }),
    allowed: { admin: 204 },
  },
  { name: 'GET /api/v1/tokens', method: 'GET', url: () => '/api/v1/tokens', allowed: { admin: 200 } },
  {
    name: 'POST /api/v1/tokens/{id}/revoke',
    method: 'POST',
    url: () => `/api/v1/tokens/${managedTokenId}/revoke`,
    body: () => ({ reason: 'terminal replaced' }),
    allowed: { admin: 200 },
  },
  {
    name: 'GET /api/v1/log/checkpoint',
    method: 'GET',
    url: () => '/api/v1/log/checkpoint',
    allowed: everyone(200),
    public: 200,
  },
  {
    name: 'GET /api/v1/log/proof/inclusion',
    method: 'GET',
    url: () => '/api/v1/log/proof/inclusion?index=0&size=2',
    allowed: everyone(200),
    public: 200,
  },
  {
    name: 'GET /api/v1/log/proof/consistency',
    method: 'GET',
    url: () => '/api/v1/log/proof/consistency?from=1&to=2',
    allowed: everyone(200),
    public: 200,
  },
  {
    name: 'GET /api/v1/log/entries',
    method: 'GET',
    url: () => '/api/v1/log/entries?start=0&end=2',
    // Envelopes are handles on people (issue 17 item 6): the national oversight bodies only.
    allowed: { monitor: 200, procurator: 200 },
  },
];

for (const engine of ENGINES) {
  describe(`policy matrix (${engine})`, () => {
    let h: Harness;
    const headers: Partial<Record<Caller, Record<string, string>>> = { public: {} };

    beforeAll(async () => {
      h = await startHarness(engine);
      for (const role of ROLES) headers[role] = h.bearer(role);
      const token = async (role: Role, facilities: string[], regions: string[]) =>
        (await createToken(h.store, { role, name: `${role} elsewhere`, facilities, regions }, 'test')).token;
      const elsewhere: Record<(typeof ELSEWHERE)[number], string> = {
        'custody-officer@almaty': await token('custody-officer', [h.facilities.almatyWomen], []),
        'prison-officer@almaty': await token('prison-officer', [h.facilities.almatyWomen], []),
        'judge@KZ-ALA': await token('judge', [], ['KZ-ALA']),
        'monitor@KZ-ALA': await token('monitor', [], ['KZ-ALA']),
        'procurator@KZ-ALA': await token('procurator', [], ['KZ-ALA']),
      };
      for (const caller of ELSEWHERE) headers[caller] = { authorization: `Bearer ${elsewhere[caller]}` };
      managedUserId = (
        await createUser(
          h.store,
          { username: 'managed', password: 'a long passphrase of the managed one', name: 'M', role: 'judge' },
          'test',
        )
      ).id;
      managedTokenId = (
        await createToken(
          h.store,
          { role: 'monitor', name: 'witness to retire', facilities: [], regions: [] },
          'test',
        )
      ).id;
      const opened = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: h.bearer('custody-officer'),
        payload: {
          personId: h.personId,
          facilityId: h.facilities.astana,
          apprehendedAt: new Date(Date.now() - 3_600_000).toISOString(),
          place: 'вокзал Нурлы Жол',
          grounds: 'ст. 293 УК РК',
          arrestingOfficer: 'капитан Ермеков',
        },
      });
      custodyId = (opened.json() as { id: string }).id;
      arrestee = (
        await createPerson(
          h.store,
          {
            familyName: 'Оспанов',
            givenNames: 'Марат',
            birthDate: '1991-01-01',
            sex: 'male',
            facilityId: h.facilities.astana,
          },
          'test',
        )
      ).id;
      corrected = (
        await createPerson(
          h.store,
          {
            familyName: 'Исправляемов',
            givenNames: 'Асхат',
            birthDate: '1985-05-05',
            sex: 'male',
            facilityId: h.facilities.astana,
          },
          'test',
        )
      ).id;

      // The complaints authority's key (the weakest argon2id allowed, for speed), two complaints
      // and a request for protection, and the key unlocked for the complaints officer and the procurator.
      const kdf = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
      const { publicKey } = await initSealing(h.dataDir, PASSPHRASE, { kdf });
      const procuratorKey = (
        await initSealing(h.dataDir, PROCURATOR_PASSPHRASE, { kdf, recipient: 'procurator' })
      ).publicKey;
      const content = {
        v: 1,
        text: 'Жалоба',
        language: 'ru',
        writtenAt: new Date().toISOString(),
        media: [],
      };
      sealed = sealedToWire(
        await sealTo(fromBase64(publicKey), new TextEncoder().encode(JSON.stringify(content))),
      );
      procuratorSealed = sealedToWire(
        await sealTo(fromBase64(procuratorKey), new TextEncoder().encode(JSON.stringify(content))),
      );
      const complain = async (body: Record<string, unknown>) => {
        const response = await h.app.inject({
          method: 'POST',
          url: '/api/v1/complaints',
          headers: h.bearer('kiosk'),
          payload: { facilityId: h.facilities.astana, sealed, pin: '2468', ...body },
        });
        if (response.statusCode !== 201) throw new Error(response.body);
        return (response.json() as { reference: string }).reference;
      };
      allegation = await complain({
        category: 'torture-or-ill-treatment',
        sealedFor: { procurator: procuratorSealed },
      });
      routable = await complain({ category: 'conditions' });
      conflict = await complain({
        category: 'torture-or-ill-treatment',
        concerns: { office: 'procurator', region: 'KZ-AST' },
      });
      ordinary = await complain({
        category: 'reprisal',
        complainant: { personId: h.personId },
        protectionRequested: true,
      });
      const seal = await sealTo(fromBase64(publicKey), new TextEncoder().encode('a recording'));
      sealedMedia = { enc: Buffer.from(seal.enc).toString('base64'), ciphertext: seal.ciphertext };
      const upload = mediaUpload();
      const uploaded = await h.app.inject({
        method: 'POST',
        url: `/api/v1/complaints/${allegation}/media`,
        headers: { ...h.bearer('kiosk'), 'content-type': upload.contentType },
        payload: upload.payload,
      });
      if (uploaded.statusCode !== 201) throw new Error(uploaded.body);
      mediaSha256 = (uploaded.json() as { sha256: string }).sha256;
      // The same recording sealed for the procurator's office, sent as its copy.
      const forProcurator = await sealTo(fromBase64(procuratorKey), new TextEncoder().encode('a recording'));
      const procuratorUpload = mediaUpload(
        { enc: Buffer.from(forProcurator.enc).toString('base64'), ciphertext: forProcurator.ciphertext },
        'procurator',
      );
      const uploadedCopy = await h.app.inject({
        method: 'POST',
        url: `/api/v1/complaints/${allegation}/media`,
        headers: { ...h.bearer('kiosk'), 'content-type': procuratorUpload.contentType },
        payload: procuratorUpload.payload,
      });
      if (uploadedCopy.statusCode !== 201) throw new Error(uploadedCopy.body);
      procuratorMediaSha256 = (uploadedCopy.json() as { sha256: string }).sha256;
      const requests = await h.app.inject({
        url: '/api/v1/protection-requests',
        headers: h.bearer('governor'),
      });
      protectionRequestId = (requests.json() as { items: { id: string }[] }).items[0]?.id ?? '';
      // Registered at the prison that admits them: within its officers' reach (issue 17).
      const woman = async (givenNames: string) =>
        (
          await createPerson(
            h.store,
            {
              familyName: 'Ахметова',
              givenNames,
              birthDate: '1989-08-08',
              sex: 'female',
              facilityId: h.facilities.almatyWomen,
            },
            'test',
          )
        ).id;
      admittee = await woman('Дина');
      const admitted = await h.app.inject({
        method: 'POST',
        url: '/api/v1/prison/admissions',
        headers: headers['prison-officer@almaty'] ?? {},
        payload: {
          personId: await woman('Сауле'),
          facilityId: h.facilities.almatyWomen,
          admittedAt: hoursAgo(30),
          commitmentOrder: 'приговор № 1-199/2026',
        },
      });
      if (admitted.statusCode !== 201) throw new Error(admitted.body);
      stayId = (admitted.json() as { id: string }).id;
      const footage = async (from: number, to: number) => {
        const response = await h.app.inject({
          method: 'POST',
          url: '/api/v1/footage',
          headers: h.bearer('prison-officer'),
          payload: {
            facilityId: h.facilities.astana,
            camera: 'CAM-1',
            place: 'Коридор',
            from: hoursAgo(from),
            to: hoursAgo(to),
            retainUntil: hoursAgo(-720),
          },
        });
        if (response.statusCode !== 201) throw new Error(response.body);
        return (response.json() as { id: string }).id;
      };
      footageId = await footage(2, 1);
      deletableFootageId = await footage(12, 11);
      const held = await h.app.inject({
        method: 'POST',
        url: '/api/v1/evidence-holds',
        headers: h.bearer('complaints-officer'),
        payload: {
          facilityId: h.facilities.astana,
          from: hoursAgo(3),
          to: hoursAgo(0),
          basis: 'allegation',
          reference: allegation,
          reason: 'the allegation names the corridor',
        },
      });
      if (held.statusCode !== 201) throw new Error(held.body);
      allegationHoldId = (held.json() as { id: string }).id;
      for (const role of ['complaints-officer', 'procurator'] as const) {
        const unlocked = await h.app.inject({
          method: 'POST',
          url: '/api/v1/sealing/unlock',
          headers: h.bearer(role),
          payload: { passphrase: passphraseOf(role) },
        });
        if (unlocked.statusCode !== 204) throw new Error(unlocked.body);
      }
    });
    afterAll(async () => h?.close());

    for (const endpoint of ENDPOINTS) {
      test.each(CALLERS)(`${endpoint.name} as %s`, async (caller) => {
        const expected = caller === 'public' ? (endpoint.public ?? 401) : (endpoint.allowed[caller] ?? 403);
        const raw = endpoint.raw?.(h);
        const response = await h.app.inject({
          method: endpoint.method,
          url: endpoint.url(h, caller),
          headers: { ...(headers[caller] ?? {}), ...(raw ? { 'content-type': raw.contentType } : {}) },
          ...(endpoint.body ? { payload: endpoint.body(h, caller) as object } : {}),
          ...(raw ? { payload: raw.payload } : {}),
        });
        expect(response.statusCode, response.body.slice(0, 300)).toBe(expected);
        if (expected === 401 || expected === 403) expect(problemOf(response).status).toBe(expected);
      });
    }
  });
}
