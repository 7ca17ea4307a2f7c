import type { RegimeView, StaySummary, StayTimelineEntry, StayView } from '../../src/app/prison-views.js';
import { clock, HOUR, iso, NOW } from './custody-fixtures.js';

/*
 * Views as the prison services answer them (src/app/prison-views.ts), for rendering the pages
 * without a store: a man on day 12 of a 30-day solitary placement after an earlier punishment
 * block, with a refused attempt in his log, clinical results (as the medical role reads them),
 * and the findings such a stay carries.
 */

export const DAY = 24 * HOUR;

export function regime(overrides: Partial<RegimeView> = {}): RegimeView {
  return {
    kind: 'solitary',
    localName: null,
    since: iso(NOW - 11 * DAY - HOUR),
    until: iso(NOW + 19 * DAY - HOUR),
    consecutiveDays: 12,
    plannedDays: 30,
    ...overrides,
  };
}

export const GENERAL: RegimeView = {
  kind: 'general',
  localName: null,
  since: null,
  until: null,
  consecutiveDays: 0,
  plannedDays: null,
};

function entry(
  seq: number,
  type: string,
  at: number | null,
  details: Record<string, unknown>,
  extra: Partial<StayTimelineEntry> = {},
): StayTimelineEntry {
  return {
    seq,
    version: seq - 200,
    type,
    at: at === null ? null : iso(at),
    recordedAt: iso((at ?? NOW) + 5 * 60_000),
    actor: 'acc1',
    actorName: 'Серик Ахметов',
    details,
    ...extra,
  };
}

const ADMITTED = NOW - 40 * DAY;

export function stayView(overrides: Partial<StayView> = {}): StayView {
  return {
    id: 'stay1',
    personId: 'per1',
    facilityId: 'fac-rc',
    status: 'held',
    admittedAt: iso(ADMITTED),
    recordedAt: iso(ADMITTED + 10 * 60_000),
    lifeSentence: false,
    juvenile: false,
    sex: 'male',
    commitmentOrder: {
      reference: '2-1234/2026',
      authority: 'Есильский районный суд г. Астаны',
      issuedOn: '2026-03-20',
      grounds: 'приговор, ст. 190 УК РК',
    },
    custodyId: 'cus1',
    deprivedOfLiberty: {
      at: iso(ADMITTED - 2 * DAY),
      place: 'ул. Кенесары 40, Астана',
      authority: 'ИВС г. Астаны',
    },
    person: {
      familyName: 'Нурланов',
      givenNames: 'Асхат',
      patronymic: 'Ерланович',
      birthDate: '1990-02-02',
      languages: ['kk', 'ru'],
    },
    facility: { id: 'fac-rc', name: 'СИЗО г. Астаны', kind: 'remand-centre', population: 'men' },
    regime: regime(),
    vulnerabilities: [{ kind: 'disability', worsenedBySeparation: true }],
    clocks: [
      clock('intl.solitary.prolonged', 11 * 24 + 1, 15 * 24, { kind: 'flag', pack: 'intl' }),
      clock('kz.admission.medical', 40 * 24, 24, {
        state: 'met',
        endedAt: iso(ADMITTED + 3 * HOUR),
        warning: null,
      }),
    ],
    findings: [
      {
        seq: 230,
        rule: 'intl.solitary.prolonged',
        kind: 'flag',
        at: iso(NOW - 11 * DAY),
        detail:
          'solitary of 30 days decided: more than 15 consecutive days in separation is prolonged solitary confinement (SMR 43-44)',
        pack: 'intl',
        packVersion: '2026.1',
        recordedAt: iso(NOW - 11 * DAY),
      },
    ],
    discipline: [
      {
        decisionId: 'd3',
        measure: 'punishment-block',
        days: 10,
        startsAt: iso(NOW - 30 * DAY),
        endsAt: iso(NOW - 20 * DAY),
        reason: 'драка в отряде',
        decidedAt: iso(NOW - 30 * DAY),
        appealed: true,
        appealOutcome: 'upheld',
      },
      {
        decisionId: 'd8',
        measure: 'solitary',
        days: 30,
        startsAt: iso(NOW - 11 * DAY - HOUR),
        endsAt: iso(NOW + 19 * DAY - HOUR),
        reason: 'повторное нарушение',
        decidedAt: iso(NOW - 11 * DAY - HOUR),
        appealed: false,
        appealOutcome: null,
      },
    ],
    exercise: [
      { date: '2026-05-02', minutes: 60 },
      { date: '2026-05-03', minutes: 45 },
    ],
    timeline: [
      entry(201, 'prison-admitted', ADMITTED, {
        facilityId: 'fac-rc',
        commitmentOrder: { reference: '2-1234/2026', authority: 'Есильский районный суд г. Астаны' },
        custodyId: 'cus1',
        lifeSentence: false,
      }),
      entry(
        202,
        'medical-examined',
        ADMITTED + 3 * HOUR,
        {
          examinedBy: 'Гульнара Иванова',
          purpose: 'admission',
          hivScreening: 'done',
          tbScreening: 'declined',
          bodilyHarm: false,
          results: { hiv: 'отрицательный', tb: null, notes: null },
        },
        { actorName: 'Гульнара Иванова' },
      ),
      entry(203, 'breach-reported', NOW - 31 * DAY, {
        reportId: 'br2',
        description: 'драка в отряде',
        reportedBy: 'Данияр Омаров',
      }),
      entry(204, 'discipline-decided', NOW - 30 * DAY, {
        decisionId: 'd3',
        measure: 'punishment-block',
        days: 10,
        startsAt: iso(NOW - 30 * DAY),
        endsAt: iso(NOW - 20 * DAY),
        reason: 'драка в отряде',
        reportId: 'br2',
        informedLanguage: 'kk',
      }),
      entry(205, 'discipline-refused', NOW - 12 * DAY, {
        measure: 'solitary',
        days: 150,
        rule: 'kz.discipline.solitary',
        detail: 'solitary confinement lasts at most 4 months (122 days from 2026-04-22), not 150 days',
      }),
      entry(206, 'discipline-decided', NOW - 11 * DAY - HOUR, {
        decisionId: 'd8',
        measure: 'solitary',
        days: 30,
        startsAt: iso(NOW - 11 * DAY - HOUR),
        endsAt: iso(NOW + 19 * DAY - HOUR),
        reason: 'повторное нарушение',
        reportId: null,
        informedLanguage: null,
      }),
      entry(230, 'finding-recorded', null, {
        rule: 'intl.solitary.prolonged',
        kind: 'flag',
        detail: 'solitary of 30 days decided',
      }),
    ],
    version: 12,
    ...overrides,
  };
}

export function summaryOf(view: StayView, overrides: Partial<StaySummary> = {}): StaySummary {
  return {
    id: view.id,
    personId: view.personId,
    personName: `${view.person.familyName} ${view.person.givenNames}`,
    facilityId: view.facilityId,
    facilityName: view.facility.name,
    status: view.status,
    admittedAt: view.admittedAt,
    lifeSentence: view.lifeSentence,
    regime: view.regime,
    openClocks: view.clocks.filter((item) => item.state === 'running'),
    findings: view.findings.map((finding) => ({ rule: finding.rule, kind: finding.kind })),
    ...overrides,
  };
}

export const RULE_NUMBERS = {
  punishmentBlockMaxDays: 15,
  solitaryMaxMonths: 4,
  medicalBeforeHours: 24,
  prolongedDays: 15,
};
