import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isRefusal } from '../../../src/domain/decision.js';
import { medicalDecider } from '../../../src/domain/medical/decide.js';
import type { MedicalEvent } from '../../../src/domain/medical/events.js';
import {
  injuriesNotedByDoctors,
  reportDuty,
  unreferredSigns,
  type StaffInjuryNote,
} from '../../../src/domain/medical/report-duty.js';
import { DEFAULT_MEDICAL_RULES, resolveMedicalRules } from '../../../src/rules/medical-rules.js';
import { KZ_PACK } from '../../../src/rules/kz/index.js';
import { INTL_PACK } from '../../../src/rules/intl/index.js';
import {
  amend,
  append,
  examine,
  finish,
  fold,
  FORENSIC,
  fullReport,
  given,
  hoursAfter,
  type Stored,
  T0,
} from './given.js';

/* kz.medical.report-duty (seed ¶42, ¶48): injuries are documented within 24 h, and documented signs are referred. */

const note: StaffInjuryNote = {
  source: 'custody-injury',
  episode: { context: 'custody', id: 'c1' },
  notedAt: T0,
};
const rules = DEFAULT_MEDICAL_RULES;

describe('kz.medical.report-duty', () => {
  test('kz.medical.report-duty: the rule packs hold the medical rules with their sources; 24 h by default, configurable', () => {
    expect(KZ_PACK.rules['kz.medical.report-duty']).toMatchObject({
      source: 'seed ¶42, ¶48',
      parameters: { hours: { value: 24, configurable: true } },
    });
    expect(KZ_PACK.rules['kz.medical.system']).toMatchObject({ source: 'seed ¶26' });
    expect(KZ_PACK.rules['kz.medical.second-opinion']).toMatchObject({ source: 'seed ¶42' });
    expect(INTL_PACK.rules['intl.medical.report']).toMatchObject({ source: 'IP, SMR 34' });
    expect(INTL_PACK.rules['intl.medical.disclosure']).toMatchObject({ source: 'IP principle 6(c)' });
    expect(rules.reportDutyHours).toBe(24);
    expect(resolveMedicalRules({ 'kz.medical.report-duty': { hours: 12 } }).reportDutyHours).toBe(12);
  });

  test('kz.medical.report-duty: an injury noted by staff with no doctor’s report is a finding at T + 24 h, not before', () => {
    const record = given().state;
    expect(reportDuty(note, record, rules, hoursAfter(23))).toMatchObject({
      rule: 'kz.medical.report-duty',
      dueAt: hoursAfter(24),
      state: 'running',
      documentedBy: null,
    });
    expect(reportDuty(note, record, rules, hoursAfter(24)).state).toBe('breached');
  });

  test('kz.medical.report-duty: a report on an examination of the same episode after the note, finished in time, meets it', () => {
    const record = given([examine({ injuriesNoted: true }), finish()]).state;
    expect(reportDuty(note, record, rules, hoursAfter(48))).toMatchObject({
      state: 'met',
      documentedBy: { reportId: 'r1', finishedAt: hoursAfter(3) },
    });
    // Another episode's report, or one finished after the deadline, does not.
    const otherStay: StaffInjuryNote = {
      source: 'prison-examination',
      episode: { context: 'prison', id: 's1' },
      notedAt: T0,
    };
    expect(reportDuty(otherStay, record, rules, hoursAfter(48)).state).toBe('breached');
    const late = given([examine(), finish(fullReport(), { now: hoursAfter(30) })]).state;
    expect(reportDuty(note, late, rules, hoursAfter(48)).state).toBe('breached');
  });

  test('kz.medical.report-duty: an examination before the injury was noted does not document it', () => {
    const record = given([examine({ at: hoursAfter(1) }), finish()]).state;
    const later: StaffInjuryNote = { ...note, notedAt: hoursAfter(2) };
    expect(reportDuty(later, record, rules, hoursAfter(30)).state).toBe('breached');
  });

  test('kz.medical.report-duty: a doctor’s own examination noting injuries owes a report too', () => {
    const record = given([examine({ injuriesNoted: true })]).state;
    const [own] = injuriesNotedByDoctors(record);
    expect(own).toEqual({
      source: 'medical-examination',
      episode: { context: 'custody', id: 'c1' },
      notedAt: hoursAfter(1),
    });
    expect(reportDuty(own!, record, rules, hoursAfter(26)).state).toBe('breached');
  });

  test('kz.medical.report-duty: documented consistent-or-stronger signs that were not referred are found; referred ones are not', () => {
    const referred = given([examine(), finish()]).state;
    expect(unreferredSigns(referred)).toEqual([]);
    // A record written otherwise (imported, or before referral was automatic): the referral entry is missing.
    const decided = given([examine()]).when(finish()).events();
    const withheld = fold(append(given([examine()]).stored, decided.slice(0, 1), hoursAfter(3)));
    expect(unreferredSigns(withheld).map((report) => report.reportId)).toEqual(['r1']);
    const weak = given([
      examine(),
      finish(
        fullReport({
          physicalFindings: fullReport().physicalFindings?.map((finding) => ({
            ...finding,
            consistency: 'not-consistent' as const,
          })),
          psychologicalFindings: { text: 'Спокоен.', consistency: 'not-consistent' },
          opinion: { overall: 'not-consistent' },
        }),
      ),
    ]).state;
    expect(unreferredSigns(weak)).toEqual([]);
  });

  test('kz.medical.report-duty: findings called highly consistent, argued away by the overall opinion, are a referral withheld (seed ¶42)', () => {
    const downgraded = given([examine(), finish(fullReport({ opinion: { overall: 'not-consistent' } }))]);
    // The decider made no referral: the overall opinion is below "consistent".
    expect(downgraded.state.referrals.map((referral) => referral.outcome)).toEqual([
      'not-required',
      'not-required',
    ]);
    expect(unreferredSigns(downgraded.state).map((report) => report.reportId)).toEqual(['r1']);
    // A second opinion by another clinician that refers the chain answers it.
    const reviewed = given([
      examine(),
      finish(fullReport({ opinion: { overall: 'not-consistent' } })),
      finish(fullReport({ secondOpinionOf: 'r1' }), { id: 'r2', clinician: FORENSIC }),
    ]).state;
    expect(unreferredSigns(reviewed)).toEqual([]);
    // Attributed to someone else than officials: nothing is owed to the procurator.
    const self = given([
      examine(),
      finish(
        fullReport({
          opinion: { overall: 'not-consistent' },
          account: { text: 'Упал.', language: 'ru', attributedTo: 'self' },
        }),
      ),
    ]).state;
    expect(unreferredSigns(self)).toEqual([]);
  });
});

