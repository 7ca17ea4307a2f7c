import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ComplaintReceipt } from '../../src/app/complaint-views.js';
import { login } from '../../src/app/sessions.js';
import {
  DEMO_PASSWORD,
  DEMO_PROCURATOR_PASSPHRASE,
  DEMO_SEALING_PASSPHRASE,
  seedDemo,
  type DemoAccounts,
} from '../../src/demo/seed.js';
import { DEMO_CLINICIAN_PASSPHRASE } from '../../src/demo/medical.js';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { fromBase64 } from '../../src/ledger/hash.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { sealedToWire, sealTo } from '../../src/sealing/seal.js';
import { KIOSK_COOKIE } from '../../src/web/kiosk/enrolment.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * Issue 18: every action the API offers a person has a page. The OpenAPI document of the running
 * app is read, and every operation in it must be in REACH below: either the page (seeded with the
 * `habeas demo` data), the role that signs in to it, and what on it performs or shows the same
 * thing — a form posting to a web route that exists, a link, the page's script — or, for an
 * operation only machines call, the reason, and where a person still expects to see the thing,
 * the page that shows it. Operations a role may use that no page offers yet are listed in GAPS and
 * checked as expected failures: when the page is built, they fail until moved into REACH.
 */

/** The demo's accounts (src/demo/seed.ts), the public (no session) and the women's prison's kiosk terminal. */
type Who =
  | 'admin'
  | 'custody'
  | 'judge'
  | 'prison'
  | 'governor'
  | 'governor-almaty'
  | 'governor-women'
  | 'medical'
  | 'medical-women'
  | 'complaints'
  /** Another complaints officer, whose session never unlocks the key. */
  | 'complaints-officer, key locked'
  /** The demo's Astana doctor in a session of their own whose signing key is unlocked on its page. */
  | 'medical, key unlocked'
  | 'procurator'
  | 'monitor'
  | 'public'
  | 'kiosk';

/** Records of the seeded store that pages are opened on. */
interface Ids {
  facility: string;
  person: string;
  episode: string;
  stay: string;
  footage: string;
  /** The women's prison, where the footage is. */
  footageFacility: string;
  hold: string;
  complaint: string;
  allegation: string;
  /** kz.allegation.conflict: the complaint about investigators, with Astana's investigating judge. */
  judgeAllegation: string;
  /** The complaint a reprisal flag names. */
  reprisal: string;
  withMedia: { reference: string; sha256: string };
  user: string;
  disabledUser: string;
  token: string;
  /** Issue 20: the demo's case files, each step of one brought to where its form applies (caseFiles). */
  cases: CaseFiles;
}

/**
 * What on the page performs or shows the operation:
 * - `form`: a `<form method="post">` whose action is the web route `METHOD /pattern`, which exists;
 * - `link`: an `<a href>` to a path of that pattern (a web route, which exists, or the API itself);
 * - `script`: the page loads `src`, carries `attribute` for it, and the script's source makes the
 *   call (`calls`), through the web route `route` when it has one;
 * - `shows`: text the page shows.
 */
type Evidence =
  | { form: string }
  | { link: string }
  | { script: string; attribute: (ids: Ids) => string; source: string; calls: string; route?: string }
  | { shows: (ids: Ids) => string | Promise<string> };

interface Page {
  who: Who;
  /** The page's address; a `POST` page is the answer to a form (an opened complaint). */
  path: string | ((ids: Ids) => string);
  post?: Record<string, string>;
  evidence: Evidence[];
}

type Reach = { pages: Page[]; note: string } | { machine: string; shownOn?: Page };

const text = (value: string) => () => value;

