import { describe, expect, test } from 'vitest';
import { INTL_PACK, PROHIBITED_SANCTIONS } from '../../src/rules/intl/index.js';
import { KZ_DISCIPLINE_MEASURES, KZ_INCENTIVES, KZ_PACK } from '../../src/rules/kz/index.js';
import {
  DEFAULT_PRISON_RULES,
  packOf,
  resolvePrisonRules,
  RuleConfigError,
} from '../../src/rules/prison-rules.js';
import type { RuleOverrides } from '../../src/rules/types.js';

/* The prison rules in the packs (RULES.md "Prisons and remand centres", kz.complaint.reprisal). */

/** Every rule of RULES.md "Prisons and remand centres", with its source as RULES.md gives it. */
const PRISON_RULES: Record<string, string> = {
  'kz.admission.medical': 'seed ¶25',
  'kz.discipline.punishment-block': 'seed ¶17',
  'kz.discipline.solitary': 'seed ¶17',
  'kz.discipline.solitary-prior': 'seed ¶17',
  'kz.discipline.medical-before': 'seed ¶17',
  'kz.discipline.exempt': 'seed ¶17',
  'kz.discipline.measures': 'seed ¶17',
  'kz.incentives': 'seed ¶17',
  'kz.life.exercise': 'seed ¶18',
  'kz.transfer.protection': 'seed ¶20',
  'kz.cctv.women': 'seed ¶20',
  'intl.solitary.definition': 'SMR 44',
  'intl.solitary.prolonged': 'SMR 43-44',
  'intl.solitary.exempt': 'SMR 45(2), BR 22',
  'intl.solitary.health-visits': 'SMR 46',
  'intl.exercise': 'SMR 23',
  'intl.search.women': 'BR 19',
  'intl.sanction.prohibited': 'SMR 43',
  'kz.complaint.reprisal': 'seed ¶20, SMR 57',
};

const attempt = (overrides: unknown) => () => resolvePrisonRules(overrides as RuleOverrides);

describe('prison rule packs', () => {
  test('the packs hold each prison rule of RULES.md in its pack, with its source', () => {
    for (const [id, source] of Object.entries(PRISON_RULES)) {
      const pack = id.startsWith('kz.') ? KZ_PACK : INTL_PACK;
      expect(pack.rules[id], id).toMatchObject({ id, pack: pack.id, source });
      expect(pack.rules[id]?.summary.length, id).toBeGreaterThan(20);
    }
  });

  test('kz.discipline.*: the national limits refuse; the intl rules of the section flag', () => {
    for (const id of [
      'kz.discipline.punishment-block',
      'kz.discipline.solitary',
      'kz.discipline.solitary-prior',
      'kz.discipline.medical-before',
      'kz.discipline.exempt',
    ])
      expect(KZ_PACK.rules[id]?.kind, id).toBe('refuse');
    for (const id of [
      'intl.solitary.definition',
      'intl.solitary.prolonged',
      'intl.solitary.exempt',
      'intl.solitary.health-visits',
      'intl.exercise',
      'intl.search.women',
    ])
      expect(INTL_PACK.rules[id]?.kind, id).toBe('flag');
    expect(KZ_PACK.rules['kz.life.exercise']?.kind).toBe('flag');
  });

  test('intl.sanction.prohibited: the one intl block of the prisons, because no prohibited sanction is in the closed kz catalogue', () => {
    // Besides intl.medical.disclosure, "block + record" in RULES.md "Medical documentation" (issue 19).
    expect(
      Object.values(INTL_PACK.rules)
        .filter((rule) => rule.kind === 'refuse')
        .map((rule) => rule.id),
    ).toEqual(['intl.sanction.prohibited', 'intl.medical.disclosure']);
    for (const sanction of PROHIBITED_SANCTIONS)
      expect(KZ_DISCIPLINE_MEASURES as readonly string[], sanction).not.toContain(sanction);
  });

  test('kz.discipline.measures and kz.incentives: the closed lists of seed ¶17', () => {
    expect([...KZ_DISCIPLINE_MEASURES]).toEqual([
      'warning',
      'reprimand',
      'punishment-block',
      'solitary',
      'dormitory-removal',
      'leave-removal',
      'strict-conditions',
    ]);
    expect(KZ_INCENTIVES).toHaveLength(7);
  });

  test('the numbers of RULES.md, each marked configurable only where RULES.md says *(default)*', () => {
    expect(KZ_PACK.rules['kz.discipline.punishment-block']?.parameters).toEqual({
      maxDays: { value: 15, unit: 'days', configurable: false },
    });
    expect(KZ_PACK.rules['kz.discipline.solitary']?.parameters).toEqual({
      maxMonths: { value: 4, unit: 'months', configurable: false },
    });
    expect(KZ_PACK.rules['kz.life.exercise']?.parameters).toEqual({
      minutes: { value: 60, unit: 'minutes', configurable: false },
    });
    expect(INTL_PACK.rules['intl.solitary.prolonged']?.parameters).toEqual({
      days: { value: 15, unit: 'days', configurable: false },
    });
    expect(INTL_PACK.rules['intl.solitary.definition']?.parameters.hoursWithoutContact).toEqual({
      value: 22,
      unit: 'hours',
      configurable: false,
    });
    expect(KZ_PACK.rules['kz.admission.medical']?.parameters).toEqual({
      hours: { value: 24, unit: 'hours', configurable: true },
    });
    expect(KZ_PACK.rules['kz.discipline.medical-before']?.parameters).toEqual({
      hours: { value: 24, unit: 'hours', configurable: true },
    });
    expect(KZ_PACK.rules['kz.complaint.reprisal']?.parameters).toEqual({
      days: { value: 90, unit: 'days', configurable: true },
    });
  });
});