describe('properties', () => {
  const decider = medicalDecider();
  const opinion = fc.constantFrom(
    'not-consistent',
    'consistent',
    'highly-consistent',
    'typical-of',
    'diagnostic-of' as const,
  );

  test('intl.medical.report: any valid report round-trips through evolve, content unchanged', () => {
    fc.assert(
      fc.property(
        opinion,
        fc.constantFrom('officials', 'other-detainees', 'self', 'other', 'not-stated' as const),
        fc.integer({ min: 0, max: 5 }),
        (overall, attributedTo, count) => {
          const [finding] = fullReport().physicalFindings!;
          const input = fullReport({
            opinion: { overall },
            account: { text: 'Рассказ', language: 'kk', attributedTo },
            physicalFindings: Array.from({ length: count }, () => finding!),
          });
          const scenario = given([examine()]);
          const decision = decider.decide(finish(input), scenario.state);
          if (isRefusal(decision)) throw new Error(decision.detail);
          const state = scenario.then(finish(input)).state;
          expect(state.reports['r1']).toEqual([
            expect.objectContaining((decision[0] as MedicalEvent).payload as object),
          ]);
          // Exactly one referral assessment, "referred" exactly when the rule says.
          const referred = attributedTo === 'officials' && overall !== 'not-consistent';
          expect(
            state.referrals.filter((item) => item.reportId === 'r1').map((item) => item.outcome),
          ).toEqual([referred ? 'referred' : 'not-required']);
        },
      ),
    );
  });

  test('intl.medical.report: the first version survives any sequence of amendments, second opinions and retries', () => {
    type Step = { kind: 'amend'; stale: boolean; overall: (typeof CONSISTENCY)[number] } | { kind: 'again' };
    const CONSISTENCY = [
      'not-consistent',
      'consistent',
      'highly-consistent',
      'typical-of',
      'diagnostic-of',
    ] as const;
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('amend' as const),
        stale: fc.boolean(),
        overall: fc.constantFrom(...CONSISTENCY),
      }),
      fc.constant({ kind: 'again' as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        let stored: Stored[] = given([examine(), finish()]).stored;
        const first = fold(stored).reports['r1']![0]!;
        steps.forEach((current, index) => {
          const state = fold(stored);
          const latest = state.reports['r1']!.length;
          const now = hoursAfter(4 + index);
          const command =
            current.kind === 'again'
              ? finish(fullReport(), { now })
              : amend(
                  current.stale && latest > 1 ? latest - 1 : latest,
                  { opinion: { overall: current.overall } },
                  { now },
                );
          const decision = decider.decide(command, state);
          if (!isRefusal(decision)) stored = append(stored, decision, now);
        });
        const versions = fold(stored).reports['r1']!;
        expect(versions[0]).toEqual(first);
        expect(versions.map((version) => version.version)).toEqual(versions.map((_, index) => index + 1));
        // Each amendment names the version before it.
        versions.slice(1).forEach((version, index) => expect(version.amends?.version).toBe(index + 1));
        // Referred at most once for the report, however often it was amended.
        expect(
          fold(stored).referrals.filter((item) => item.outcome === 'referred').length,
        ).toBeLessThanOrEqual(1);
      }),
    );
  });
});
