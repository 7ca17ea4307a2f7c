import type {
  AllegationSummary,
  ComplaintSummary,
  ComplaintView,
  ProtectionRequestView,
} from '../../src/app/complaint-views.js';
import { clock, HOUR, iso, NOW } from './custody-fixtures.js';

/*
 * Views as the complaint services answer them (src/app/complaint-views.ts), for rendering the
 * complaint pages without a store: a complaint about conditions received 20 days ago by a kiosk,
 * a torture allegation joined with a case, a governor's pending request.
 */

export { context, HOUR, iso, NOW, official, render } from './custody-fixtures.js';

const DAY = 24 * HOUR;

export function complaintSummary(overrides: Partial<ComplaintSummary> = {}): ComplaintSummary {
  const submitted = NOW - 20 * DAY;
  return {
    reference: '7KQ2-M9XD-4HTA',
    facilityId: 'fac-ast',
    facilityName: 'СИЗО г. Астаны',
    category: 'conditions',
    channel: 'kiosk',
    status: 'received',
    submittedAt: iso(submitted),
    complainant: { personId: 'per1', name: 'Абенов Ерлан' },
    protectionRequested: false,
    transferRequested: false,
    answerDueAt: iso(submitted + 30 * DAY),
    clocks: [
      {
        ...clock('intl.complaint.answer', 20 * 24, 30 * 24),
        kind: 'breach',
        pack: 'intl',
      },
    ],
    findings: [],
    rerouted: null,
    sealedForProcurator: false,
    withJudge: null,
    ...overrides,
  };
}

/** A torture allegation: no answer clock (the procurator decides), a protection request's clock. */
export function allegationSummary(overrides: Partial<ComplaintSummary> = {}): ComplaintSummary {
  return complaintSummary({
    reference: 'AB12-CD34-EF56',
    category: 'torture-or-ill-treatment',
    status: 'referred-to-procurator',
    complainant: null,
    protectionRequested: true,
    transferRequested: true,
    answerDueAt: null,
    sealedForProcurator: true,
    clocks: [{ ...clock('kz.transfer.protection', 30, 24), kind: 'breach', pack: 'kz' }],
    findings: [
      {
        seq: 77,
        rule: 'kz.transfer.protection',
        kind: 'breach',
        at: iso(NOW - 6 * HOUR),
        detail: 'the governor did not decide the request for special protection within 24 hours',
        pack: 'kz',
        packVersion: '2026.1',
        recordedAt: iso(NOW - 6 * HOUR + 1000),
      },
    ],
    ...overrides,
  });
}

export const XSS_TEXT = '<script>alert("x")</script>\nМеня избили в камере №3 & <b>никто</b> не пришёл.';

export function complaintView(
  summary: ComplaintSummary = complaintSummary(),
  overrides: Partial<ComplaintView> = {},
): ComplaintView {
  return {
    ...summary,
    recordedAt: summary.submittedAt,
    statusAt: summary.submittedAt,
    caseNumber: null,
    content: { v: 1, text: XSS_TEXT, language: 'ru', writtenAt: summary.submittedAt, media: [] },
    contentError: null,
    contentProblem: null,
    reroutedBy: null,
    answers: [],
    closed: null,
    decisions: [],
    protectionRequests: [],
    media: [],
    ...overrides,
  };
}

export function allegationItem(overrides: Partial<AllegationSummary> = {}): AllegationSummary {
  return {
    caseFile: null,
    reference: 'AB12-CD34-EF56',
    source: 'kiosk',
    medical: null,
    facilityId: 'fac-ast',
    facilityName: 'СИЗО г. Астаны',
    submittedAt: iso(NOW - 3 * DAY),
    status: 'under-investigation',
    caseNumber: '257100031000123',
    complainant: null,
    protectionRequested: true,
    transferRequested: false,
    rerouted: null,
    sealedForProcurator: true,
    decisions: [
      {
        seq: 90,
        decision: 'joined',
        caseNumber: '257100031000123',
        joinedWith: null,
        reason: null,
        decidedAt: iso(NOW - DAY),
        actorName: 'Прокурор Сарсенова А.',
      },
    ],
    suspects: [],
    courtOutcomes: [],
    evidenceExcluded: [],
    findings: [],
    ...overrides,
  };
}

export function protectionRequest(overrides: Partial<ProtectionRequestView> = {}): ProtectionRequestView {
  return {
    id: 'req1',
    facilityId: 'fac-ast',
    facilityName: 'СИЗО г. Астаны',
    kind: 'protection',
    requestedAt: iso(NOW - 20 * HOUR),
    dueAt: iso(NOW + 4 * HOUR),
    status: 'pending',
    decidedAt: null,
    reason: null,
    person: { personId: 'per1', name: 'Абенов Ерлан' },
    ...overrides,
  };
}
