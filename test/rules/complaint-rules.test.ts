import { describe, expect, test } from 'vitest';
import {
  DEFAULT_COMPLAINT_RULES,
  resolveComplaintRules,
  RuleConfigError,
} from '../../src/rules/complaint-rules.js';
import { resolveCustodyRules } from '../../src/rules/custody-rules.js';
import { INTL_PACK } from '../../src/rules/intl/index.js';
import { KZ_PACK } from '../../src/rules/kz/index.js';

/* The complaint rules in the packs (RULES.md "Complaints and allegations", kz.transfer.protection). */

const COMPLAINT_RULE_IDS = [
  'kz.complaint.channel',
  'kz.torture.referral',
  'kz.cases.joined',
  'kz.allegation.conflict',
  'kz.transfer.protection',
  'intl.complaint.answer',
];

describe('complaint rules', () => {
  test('the packs hold the complaint rules of RULES.md, each citing its source', () => {
    const rules = { ...KZ_PACK.rules, ...INTL_PACK.rules };
    for (const id of COMPLAINT_RULE_IDS) {
      expect(rules[id], id).toMatchObject({ id, pack: id.startsWith('kz.') ? 'kz' : 'intl' });
      expect(rules[id]?.source, id).toMatch(/seed ¶|SMR|BoP/);
    }
    expect(rules['intl.complaint.answer']).toMatchObject({
      kind: 'breach',
      parameters: { days: { value: 30, configurable: true } },
    });
    expect(rules['kz.transfer.protection']).toMatchObject({
      parameters: { hours: { value: 24, configurable: true } },
    });
    // Seed ¶5: "immediately ordered an investigation" — read as 24 h, configurable.
    expect(rules['kz.allegation.conflict']).toMatchObject({
      source: 'seed ¶5',
      parameters: { hours: { value: 24, unit: 'hours', configurable: true } },
    });
  });

  test('defaults: 30 days to answer, 24 h to decide a request for protection, 24 h to suspend a suspect (kz.torture.suspension), 24 h for the investigating judge’s order (kz.allegation.conflict), with the packs that set them', () => {
    expect(DEFAULT_COMPLAINT_RULES).toEqual({
      kzPack: 'kz',
      kzPackVersion: '2026.1',
      intlPack: 'intl',
      intlPackVersion: '2026.1',
      answerDays: 30,
      protectionHours: 24,
      suspensionHours: 24,
      judgeOrderHours: 24,
    });
    expect(Object.isFrozen(DEFAULT_COMPLAINT_RULES)).toBe(true);
  });

  test('overrides from habeas.json apply, and one `rules` object serves custody and complaints alike', () => {
    const overrides = { 'intl.complaint.answer': { days: 15 }, 'kz.custody.rights': { hours: 2 } };
    expect(resolveComplaintRules(overrides)).toMatchObject({ answerDays: 15, protectionHours: 24 });
    expect(resolveCustodyRules(overrides).rightsHours).toBe(2);
  });

  test('an unknown rule, an unknown parameter or a bad value is refused', () => {
    expect(() => resolveComplaintRules({ 'intl.complaint.reply': { days: 3 } })).toThrow(RuleConfigError);
    expect(() => resolveComplaintRules({ 'intl.complaint.answer': { hours: 3 } })).toThrow(
      /no parameter "hours"/,
    );
    expect(() => resolveComplaintRules({ 'kz.transfer.protection': { hours: 0 } })).toThrow(/positive/);
  });
});
