import type { RuleDefinition } from '../types.js';

/*
 * The `kz` pack's rules of medical documentation (RULES.md "Medical documentation"; seed ¶25,
 * ¶26, ¶42, ¶48): the electronic system in which health officials alone record signs of
 * ill-treatment, their duty to document and report them, and a second forensic examination that
 * may overturn the first. The number RULES.md marks *(default)* may be overridden in habeas.json
 * (src/rules/medical-rules.ts).
 */

export const KZ_MEDICAL_RULES = {
  'kz.medical.system': {
    id: 'kz.medical.system',
    pack: 'kz',
    source: 'seed ¶26',
    summary:
      'The system in which medical personnel report and record signs of ill-treatment is accessible to health officials alone.',
    // Enforced by access control, not by a decider: the medical context's events are read by the
    // medical role only.
    kind: 'refuse',
    parameters: {},
  },
  'kz.medical.report-duty': {
    id: 'kz.medical.report-duty',
    pack: 'kz',
    source: 'seed ¶42, ¶48',
    summary:
      'Medical staff document and report signs of torture: an injury noted by custody or prison staff is documented by a doctor within 24 hours, and documented signs are referred.',
    kind: 'flag',
    parameters: { hours: { value: 24, unit: 'hours', configurable: true } },
  },
  'kz.medical.second-opinion': {
    id: 'kz.medical.second-opinion',
    pack: 'kz',
    source: 'seed ¶42',
    summary:
      'A second forensic examination, by another clinician, can overturn the first; both reports are kept side by side.',
    kind: 'refuse',
    parameters: {},
  },
} as const satisfies Record<string, RuleDefinition>;

export type KzMedicalRuleId = keyof typeof KZ_MEDICAL_RULES;