const REACH: Record<string, Reach> = {
  // --- Health and the log ---------------------------------------------------------------------
  'GET /healthz': {
    machine:
      'the liveness probe of a load balancer or orchestrator; a person sees the server answer any page',
  },
  'GET /readyz': {
    machine: 'the readiness probe of a load balancer; a person sees the log’s integrity on /integrity',
    shownOn: { who: 'admin', path: '/integrity', evidence: [{ form: 'POST /integrity/check' }] },
  },
  'GET /api/v1/log/checkpoint': {
    machine:
      'fetched by auditors’ tools, witnesses and the verifier; the /log page shows the same checkpoint',
    shownOn: {
      who: 'public',
      path: '/log',
      evidence: [
        // The checkpoint the API serves at that moment: its origin, tree size and root hash.
        {
          shows: async () => {
            const note = (await h.app.inject({ url: '/api/v1/log/checkpoint' })).body;
            return note.split('\n').slice(0, 3).join('\n');
          },
        },
        { shows: text('/api/v1/log/checkpoint') },
      ],
    },
  },
  'GET /api/v1/log/proof/inclusion': {
    machine: 'an RFC 6962 proof for verifying programs; /log names the endpoint for auditors',
    shownOn: { who: 'public', path: '/log', evidence: [{ shows: text('/api/v1/log/proof/inclusion') }] },
  },
  'GET /api/v1/log/proof/consistency': {
    machine: 'an RFC 6962 proof for verifying programs and witnesses; /log names the endpoint for auditors',
    shownOn: {
      who: 'public',
      path: '/log',
      evidence: [{ shows: text('/api/v1/log/proof/consistency') }],
    },
  },
  'GET /api/v1/log/entries': {
    machine:
      'JSON Lines of envelopes read by the stand-alone verifier (habeas-verify.mjs), which /log offers for download',
    shownOn: {
      who: 'monitor',
      path: '/log',
      evidence: [{ link: '/verifier/habeas-verify.mjs' }, { shows: text('/api/v1/log/entries') }],
    },
  },

  // --- Facilities and people ------------------------------------------------------------------
  'POST /api/v1/facilities': {
    note: 'the administrator registers a facility with the form on /facilities/new',
    pages: [
      { who: 'admin', path: '/facilities', evidence: [{ link: '/facilities/new' }] },
      { who: 'admin', path: '/facilities/new', evidence: [{ form: 'POST /facilities/new' }] },
    ],
  },
  'GET /api/v1/facilities': {
    note: 'the list of facilities, each linked',
    pages: [{ who: 'admin', path: '/facilities', evidence: [{ link: '/facilities/:id' }] }],
  },
  'GET /api/v1/facilities/{id}': {
    note: 'one facility’s page',
    pages: [
      {
        who: 'admin',
        path: (ids) => `/facilities/${ids.facility}`,
        evidence: [{ shows: text('Следственный изолятор г. Алматы') }],
      },
    ],
  },
  'POST /api/v1/people': {
    note: 'the officer registers a person with the form on /people/new',
    pages: [{ who: 'custody', path: '/people/new', evidence: [{ form: 'POST /people/new' }] }],
  },
  'POST /api/v1/people/lookup': {
    note: 'the arrest form looks a person up by identity document',
    pages: [{ who: 'custody', path: '/custody/new', evidence: [{ form: 'POST /custody/new/lookup' }] }],
  },
  'POST /api/v1/people/search': {
    note: 'the search of the register (a POST, names stay out of addresses); the admission form searches too',
    pages: [
      { who: 'custody', path: '/people/search', evidence: [{ form: 'POST /people/search' }] },
      {
        who: 'prison',
        path: '/prison/admissions/new',
        evidence: [{ form: 'POST /prison/admissions/lookup' }],
      },
    ],
  },
  'POST /api/v1/people/{id}/corrections': {
    note: 'the person’s page links to the correction form, which posts the correction',
    pages: [
      {
        who: 'custody',
        path: (ids) => `/people/${ids.person}`,
        evidence: [{ link: '/people/:id/corrections' }],
      },
      {
        who: 'custody',
        path: (ids) => `/people/${ids.person}/corrections`,
        evidence: [{ form: 'POST /people/:id/corrections' }],
      },
    ],
  },
  'GET /api/v1/people-reached': {
    note: 'the monitor’s list of arrests and admissions of people registered elsewhere, each linked',
    pages: [
      {
        who: 'monitor',
        path: '/people-reached',
        evidence: [{ link: '/custody/:id' }, { link: '/prison/stays/:id' }],
      },
    ],
  },
  'GET /api/v1/people/{id}': {
    note: 'the person’s page (the read recorded as the API’s is)',
    pages: [
      {
        who: 'custody',
        path: (ids) => `/people/${ids.person}`,
        evidence: [{ link: '/people/:id/corrections' }],
      },
    ],
  },

  // --- Police custody -------------------------------------------------------------------------
  'POST /api/v1/custody': {
    note: 'the arrest form',
    pages: [
      { who: 'custody', path: '/custody', evidence: [{ link: '/custody/new' }] },
      { who: 'custody', path: '/custody/new', evidence: [{ form: 'POST /custody/new' }] },
    ],
  },
  'GET /api/v1/custody': {
    note: 'the custody desk, most urgent first, each episode linked',
    pages: [{ who: 'custody', path: '/custody', evidence: [{ link: '/custody/:id' }] }],
  },
  'POST /api/v1/custody/{id}/events': {
    note: 'the episode page’s forms record safeguards, a release or a transfer (custody officer) and the court’s decision (judge)',
    pages: [
      {
        who: 'custody',
        path: (ids) => `/custody/${ids.episode}`,
        evidence: [{ form: 'POST /custody/:id/events' }],
      },
      {
        who: 'judge',
        path: (ids) => `/custody/${ids.episode}`,
        evidence: [{ form: 'POST /custody/:id/events' }],
      },
    ],
  },
  'POST /api/v1/custody/{id}/interviews': {
    note: 'the episode page links the custody unit to the interview form (kz.custody.interview)',
    pages: [
      {
        who: 'custody',
        path: (ids) => `/custody/${ids.episode}`,
        evidence: [{ link: '/custody/:id/interviews/new' }],
      },
      {
        who: 'custody',
        path: (ids) => `/custody/${ids.episode}/interviews/new`,
        evidence: [{ form: 'POST /custody/:id/interviews' }],
      },
    ],
  },
  'POST /api/v1/custody/{id}/corrections': {
    note: 'the episode page’s correction form',
    pages: [
      {
        who: 'custody',
        path: (ids) => `/custody/${ids.episode}`,
        evidence: [{ form: 'POST /custody/:id/corrections' }],
      },
    ],
  },
  'GET /api/v1/custody/{id}': {
    note: 'the episode page with its clocks and findings, and its record copy',
    pages: [
      {
        who: 'monitor',
        path: (ids) => `/custody/${ids.episode}`,
        evidence: [{ link: '/custody/:id/record' }, { shows: text('data-rule="kz.custody.limit"') }],
      },
    ],
  },
  'GET /api/v1/custody-findings': {
    note: 'the monitor’s findings across facilities, each linked to its episode',
    pages: [
      {
        who: 'monitor',
        path: '/custody/findings',
        evidence: [{ link: '/custody/:id' }, { shows: text('kz.custody.limit') }],
      },
    ],
  },
  'GET /api/v1/custody-referrals': {
    note: 'the medical staff’s injury referrals of their police custody units',
    pages: [{ who: 'medical', path: '/custody/referrals', evidence: [{ form: 'GET /custody/referrals' }] }],
  },

  // --- Sealing --------------------------------------------------------------------------------
  'GET /api/v1/sealing/key': {
    machine: 'the public key the kiosk’s script seals a complaint to before it leaves the terminal',
    shownOn: {
      who: 'kiosk',
      path: '/kiosk',
      evidence: [
        {
          script: '/static/kiosk.js',
          attribute: text('data-key-url="/api/v1/sealing/key"'),
          source: 'src/web/kiosk/browser.js',
          calls: 'sealingKey(urls.key',
        },
      ],
    },
  },
  'GET /api/v1/sealing/procurator-key': {
    machine: 'the procurator’s office’s public key the kiosk’s script seals a torture allegation to as well',
    shownOn: {
      who: 'kiosk',
      path: '/kiosk',
      evidence: [
        {
          script: '/static/kiosk.js',
          attribute: text('data-procurator-key-url="/api/v1/sealing/procurator-key"'),
          source: 'src/web/kiosk/browser.js',
          calls: 'sealingKey(urls.procuratorKey',
        },
      ],
    },
  },
  'POST /api/v1/sealing/unlock': {
    note: 'the unlock page of the complaints officer (and of the procurator, for the procurator’s office’s key)',
    pages: [
      {
        who: 'complaints-officer, key locked',
        path: '/complaints/unlock',
        evidence: [{ form: 'POST /complaints/unlock' }],
      },
      { who: 'procurator', path: '/complaints/unlock', evidence: [{ form: 'POST /complaints/unlock' }] },
    ],
  },
  'POST /api/v1/sealing/lock': {
    note: 'the inbox, once the key is unlocked, has the button that locks it',
    pages: [{ who: 'complaints', path: '/complaints', evidence: [{ form: 'POST /complaints/lock' }] }],
  },
  'GET /api/v1/sealing/session': {
    note: 'the inbox says whether the key is unlocked for the session',
    pages: [
      {
        who: 'complaints',
        path: '/complaints',
        evidence: [{ shows: text('The complaints key is unlocked for your session.') }],
      },
    ],
  },

  // --- Complaints -----------------------------------------------------------------------------
  'POST /api/v1/complaints': {
    note: 'the kiosk page’s script seals the complaint and posts it to /kiosk/complaints, which adds the terminal’s key',
    pages: [
      {
        who: 'kiosk',
        path: '/kiosk',
        evidence: [
          {
            script: '/static/kiosk.js',
            attribute: text('data-submit-url="/kiosk/complaints"'),
            source: 'src/web/kiosk/browser.js',
            calls: 'call(urls.submit, body)',
            route: 'POST /kiosk/complaints',
          },
        ],
      },
    ],
  },
  'POST /api/v1/complaints/{reference}/media': {
    note: 'the kiosk page’s script uploads the sealed recording or file after the complaint',
    pages: [
      {
        who: 'kiosk',
        path: '/kiosk',
        evidence: [
          {
            script: '/static/kiosk.js',
            attribute: text('data-submit-url="/kiosk/complaints"'),
            source: 'src/web/kiosk/browser.js',
            calls: "fetch(urls.submit + '/' + encodeURIComponent(reference) + '/media'",
            route: 'POST /kiosk/complaints/:reference/media',
          },
        ],
      },
    ],
  },
  'GET /api/v1/complaints/{reference}/media/{sha256}': {
    note: 'the opened complaint links each recording or file it names to this download, in the officer’s session',
    pages: [
      {
        who: 'complaints',
        path: (ids) => `/complaints/${ids.withMedia.reference}/open`,
        post: { purpose: 'to read the attachments' },
        evidence: [{ link: '/api/v1/complaints/:reference/media/:sha256' }],
      },
    ],
  },
  'GET /api/v1/complaints': {
    note: 'the complaints officer’s inbox, each complaint linked; the procurator’s allegations',
    pages: [
      { who: 'complaints', path: '/complaints', evidence: [{ link: '/complaints/:reference' }] },
      { who: 'procurator', path: '/allegations', evidence: [{ link: '/allegations/:reference' }] },
    ],
  },
  'POST /api/v1/complaints/received': {
    note: 'a complaint received on paper or from a lawyer, recorded with the form on /complaints/new',
    pages: [{ who: 'complaints', path: '/complaints/new', evidence: [{ form: 'POST /complaints/new' }] }],
  },
  'GET /api/v1/complaints/{reference}/status': {
    note: 'the kiosk page’s status screen: its script asks /kiosk/status, whose answer (POST …/answers) carries the status too',
    pages: [
      {
        who: 'kiosk',
        path: '/kiosk',
        evidence: [
          {
            script: '/static/kiosk.js',
            attribute: text('data-status-url="/kiosk/status"'),
            source: 'src/web/kiosk/browser.js',
            calls: 'call(urls.status, { reference, pin, lang })',
            route: 'POST /kiosk/status',
          },
        ],
      },
    ],
  },
  'POST /api/v1/complaints/{reference}/answers': {
    note: 'the kiosk page’s status screen shows the status and the answers the PIN opens',
    pages: [
      {
        who: 'kiosk',
        path: '/kiosk',
        evidence: [
          {
            script: '/static/kiosk.js',
            attribute: text('data-status-url="/kiosk/status"'),
            source: 'src/web/kiosk/browser.js',
            calls: 'call(urls.status, { reference, pin, lang })',
            route: 'POST /kiosk/status',
          },
        ],
      },
    ],
  },
  'GET /api/v1/complaints/{reference}': {
    note: 'the complaint’s page opens it (stating why) with the key unlocked',
    pages: [
      {
        who: 'complaints',
        path: (ids) => `/complaints/${ids.complaint}`,
        evidence: [{ form: 'POST /complaints/:reference/open' }],
      },
    ],
  },
  'POST /api/v1/complaints/{reference}/answer': {
    note: 'the opened complaint’s answer form',
    pages: [
      {
        who: 'complaints',
        path: (ids) => `/complaints/${ids.complaint}/open`,
        post: { purpose: 'to answer it' },
        evidence: [{ form: 'POST /complaints/:reference/answer' }],
      },
    ],
  },
  'POST /api/v1/complaints/{reference}/close': {
    note: 'the opened complaint’s closing form',
    pages: [
      {
        who: 'complaints',
        path: (ids) => `/complaints/${ids.complaint}/open`,
        post: { purpose: 'to close it' },
        evidence: [{ form: 'POST /complaints/:reference/close' }],
      },
    ],
  },
  'POST /api/v1/complaints/{reference}/route': {
    note: 'the opened complaint’s form that routes it to the procurator',
    pages: [
      {
        who: 'complaints',
        path: (ids) => `/complaints/${ids.complaint}/open`,
        post: { purpose: 'to route it' },
        evidence: [{ form: 'POST /complaints/:reference/route' }],
      },
    ],
  },
  'GET /api/v1/judge/allegations': {
    note: 'the investigating judge’s complaints about procurators and investigators (kz.allegation.conflict), each linked',
    pages: [
      { who: 'judge', path: '/judge/allegations', evidence: [{ link: '/judge/allegations/:reference' }] },
    ],
  },
  'GET /api/v1/judge/allegations/{reference}': {
    note: 'the judge’s page of one complaint about a procurator or an investigator, its facts without the text',
    pages: [
      {
        who: 'judge',
        path: (ids) => `/judge/allegations/${ids.judgeAllegation}`,
        evidence: [{ shows: (ids) => ids.judgeAllegation }],
      },
    ],
  },
  'POST /api/v1/judge/allegations/{reference}/order': {
    note: 'the judge’s form that records the order to investigate (kz.allegation.conflict)',
    pages: [
      {
        who: 'judge',
        path: (ids) => `/judge/allegations/${ids.judgeAllegation}`,
        evidence: [{ form: 'POST /judge/allegations/:reference/order' }],
      },
    ],
  },
  'GET /api/v1/allegations': {
    note: 'the procurator’s allegations, each linked',
    pages: [{ who: 'procurator', path: '/allegations', evidence: [{ link: '/allegations/:reference' }] }],
  },
  'POST /api/v1/allegations/{reference}/decisions': {
    note: 'the allegation’s decision form',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/allegations/${ids.allegation}`,
        evidence: [{ form: 'POST /allegations/:reference/decisions' }],
      },
    ],
  },
  'POST /api/v1/allegations/{reference}/outcomes': {
    note: 'the allegation’s forms for suspects, a suspension, the court’s outcome and excluded evidence',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/allegations/${ids.allegation}`,
        evidence: [{ form: 'POST /allegations/:reference/outcomes' }],
      },
    ],
  },
  'GET /api/v1/protection-requests': {
    note: 'the governor’s requests for protection or transfer',
    pages: [{ who: 'governor', path: '/protection-requests', evidence: [{ link: '/people/:id' }] }],
  },
  'POST /api/v1/protection-requests/{id}/decision': {
    note: 'each pending request carries its decision form',
    pages: [
      {
        who: 'governor',
        path: '/protection-requests',
        evidence: [{ form: 'POST /protection-requests/:id/decision' }],
      },
    ],
  },

  // --- Remand centres and prisons -------------------------------------------------------------
  'POST /api/v1/prison/admissions': {
    note: 'the admission form',
    pages: [
      { who: 'prison', path: '/prison', evidence: [{ link: '/prison/admissions/new' }] },
      { who: 'prison', path: '/prison/admissions/new', evidence: [{ form: 'POST /prison/admissions/new' }] },
    ],
  },
  'POST /api/v1/prison/stays/{id}/events': {
    note: 'the stay page’s forms (the officer’s events; medical staff’s examinations)',
    pages: [
      {
        who: 'prison',
        path: (ids) => `/prison/stays/${ids.stay}`,
        evidence: [{ form: 'POST /prison/stays/:id/events' }],
      },
      {
        who: 'medical',
        path: (ids) => `/prison/stays/${ids.stay}`,
        evidence: [{ form: 'POST /prison/stays/:id/events' }],
      },
      {
        who: 'governor-almaty',
        path: (ids) => `/prison/stays/${ids.stay}`,
        evidence: [{ link: '/prison/stays/:id/discipline' }],
      },
      {
        who: 'governor-almaty',
        path: (ids) => `/prison/stays/${ids.stay}/discipline`,
        evidence: [{ form: 'POST /prison/stays/:id/discipline' }],
      },
    ],
  },
  'POST /api/v1/prison/stays/{id}/discipline-check': {
    note: 'the discipline form’s script (public/prison.js) asks the check as the governor types',
    pages: [
      {
        who: 'governor-almaty',
        path: (ids) => `/prison/stays/${ids.stay}/discipline`,
        evidence: [
          {
            script: '/static/prison.js',
            attribute: (ids) => `data-check-url="/api/v1/prison/stays/${ids.stay}/discipline-check"`,
            source: 'public/prison.js',
            calls: "form.getAttribute('data-check-url')",
          },
        ],
      },
    ],
  },
  'GET /api/v1/prison/stays/{id}': {
    note: 'the stay page with its regime, clocks and findings',
    pages: [
      { who: 'monitor', path: (ids) => `/prison/stays/${ids.stay}`, evidence: [{ link: '/people/:id' }] },
    ],
  },
  'GET /api/v1/prison/stays': {
    note: 'the roll, each stay linked; `separated=true` is the monitor’s separation view',
    pages: [
      { who: 'prison', path: '/prison', evidence: [{ link: '/prison/stays/:id' }] },
      { who: 'monitor', path: '/prison/separation', evidence: [{ link: '/prison/stays/:id' }] },
    ],
  },
  'GET /api/v1/prison-findings': {
    note: 'the monitor’s prison findings, each linked to its stay',
    pages: [{ who: 'monitor', path: '/prison/findings', evidence: [{ link: '/prison/stays/:id' }] }],
  },
  'GET /api/v1/prison-referrals': {
    note: 'the medical staff’s referrals from examinations in their remand centre that noted bodily harm, each linked to its stay',
    pages: [
      {
        who: 'medical',
        path: '/prison/referrals',
        evidence: [{ link: '/prison/stays/:id' }, { form: 'GET /prison/referrals' }],
      },
    ],
  },
  'GET /api/v1/reprisal-flags': {
    note: 'the reprisal flags of the complaints authority and the monitor',
    pages: [
      { who: 'monitor', path: '/reprisal-flags', evidence: [{ link: '/prison/stays/:id' }] },
      // The complaints authority may not open stays: the flag names the complaint by its reference.
      {
        who: 'complaints',
        path: '/reprisal-flags',
        evidence: [{ shows: (ids) => `<code>${ids.reprisal}</code>` }],
      },
    ],
  },

  // --- Footage --------------------------------------------------------------------------------
  'POST /api/v1/footage': {
    note: 'the form that registers a recording',
    pages: [{ who: 'prison', path: '/footage/new', evidence: [{ form: 'POST /footage/new' }] }],
  },
  'GET /api/v1/footage': {
    note: 'a facility’s recordings, each linked to its view',
    pages: [
      {
        who: 'prison',
        path: (ids) => `/footage?facility=${ids.footageFacility}`,
        evidence: [{ link: '/footage/:id' }],
      },
    ],
  },
  'GET /api/v1/footage/{id}': {
    note: 'the view of a recording (kz.cctv.women: a female officer in the women’s prison)',
    pages: [{ who: 'prison', path: (ids) => `/footage/${ids.footage}`, evidence: [{ shows: text('CAM-') }] }],
  },
  'POST /api/v1/footage/{id}/deletion': {
    note: 'the governor’s form that records a deletion',
    pages: [
      {
        who: 'governor-women',
        path: (ids) => `/footage/${ids.footage}/deletion`,
        evidence: [{ form: 'POST /footage/:id/deletion' }],
      },
    ],
  },
  'POST /api/v1/evidence-holds': {
    note: 'the form that places a hold (complaints officer, procurator, monitor)',
    pages: [
      { who: 'complaints', path: '/evidence-holds', evidence: [{ link: '/evidence-holds/new' }] },
      { who: 'complaints', path: '/evidence-holds/new', evidence: [{ form: 'POST /evidence-holds/new' }] },
      { who: 'procurator', path: '/evidence-holds/new', evidence: [{ form: 'POST /evidence-holds/new' }] },
    ],
  },
  'GET /api/v1/evidence-holds': {
    note: 'the holds, each linked',
    pages: [{ who: 'procurator', path: '/evidence-holds', evidence: [{ link: '/evidence-holds/:id' }] }],
  },
  'POST /api/v1/evidence-holds/{id}/release': {
    note: 'the hold’s page has the form that releases it',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/evidence-holds/${ids.hold}`,
        evidence: [{ form: 'POST /evidence-holds/:id/release' }],
      },
    ],
  },

  // --- Accounts -------------------------------------------------------------------------------
  'GET /api/v1/users': {
    note: 'the administrator’s list of accounts, each linked',
    pages: [{ who: 'admin', path: '/accounts', evidence: [{ link: '/accounts/users/:id' }] }],
  },
  'GET /api/v1/users/{id}': {
    note: 'one account’s page',
    pages: [
      { who: 'admin', path: (ids) => `/accounts/users/${ids.user}`, evidence: [{ shows: text('monitor') }] },
    ],
  },
  'POST /api/v1/users/{id}/disable': {
    note: 'the account page’s disable form',
    pages: [
      {
        who: 'admin',
        path: (ids) => `/accounts/users/${ids.user}`,
        evidence: [{ form: 'POST /accounts/users/:id/disable' }],
      },
    ],
  },
  'POST /api/v1/users/{id}/enable': {
    note: 'a disabled account’s page has the enable form',
    pages: [
      {
        who: 'admin',
        path: (ids) => `/accounts/users/${ids.disabledUser}`,
        evidence: [{ form: 'POST /accounts/users/:id/enable' }],
      },
    ],
  },
  'POST /api/v1/users/{id}/password': {
    note: 'the account page’s temporary password form',
    pages: [
      {
        who: 'admin',
        path: (ids) => `/accounts/users/${ids.user}`,
        evidence: [{ form: 'POST /accounts/users/:id/password' }],
      },
    ],
  },
  'GET /api/v1/tokens': {
    note: 'the service accounts on /accounts, each linked',
    pages: [{ who: 'admin', path: '/accounts', evidence: [{ link: '/accounts/tokens/:id' }] }],
  },
  'POST /api/v1/tokens/{id}/revoke': {
    note: 'the service account’s page has the revoke form',
    pages: [
      {
        who: 'admin',
        path: (ids) => `/accounts/tokens/${ids.token}`,
        evidence: [{ form: 'POST /accounts/tokens/:id/revoke' }],
      },
    ],
  },

  // --- Integrity ------------------------------------------------------------------------------
  'GET /api/v1/integrity': {
    note: 'the integrity report (administrator, monitor)',
    pages: [
      { who: 'admin', path: '/integrity', evidence: [{ form: 'GET /integrity' }] },
      { who: 'monitor', path: '/integrity', evidence: [{ form: 'GET /integrity' }] },
    ],
  },
  'POST /api/v1/integrity/check': {
    note: 'the integrity page’s “check now” form',
    pages: [{ who: 'admin', path: '/integrity', evidence: [{ form: 'POST /integrity/check' }] }],
  },

  // --- Medical: the injury report's form (issue 19) ---------------------------------------------
  'POST /api/v1/medical/people/{personId}/reports': {
    note: 'the injury report’s form on an examination (a second opinion with secondOpinionOf), signed on finishing',
    pages: [
      {
        who: 'medical',
        path: () => `/medical/people/${medical.person}/reports/new?examination=${medical.examination}`,
        evidence: [{ form: 'POST /medical/people/:personId/reports' }],
      },
      {
        who: 'medical',
        path: () =>
          `/medical/people/${medical.person}/reports/new?examination=${medical.examination}&secondOpinionOf=${medical.report}`,
        evidence: [{ form: 'POST /medical/people/:personId/reports' }],
      },
    ],
  },
  'POST /api/v1/medical/people/{personId}/reports/{reportId}/amendments': {
    note: 'the amendment form, prefilled with the latest version of the clinician’s report',
    pages: [
      {
        who: 'medical',
        path: () => `/medical/people/${medical.person}/reports/${medical.report}/amend`,
        evidence: [{ form: 'POST /medical/people/:personId/reports/:reportId/amendments' }],
      },
    ],
  },
  'POST /api/v1/medical/people/{personId}/photos': {
    note: 'each finding of the injury report’s form attaches a photograph, sent with the form (multipart) and sealed as it arrives',
    pages: [
      {
        who: 'medical',
        path: () => `/medical/people/${medical.person}/reports/new?examination=${medical.examination}`,
        evidence: [
          { form: 'POST /medical/people/:personId/reports' },
          { shows: text('Attach the photograph') },
        ],
      },
    ],
  },
  'GET /api/v1/medical/people/{personId}/photos/{sha256}': {
    note: 'the photographs of a report’s findings on its amendment form, each shown and linked',
    pages: [
      {
        who: 'medical',
        path: () => `/medical/people/${medical.person}/reports/${medical.report}/amend`,
        evidence: [{ link: '/api/v1/medical/people/:personId/photos/:sha256' }],
      },
    ],
  },

  // --- Medical: the doctor's pages and what the others see (issue 19) ---------------------------
  'GET /api/v1/medical/key': {
    note: 'the clinician’s own key on the key page: its id, public key and whether it is unlocked',
    pages: [
      {
        who: 'medical',
        path: '/medical/key',
        evidence: [{ shows: text('Key identifier') }, { shows: text('Public key (Ed25519)') }],
      },
    ],
  },
  'POST /api/v1/medical/key': {
    note: 'a clinician without a key creates it on the key page, where the home page sends them',
    pages: [
      { who: 'medical-women', path: '/', evidence: [{ link: '/medical/key' }] },
      { who: 'medical-women', path: '/medical/key', evidence: [{ form: 'POST /medical/key' }] },
    ],
  },
  'POST /api/v1/medical/key/unlock': {
    note: 'the key page’s unlock form, for a session whose key is locked',
    pages: [{ who: 'medical', path: '/medical/key', evidence: [{ form: 'POST /medical/key/unlock' }] }],
  },
  'POST /api/v1/medical/key/lock': {
    note: 'the key page’s lock button, for a session whose key is unlocked',
    pages: [
      { who: 'medical, key unlocked', path: '/medical/key', evidence: [{ form: 'POST /medical/key/lock' }] },
    ],
  },
  'POST /api/v1/medical/key/passphrase': {
    note: 'the key page’s form that changes the passphrase',
    pages: [{ who: 'medical', path: '/medical/key', evidence: [{ form: 'POST /medical/key/passphrase' }] }],
  },
  'GET /api/v1/medical/people/{personId}': {
    note: 'a person’s medical record, linked from the worklist, each read recorded with the purpose its form states',
    pages: [
      { who: 'medical', path: '/medical', evidence: [{ link: '/medical/people/:personId' }] },
      {
        who: 'medical',
        path: () => `/medical/people/${medical.person}`,
        evidence: [
          { form: 'GET /medical/people/:personId' },
          { link: '/medical/people/:personId/reports/:reportId' },
        ],
      },
    ],
  },
  'GET /api/v1/medical/people/{personId}/examinations': {
    note: 'that a person was examined, when, by whom, fit or unfit: the custody episode’s and the stay’s pages show it for each of their episodes',
    pages: [
      {
        who: 'custody',
        path: (ids) => `/custody/${ids.episode}`,
        evidence: [{ shows: text('Medical examinations') }],
      },
    ],
  },
  'GET /api/v1/medical/episodes/{context}/{id}/examinations': {
    note: 'the examinations of a custody episode or a stay, without clinical content, on its page',
    pages: [
      {
        who: 'custody',
        path: (ids) => `/custody/${ids.episode}`,
        evidence: [{ shows: text('Medical examinations') }],
      },
      {
        who: 'prison',
        path: (ids) => `/prison/stays/${ids.stay}`,
        evidence: [{ shows: text('Medical examinations') }],
      },
    ],
  },
  'POST /api/v1/medical/people/{personId}/examinations': {
    note: 'the examination form, linked from the worklist, the medical record and the episode’s page',
    pages: [
      {
        who: 'medical',
        path: (ids) => `/medical/people/${ids.person}/examinations/new?episode=custody:${ids.episode}`,
        evidence: [{ form: 'POST /medical/people/:personId/examinations' }],
      },
      {
        who: 'medical',
        path: () => `/medical/people/${medical.person}`,
        evidence: [{ link: '/medical/people/:personId/examinations/new' }],
      },
    ],
  },
  'POST /api/v1/medical/people/{personId}/reports/{reportId}/disclosures': {
    note: 'the disclosure form on the report’s page: recipient, legal basis, court order, consent',
    pages: [
      {
        who: 'medical',
        path: () => `/medical/people/${medical.person}/reports/${medical.report}`,
        evidence: [{ form: 'POST /medical/people/:personId/reports/:reportId/disclosures' }],
      },
    ],
  },
  'GET /api/v1/medical/people/{personId}/reports/{reportId}/signed': {
    note: 'the report’s page links its signed export for habeas medical verify, and its printed copy',
    pages: [
      {
        who: 'medical',
        path: () => `/medical/people/${medical.person}/reports/${medical.report}`,
        evidence: [
          { link: '/api/v1/medical/people/:personId/reports/:reportId/signed' },
          { link: '/medical/people/:personId/reports/:reportId/print' },
        ],
      },
    ],
  },
  'GET /api/v1/medical/referrals/{reference}': {
    note: 'the procurator’s list links a doctor’s referral to its page: the fact, and the report once disclosed',
    pages: [
      { who: 'procurator', path: '/allegations', evidence: [{ link: '/medical/referrals/:reference' }] },
      {
        who: 'procurator',
        path: () => `/medical/referrals/${medical.reference}`,
        evidence: [{ shows: text('Medical referral') }],
      },
    ],
  },

  // --- Criminal case files (issue 20) -------------------------------------------------------
  'GET /api/v1/cases': {
    note: 'the procurator’s list of criminal cases, each linked; the judge’s of the cases before their courts',
    pages: [{ who: 'procurator', path: '/cases', evidence: [{ link: '/cases/:caseId' }] }],
  },
  'POST /api/v1/cases': {
    note: 'the list links to the open-case form, which posts to its own address',
    pages: [
      { who: 'procurator', path: '/cases', evidence: [{ link: '/cases/new' }] },
      { who: 'procurator', path: '/cases/new', evidence: [{ form: 'POST /cases/new' }] },
    ],
  },
  'GET /api/v1/cases/statistics': {
    note: 'the case statistics of the monitor and the statistician: counts only',
    pages: [{ who: 'monitor', path: '/cases/statistics', evidence: [{ shows: text('Case statistics') }] }],
  },
  'GET /api/v1/cases/{caseId}': {
    note: 'the case file read whole',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.decided.id}`,
        evidence: [{ shows: (ids) => ids.cases.decided.number }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/allegations': {
    note: 'the case file links to the form of joining an allegation into the case',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/allegations' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/allegations`,
        evidence: [{ form: 'POST /cases/:caseId/allegations' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/suspects': {
    note: 'the case file links to the form of identifying an official of the register as a suspect',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/suspects' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/suspects`,
        evidence: [{ form: 'POST /cases/:caseId/suspects' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/update': {
    note: 'the case file links to the form of changing the investigating body or the tags',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/update' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/update`,
        evidence: [{ form: 'POST /cases/:caseId/update' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/victims': {
    note: 'the case file links to the form of recognising a victim',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/victims' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/victims`,
        evidence: [{ form: 'POST /cases/:caseId/victims' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/documents': {
    note: 'the case file links to the form of adding a document by its digest',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/documents' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/documents`,
        evidence: [{ form: 'POST /cases/:caseId/documents' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/redress': {
    note: 'the case file links to the form of deciding compensation',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/redress' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/redress`,
        evidence: [{ form: 'POST /cases/:caseId/redress' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/rehabilitation': {
    note: 'the case file links to the form of recording rehabilitation',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/rehabilitation' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/rehabilitation`,
        evidence: [{ form: 'POST /cases/:caseId/rehabilitation' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/evidence-exclusions': {
    note: 'the case file links to the form of excluding evidence obtained under torture',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/evidence-exclusions' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/evidence-exclusions`,
        evidence: [{ form: 'POST /cases/:caseId/evidence-exclusions' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/nullities': {
    note: 'the case file links to the form of declaring decisions void',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/nullities' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/nullities`,
        evidence: [{ form: 'POST /cases/:caseId/nullities' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/discontinuations': {
    note: 'the case file links to the form of discontinuing the prosecution',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/discontinuations' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/discontinuations`,
        evidence: [{ form: 'POST /cases/:caseId/discontinuations' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/court-referrals': {
    note: 'the case file links to the form of sending the charged to court',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/court-referrals' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/court-referrals`,
        evidence: [{ form: 'POST /cases/:caseId/court-referrals' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/resumptions': {
    note: 'the case file links to the form of resuming a discontinued prosecution',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.discontinued}`,
        evidence: [{ link: '/cases/:caseId/resumptions' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.discontinued}/resumptions`,
        evidence: [{ form: 'POST /cases/:caseId/resumptions' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/redress/{redressId}/payments': {
    note: 'the case file links an award not yet paid in full to its payment form',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/redress/:redressId/payments' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/redress/${ids.cases.open.redress}/payments`,
        evidence: [{ form: 'POST /cases/:caseId/redress/:redressId/payments' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/suspension': {
    note: 'the case file links a defendant to the form of the suspension from office of a suspect not yet suspended',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/defendants/:officialId/suspension' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/defendants/${ids.cases.open.suspect}/suspension`,
        evidence: [{ form: 'POST /cases/:caseId/defendants/:officialId/suspension' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/charges': {
    note: 'the case file links a defendant to the form of a charge (a new one reclassifies)',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}`,
        evidence: [{ link: '/cases/:caseId/defendants/:officialId/charges' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.open.id}/defendants/${ids.cases.open.charged}/charges`,
        evidence: [{ form: 'POST /cases/:caseId/defendants/:officialId/charges' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/verdicts': {
    note: 'the case file links a defendant to the form of the verdict on a defendant before the court',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.inCourt.id}`,
        evidence: [{ link: '/cases/:caseId/defendants/:officialId/verdicts' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.inCourt.id}/defendants/${ids.cases.inCourt.official}/verdicts`,
        evidence: [{ form: 'POST /cases/:caseId/defendants/:officialId/verdicts' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/appeals': {
    note: 'the case file links a defendant to the form of an appeal of a verdict',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.decided.id}`,
        evidence: [{ link: '/cases/:caseId/defendants/:officialId/appeals' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.decided.id}/defendants/${ids.cases.decided.official}/appeals`,
        evidence: [{ form: 'POST /cases/:caseId/defendants/:officialId/appeals' }],
      },
    ],
  },
  'POST /api/v1/cases/{caseId}/defendants/{officialId}/appeal-decisions': {
    note: 'the case file links a defendant to the form of the appeal court’s decision on a pending appeal',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.decided.id}`,
        evidence: [{ link: '/cases/:caseId/defendants/:officialId/appeal-decisions' }],
      },
      {
        who: 'procurator',
        path: (ids) =>
          `/cases/${ids.cases.decided.id}/defendants/${ids.cases.decided.appealed}/appeal-decisions`,
        evidence: [{ form: 'POST /cases/:caseId/defendants/:officialId/appeal-decisions' }],
      },
    ],
  },
  'GET /api/v1/officials': {
    note: 'the register of officials, searched by name and region, each linked',
    pages: [{ who: 'procurator', path: '/officials', evidence: [{ link: '/officials/:officialId' }] }],
  },
  'POST /api/v1/officials': {
    note: 'the register links to its form, which posts to its own address',
    pages: [
      { who: 'procurator', path: '/officials', evidence: [{ link: '/officials/new' }] },
      { who: 'procurator', path: '/officials/new', evidence: [{ form: 'POST /officials/new' }] },
    ],
  },
  'GET /api/v1/officials/{officialId}': {
    note: 'a defendant in a case file links to the official’s page, with the cases naming them',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/cases/${ids.cases.decided.id}`,
        evidence: [{ link: '/officials/:officialId' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/officials/${ids.cases.decided.official}`,
        evidence: [{ link: '/cases/:caseId' }],
      },
    ],
  },
  'POST /api/v1/officials/{officialId}/changes': {
    note: 'the official’s page links to the form that changes the entry with its reason',
    pages: [
      {
        who: 'procurator',
        path: (ids) => `/officials/${ids.cases.decided.official}`,
        evidence: [{ link: '/officials/:officialId/edit' }],
      },
      {
        who: 'procurator',
        path: (ids) => `/officials/${ids.cases.decided.official}/edit`,
        evidence: [{ form: 'POST /officials/:officialId/edit' }],
      },
    ],
  },

  // --- The read audit -------------------------------------------------------------------------
  'GET /api/v1/audit': {
    note: 'who read a record, when and why: the audit page (the monitor’s and procurator’s menu), linked from the pages of a person, an episode, a stay and an allegation',
    pages: [
      {
        who: 'monitor',
        path: (ids) => `/audit?kind=person&record=${ids.person}`,
        evidence: [{ form: 'GET /audit' }, { link: '/people/:id' }],
      },
      { who: 'procurator', path: '/', evidence: [{ link: '/audit' }] },
      { who: 'monitor', path: (ids) => `/people/${ids.person}`, evidence: [{ link: '/audit' }] },
      { who: 'monitor', path: (ids) => `/custody/${ids.episode}`, evidence: [{ link: '/audit' }] },
      { who: 'monitor', path: (ids) => `/prison/stays/${ids.stay}`, evidence: [{ link: '/audit' }] },
      { who: 'procurator', path: (ids) => `/allegations/${ids.allegation}`, evidence: [{ link: '/audit' }] },
    ],
  },
};

/**
 * Operations a role may use through the API that no page offers yet (issue 18). Each names the page
 * a person would expect; the check runs as for REACH and is expected to fail until it is built.
 */
const GAPS: Record<string, { role: string; missing: string; expected: Page }> = {};

// ------------------------------------------------------------------------------------------------

const PARAM: Record<string, string> = {
  id: '[0-9a-z]{26}',
  reference: '[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}',
  sha256: '[0-9a-f]{64}',
  personId: '[0-9a-z]{26}',
  reportId: '[0-9a-z]{26}',
  caseId: '[0-9a-z]{26}',
  officialId: '[0-9a-z]{26}',
  redressId: '[0-9a-z]{26}',
};

/** A route pattern (`/custody/:id/events`) as a regular expression for concrete paths, with any query. */
function patternOf(route: string): RegExp {
  const source = route
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const param = PARAM[part.slice(1)];
      if (!param) throw new Error(`no pattern for the parameter ${part} of ${route}`);
      return param;
    })
    .join('/');
  return new RegExp(`^${source}(?:\\?.*)?$`);
}

const decode = (html: string): string =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const attribute = (tag: string, name: string): string | null => {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return found ? decode(found[1] ?? '') : null;
};

let h: Harness;
let seeded: DemoAccounts;
let ids: Ids;
/** The demo's injury report with photographs (issue 19): its person, examination and report. */
let medical: { person: string; examination: string; report: string; reference: string };
const sessions = new Map<Who, { cookie: string; csrfToken: string }>();
const ROUTE_METHODS = ['GET', 'POST'] as const;

/** The web route `METHOD /pattern` is registered in the app. */
function routeExists(route: string): boolean {
  const [method = '', url = ''] = route.split(' ');
  if (!ROUTE_METHODS.includes(method as (typeof ROUTE_METHODS)[number]))
    throw new Error(`bad route ${route}`);
  return h.app.hasRoute({ method: method as 'GET' | 'POST', url });
}

const pathOf = (page: Page): string => (typeof page.path === 'string' ? page.path : page.path(ids));

async function render(page: Page): Promise<{ status: number; html: string }> {
  const url = pathOf(page);
  const lang = url.includes('lang=') ? '' : `${url.includes('?') ? '&' : '?'}lang=en`;
  let cookie = '';
  if (page.who === 'kiosk') cookie = `${KIOSK_COOKIE}=${h.app.signCookie(seeded.kiosk.token)}`;
  else if (page.who !== 'public') cookie = (await session(page.who)).cookie;
  if (page.post) {
    const signed = await session(page.who);
    const body = form({ _csrf: signed.csrfToken, ...page.post });
    const response = await h.app.inject({
      method: 'POST',
      url: url + lang,
      payload: body.payload,
      headers: { ...body.headers, cookie },
    });
    return { status: response.statusCode, html: response.body };
  }
  const response = await h.app.inject({ url: url + lang, headers: cookie === '' ? {} : { cookie } });
  return { status: response.statusCode, html: response.body };
}

async function session(who: Who): Promise<{ cookie: string; csrfToken: string }> {
  const known = sessions.get(who);
  if (known) return known;
  if (who === 'medical, key unlocked') {
    const result = await login(h.store, { username: 'medical', password: DEMO_PASSWORD, ip: '127.0.0.1' });
    if (!result) throw new Error('the demo account medical cannot sign in');
    const signed = {
      cookie: `${SESSION_COOKIE}=${h.app.signCookie(result.sessionId)}`,
      csrfToken: result.csrfToken,
    };
    const unlock = form({ _csrf: signed.csrfToken, unlockPassphrase: DEMO_CLINICIAN_PASSPHRASE });
    const unlocked = await h.app.inject({
      method: 'POST',
      url: '/medical/key/unlock',
      payload: unlock.payload,
      headers: { ...unlock.headers, cookie: signed.cookie },
    });
    expect(unlocked.statusCode, unlocked.body).toBe(303);
    sessions.set(who, signed);
    return signed;
  }
  if (who === 'complaints-officer, key locked') {
    const signed = await h.session('complaints-officer');
    sessions.set(who, signed);
    return signed;
  }
  const result = await login(h.store, { username: who, password: DEMO_PASSWORD, ip: '127.0.0.1' });
  if (!result) throw new Error(`the demo account ${who} cannot sign in`);
  const signed = {
    cookie: `${SESSION_COOKIE}=${h.app.signCookie(result.sessionId)}`,
    csrfToken: result.csrfToken,
  };
  sessions.set(who, signed);
  return signed;
}

/** Renders the page as its role and checks each piece of evidence; the reasons it fails, if any. */
async function check(page: Page): Promise<string[]> {
  const { status, html } = await render(page);
  const where = `${page.who} on ${pathOf(page)}`;
  if (status !== 200) return [`${where}: ${status}`];
  const body = decode(html);
  const problems: string[] = [];
  for (const evidence of page.evidence) {
    if ('form' in evidence) {
      const [method = '', route = ''] = evidence.form.split(' ');
      const pattern = patternOf(route);
      const forms = html.match(/<form\b[^>]*>/g) ?? [];
      const found = forms.some(
        (tag) =>
          (attribute(tag, 'method') ?? 'get').toUpperCase() === method &&
          pattern.test(attribute(tag, 'action') ?? ''),
      );
      if (!found) problems.push(`${where}: no <form method="${method.toLowerCase()}"> to ${route}`);
      if (!routeExists(evidence.form))
        problems.push(`${where}: the web route ${evidence.form} does not exist`);
    } else if ('link' in evidence) {
      const pattern = patternOf(evidence.link);
      const links = html.match(/<a\b[^>]*>/g) ?? [];
      if (!links.some((tag) => pattern.test(attribute(tag, 'href') ?? '')))
        problems.push(`${where}: no link to ${evidence.link}`);
      if (!evidence.link.startsWith('/api/') && !routeExists(`GET ${evidence.link}`))
        problems.push(`${where}: the web route GET ${evidence.link} does not exist`);
    } else if ('script' in evidence) {
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      if (!scripts.some((tag) => attribute(tag, 'src') === evidence.script))
        problems.push(`${where}: the page does not load ${evidence.script}`);
      const served = await h.app.inject({ url: evidence.script });
      if (evidence.script !== '/static/kiosk.js' && served.statusCode !== 200)
        problems.push(`${where}: ${evidence.script} is not served (${served.statusCode})`);
      if (!html.includes(evidence.attribute(ids)))
        problems.push(`${where}: the page does not carry ${evidence.attribute(ids)}`);
      const source = await readFile(new URL(`../../${evidence.source}`, import.meta.url), 'utf8');
      if (!source.includes(evidence.calls))
        problems.push(`${evidence.source} no longer makes the call ${evidence.calls}`);
      if (evidence.route && !routeExists(evidence.route))
        problems.push(`${where}: the web route ${evidence.route} does not exist`);
    } else {
      const shown = await evidence.shows(ids);
      if (!body.includes(shown)) problems.push(`${where}: does not show ${shown}`);
    }
  }
  return problems;
}

async function operations(): Promise<string[]> {
  const response = await h.app.inject({ url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  const document = response.json<{ paths: Record<string, Record<string, unknown>> }>();
  const found: string[] = [];
  for (const [path, methods] of Object.entries(document.paths))
    for (const method of Object.keys(methods))
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
        found.push(`${method.toUpperCase()} ${path}`);
  return found;
}

/** Issue 20: the demo's case files, and the defendants and awards whose next step has a form. */
interface CaseFiles {
  /** The January 2022 case: decided; `official` convicted, `appealed` convicted with an appeal pending. */
  decided: { id: string; number: string; official: string; appealed: string };
  /** A case under investigation: `charged` charged, `suspect` not yet suspended, `redress` not yet paid. */
  open: { id: string; charged: string; suspect: string; redress: string };
  /** A case whose defendant is before the court. */
  inCourt: { id: string; official: string };
  discontinued: string;
}

/**
 * The demo's case files (src/demo/cases.ts) as the steps' forms need them: through the API as the
 * procurator keeps a file, an appeal filed in the decided case, a suspect identified and an award
 * decided in one under investigation, and a defendant of the other sent to court.
 */
async function caseFiles(): Promise<CaseFiles> {
  const db = h.store.db;
  const api = async (url: string, payload: unknown) => {
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: h.bearer('procurator'),
      payload: payload as Record<string, unknown>,
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<{
      id: string;
      victims: { victimId: string }[];
      redress: { redressId: string }[];
    }>();
  };
  const now = new Date();
  const today = new Date(now.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
  const official = async (name: string, region: string) =>
    (await api('/officials', { name, position: 'оперуполномоченный', agency: 'police', region })).id;
  const decided = await db
    .selectFrom('cases')
    .select(['id', 'number'])
    .where('tags', 'like', '%january-2022%')
    .executeTakeFirstOrThrow();
  const convicted = await db
    .selectFrom('case_defendants')
    .select('official_id')
    .where('case_id', '=', decided.id)
    .where('stage', '=', 'convicted')
    .orderBy('official_id')
    .execute();
  const [first, second] = convicted.map((row) => row.official_id);
  if (first === undefined || second === undefined)
    throw new Error('the demo has two convicted in January 2022');
  await api(`/cases/${decided.id}/defendants/${second}/appeals`, { by: 'victim', filedOn: today });
  const charged = await db
    .selectFrom('case_defendants')
    .select(['case_id', 'official_id'])
    .where('stage', '=', 'charged')
    .executeTakeFirstOrThrow();
  const suspect = await official('Касенов Ильяс', 'KZ-35');
  await api(`/cases/${charged.case_id}/suspects`, {
    officialId: suspect,
    identifiedAt: new Date(now.getTime() - 3_600_000).toISOString(),
  });
  const open = await api(`/cases/${charged.case_id}/documents`, {
    kind: 'decision',
    title: 'Постановление о признании потерпевшим',
    dated: today,
    submittedBy: 'investigator',
    digest: { sha256: 'ab'.repeat(32), size: 2048, mediaType: 'application/pdf' },
  });
  const victim = open.victims[0]?.victimId ?? '';
  const awarded = await api(`/cases/${charged.case_id}/redress`, {
    victimId: victim,
    by: 'victims-fund',
    category: 'torture-victim',
    purpose: 'rehabilitation',
    amountKzt: 150_000,
    decidedOn: today,
  });
  const other = await db
    .selectFrom('cases')
    .select('id')
    .where('status', '=', 'investigation')
    .where('id', '!=', charged.case_id)
    .executeTakeFirstOrThrow();
  const defendant = await official('Мухамедов Нурлан', 'KZ-75');
  await api(`/cases/${other.id}/suspects`, {
    officialId: defendant,
    identifiedAt: new Date(now.getTime() - 2 * 3_600_000).toISOString(),
    suspension: {
      suspendedAt: new Date(now.getTime() - 3_600_000).toISOString(),
      orderedBy: 'Начальник ДП г. Алматы',
    },
  });
  await api(`/cases/${other.id}/defendants/${defendant}/charges`, { article: '146 ч. 1', chargedOn: today });
  await api(`/cases/${other.id}/court-referrals`, {
    officialIds: [defendant],
    court: { name: 'Алмалинский районный суд г. Алматы', region: 'KZ-75' },
    sentOn: today,
  });
  const discontinued = await db
    .selectFrom('cases')
    .select('id')
    .where('status', '=', 'discontinued')
    .executeTakeFirstOrThrow();
  return {
    decided: { id: decided.id, number: decided.number, official: first, appealed: second },
    open: {
      id: charged.case_id,
      charged: charged.official_id,
      suspect,
      redress: awarded.redress.at(-1)?.redressId ?? '',
    },
    inCourt: { id: other.id, official: defendant },
    discontinued: discontinued.id,
  };
}

/** A complaint with an attached file, as the kiosk's script sends it (sealed, then uploaded). */
async function complaintWithMedia(
  facilityId: string,
  token: string,
): Promise<{ reference: string; sha256: string }> {
  const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json<{ publicKey: string }>();
  const file = randomBytes(2_000);
  const sealedFile = await sealTo(fromBase64(key.publicKey), file);
  const sha256 = createHash('sha256').update(sealedFile.ciphertext).digest('hex');
  const plaintext = new TextEncoder().encode(
    JSON.stringify({
      v: 1,
      text: 'Прилагаю письмо администрации.',
      language: 'ru',
      writtenAt: new Date().toISOString(),
      media: [{ sha256, type: 'application/pdf', kind: 'file', name: 'письмо.pdf', bytes: file.length }],
    }),
  );
  const authorization = { authorization: `Bearer ${token}` };
  const submitted = await h.app.inject({
    method: 'POST',
    url: '/api/v1/complaints',
    headers: authorization,
    payload: {
      facilityId,
      category: 'conditions',
      sealed: sealedToWire(await sealTo(fromBase64(key.publicKey), plaintext)),
      pin: '1357',
    },
  });
  expect(submitted.statusCode, submitted.body).toBe(201);
  const { reference } = submitted.json<ComplaintReceipt>();
  const boundary = 'habeas-api-pages';
  const uploaded = await h.app.inject({
    method: 'POST',
    url: `/api/v1/complaints/${reference}/media`,
    headers: { ...authorization, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="enc"\r\n\r\n${Buffer.from(sealedFile.enc).toString('base64')}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sealed.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(sealedFile.ciphertext),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  return { reference, sha256 };
}

/** The demo's first injury report whose findings carry photographs, with its person and examination. */
async function medicalReportWithPhotographs(): Promise<Omit<typeof medical, 'reference'>> {
  const photographed = await h.store.db.selectFrom('medical_photos').select('record_id').execute();
  const report = await h.store.db
    .selectFrom('medical_reports')
    .select(['id', 'person_id', 'examination_id'])
    .where('record_id', 'in', [...new Set(photographed.map((row) => row.record_id)), ''])
    .where('second_opinion_of', 'is', null)
    .orderBy('first_finished_at')
    .executeTakeFirstOrThrow();
  return { person: report.person_id, examination: report.examination_id, report: report.id };
}

/** Cheap argon2id for the test's keys (the demo uses the default). */
const TEST_KDF = { kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 } };

beforeAll(async () => {
  h = await startHarness('sqlite');
  await initSealing(h.dataDir, DEMO_SEALING_PASSPHRASE, TEST_KDF);
  await initSealing(h.dataDir, DEMO_PROCURATOR_PASSPHRASE, { ...TEST_KDF, recipient: 'procurator' });
  seeded = await seedDemo(h.store, () => new Date(), DEFAULT_CUSTODY_RULES, { dataDir: h.dataDir });
  const facility = (key: string): string => {
    const id = seeded.facilities[key];
    if (!id) throw new Error(`the demo has no facility ${key}`);
    return id;
  };
  const womenPrison = facility('prison-women');
  const db = h.store.db;
  const episode = await db
    .selectFrom('custody_episodes')
    .select(['id', 'person_id'])
    .where('facility_id', '=', facility('ivs-astana'))
    .where('status', '=', 'in-custody')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const stay = await db
    .selectFrom('prison_stays')
    .select('id')
    .where('facility_id', '=', facility('sizo-almaty'))
    .where('status', '=', 'held')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  // A recording no active hold at its facility could cover (a held one has no deletion form).
  const holds = await db
    .selectFrom('evidence_holds')
    .select('place_key')
    .where('facility_id', '=', womenPrison)
    .where('status', '=', 'active')
    .execute();
  const footage = (
    await db
      .selectFrom('footage_refs')
      .select(['id', 'place_key'])
      .where('facility_id', '=', womenPrison)
      .where('status', '=', 'kept')
      .orderBy('id')
      .execute()
  ).find((row) => !holds.some((hold) => hold.place_key === null || hold.place_key === row.place_key));
  if (!footage) throw new Error('the demo has no recording in the women’s prison free of holds');
  const hold = await db
    .selectFrom('evidence_holds')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const complaint = await db
    .selectFrom('complaints')
    .select('reference')
    .where('status', '=', 'received')
    .where('category', '!=', 'torture-or-ill-treatment')
    .orderBy('reference')
    .executeTakeFirstOrThrow();
  const allegation = await db
    .selectFrom('complaints')
    .select('reference')
    .where('category', '=', 'torture-or-ill-treatment')
    .where('allegation', '=', 1)
    .orderBy('reference')
    .executeTakeFirstOrThrow();
  // kz.allegation.conflict: with the investigating judge, never the procurator (allegation = 2).
  const judgeAllegation = await db
    .selectFrom('complaints')
    .select('reference')
    .where('allegation', '=', 2)
    .orderBy('reference')
    .executeTakeFirstOrThrow();
  const reprisal = await db
    .selectFrom('reprisal_flags as r')
    .innerJoin('complaints as c', 'c.id', 'r.complaint_id')
    .select('c.reference')
    .orderBy('r.seq')
    .executeTakeFirstOrThrow();
  const account = async (username: string) =>
    (await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow())
      .id;
  const disabledUser = await account('statistician');
  const disabled = await h.app.inject({
    method: 'POST',
    url: `/api/v1/users/${disabledUser}/disable`,
    headers: h.bearer('admin'),
    payload: { reason: 'left the service' },
  });
  expect(disabled.statusCode, disabled.body).toBe(200);
  const token = await db
    .selectFrom('accounts')
    .select('id')
    .where('role', '=', 'kiosk')
    .where('name', '=', 'Киоск, женская колония, блок А')
    .executeTakeFirstOrThrow();
  const withMedia = await complaintWithMedia(womenPrison, seeded.kiosk.token);
  ids = {
    facility: facility('sizo-almaty'),
    person: episode.person_id,
    episode: episode.id,
    stay: stay.id,
    footage: footage.id,
    footageFacility: womenPrison,
    hold: hold.id,
    complaint: complaint.reference,
    allegation: allegation.reference,
    judgeAllegation: judgeAllegation.reference,
    reprisal: reprisal.reference,
    withMedia,
    user: await account('monitor'),
    disabledUser,
    token: token.id,
    cases: await caseFiles(),
  };
  const referral = await h.store.db
    .selectFrom('medical_referrals')
    .select('reference')
    .orderBy('referred_at')
    .executeTakeFirstOrThrow();
  medical = { ...(await medicalReportWithPhotographs()), reference: referral.reference };
  // The complaints officer unlocks the authority's key on its page: the inbox then offers to lock it,
  // and a complaint opens.
  const officer = await session('complaints');
  const unlock = form({ _csrf: officer.csrfToken, passphrase: DEMO_SEALING_PASSPHRASE });
  const unlocked = await h.app.inject({
    method: 'POST',
    url: '/complaints/unlock',
    payload: unlock.payload,
    headers: { ...unlock.headers, cookie: officer.cookie },
  });
  expect(unlocked.statusCode, unlocked.body).toBe(303);
}, 120_000);

afterAll(async () => h?.close());

describe('every operation of the OpenAPI document is reachable from a page', () => {
  test('every operation of the OpenAPI document is in the table (as reached from a page, for machines only, or a known gap)', async () => {
    const known = new Set([...Object.keys(REACH), ...Object.keys(GAPS)]);
    const missing = (await operations()).filter((operation) => !known.has(operation));
    expect(
      missing,
      'operations of /api/openapi.json that the table does not say how a person reaches',
    ).toEqual([]);
  });

  test('the table names no operation the OpenAPI document no longer has', async () => {
    const offered = new Set(await operations());
    const gone = [...Object.keys(REACH), ...Object.keys(GAPS)].filter((operation) => !offered.has(operation));
    expect(gone, 'operations in the table that /api/openapi.json no longer has').toEqual([]);
  });

  test('an operation is either reached from a page or a known gap, never both', () => {
    expect(Object.keys(GAPS).filter((operation) => Object.hasOwn(REACH, operation))).toEqual([]);
  });

  test('every machine-only operation says why, in one line', () => {
    for (const [operation, reach] of Object.entries(REACH)) {
      if (!('machine' in reach)) continue;
      expect(reach.machine.trim(), operation).not.toBe('');
      expect(reach.machine, operation).not.toContain('\n');
    }
  });

  for (const [operation, reach] of Object.entries(REACH)) {
    if ('machine' in reach) {
      if (!reach.shownOn) continue;
      const page = reach.shownOn;
      const shown = typeof page.path === 'string' ? page.path : 'a page';
      test(`${operation} is for machines (${reach.machine}); a person sees it on ${shown}`, async () => {
        expect(await check(page)).toEqual([]);
      });
      continue;
    }
    test(`${operation}: a person reaches it from a page — ${reach.note}`, async () => {
      const problems: string[] = [];
      for (const page of reach.pages) problems.push(...(await check(page)));
      expect(problems).toEqual([]);
    });
  }
});

// Without a known gap there is no suite of them (an empty suite is an error).
if (Object.keys(GAPS).length > 0)
  describe('operations a role may use that have no page yet (expected to fail until the page is built)', () => {
    for (const [operation, gap] of Object.entries(GAPS)) {
      test.fails(`${operation} (${gap.role}) has no page: ${gap.missing}`, async () => {
        expect(await check(gap.expected)).toEqual([]);
      });
    }
  });