describe('resolvePrisonRules', () => {
  test('the defaults are the numbers of RULES.md, with the packs that decide them', () => {
    expect(DEFAULT_PRISON_RULES).toEqual({
      kzPack: 'kz',
      kzPackVersion: '2026.1',
      intlPack: 'intl',
      intlPackVersion: '2026.1',
      admissionMedicalHours: 24,
      punishmentBlockMaxDays: 15,
      solitaryMaxMonths: 4,
      medicalBeforeHours: 24,
      lifeExerciseMinutes: 60,
      exerciseMinutes: 60,
      solitaryHoursWithoutContact: 22,
      separationBreakHours: 24,
      prolongedDays: 15,
      transferNoticeHours: 3,
      reprisalDays: 90,
    });
    expect(Object.isFrozen(DEFAULT_PRISON_RULES)).toBe(true);
    expect(packOf(DEFAULT_PRISON_RULES, 'intl.solitary.prolonged')).toEqual({
      pack: 'intl',
      packVersion: '2026.1',
    });
    expect(packOf(DEFAULT_PRISON_RULES, 'kz.life.exercise')).toEqual({ pack: 'kz', packVersion: '2026.1' });
  });

  test('kz.admission.medical: a deployment may set the hours ({"kz.admission.medical": {"hours": 12}})', () => {
    const rules = resolvePrisonRules({ 'kz.admission.medical': { hours: 12 } });
    expect(rules.admissionMedicalHours).toBe(12);
    expect(rules.medicalBeforeHours).toBe(24);
  });

  test('kz.discipline.medical-before: a deployment may set the hours', () => {
    expect(resolvePrisonRules({ 'kz.discipline.medical-before': { hours: 12 } }).medicalBeforeHours).toBe(12);
  });

  test('kz.complaint.reprisal: a deployment may set the days watched after a complaint', () => {
    expect(resolvePrisonRules({ 'kz.complaint.reprisal': { days: 180 } }).reprisalDays).toBe(180);
  });

  test('intl.custody.transfer-notice: the hours for the family notice after a transfer are configurable here too', () => {
    expect(resolvePrisonRules({ 'intl.custody.transfer-notice': { hours: 6 } }).transferNoticeHours).toBe(6);
  });

  test('kz.discipline.punishment-block: the 15 days are law and cannot be overridden', () => {
    expect(attempt({ 'kz.discipline.punishment-block': { maxDays: 30 } })).toThrow(RuleConfigError);
    expect(attempt({ 'kz.discipline.punishment-block': { maxDays: 30 } })).toThrow(
      /fixed by law \(seed ¶17\)/,
    );
  });

  test('kz.discipline.solitary: the four months are law and cannot be overridden', () => {
    expect(attempt({ 'kz.discipline.solitary': { maxMonths: 6 } })).toThrow(/fixed by law/);
  });

  test('intl.solitary.prolonged and kz.life.exercise: the standards’ numbers cannot be overridden', () => {
    expect(attempt({ 'intl.solitary.prolonged': { days: 30 } })).toThrow(/fixed by law/);
    expect(attempt({ 'intl.solitary.definition': { hoursWithoutContact: 23 } })).toThrow(/fixed by law/);
    expect(attempt({ 'kz.life.exercise': { minutes: 30 } })).toThrow(/fixed by law/);
    expect(attempt({ 'intl.exercise': { minutes: 30 } })).toThrow(/fixed by law/);
  });

  test('an unknown parameter or a value that is not a positive number is refused, naming the rule', () => {
    expect(attempt({ 'kz.discipline.exempt': { days: 1 } })).toThrow(
      /has no parameter "days" \(it has no parameters\)/,
    );
    expect(attempt({ 'kz.admission.medical': { days: 1 } })).toThrow(/its parameters: hours/);
    for (const hours of [0, -24, Number.NaN, '24'])
      expect(attempt({ 'kz.admission.medical': { hours } }), String(hours)).toThrow(
        /must be a positive number of hours/,
      );
    let caught: unknown;
    try {
      resolvePrisonRules({ 'kz.complaint.reprisal': { days: -1 } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      name: 'RuleConfigError',
      ruleId: 'kz.complaint.reprisal',
      parameter: 'days',
    });
  });
});
