import { describe, expect, test } from 'vitest';
import { ArrestInput, CorrectionInput, CustodyEventInput } from '../../../src/domain/custody/inputs.js';

const arrest = {
  personId: 'p1',
  facilityId: 'f1',
  apprehendedAt: '2026-03-10T11:00:00+05:00',
  place: 'Астана, пр. Республики 12',
  grounds: 'suspected theft',
  arrestingOfficer: 'Lt. Серіков А.',
};

describe('custody inputs', () => {
  test('intl.register.minimum: the arrest record needs time, place, grounds and officer; times are normalised to UTC', () => {
    expect(ArrestInput.parse(arrest)).toEqual({ ...arrest, apprehendedAt: '2026-03-10T06:00:00.000Z' });
    for (const field of ['apprehendedAt', 'place', 'grounds', 'arrestingOfficer', 'personId', 'facilityId']) {
      const { [field]: _omitted, ...without } = arrest as Record<string, string>;
      expect(ArrestInput.safeParse(without).success, field).toBe(false);
    }
    expect(ArrestInput.safeParse({ ...arrest, place: '   ' }).success).toBe(false);
    expect(ArrestInput.safeParse({ ...arrest, extra: 1 }).success).toBe(false);
    expect(
      ArrestInput.parse({ ...arrest, orderingAuthority: ' Investigator Жумабаев ' }).orderingAuthority,
    ).toBe('Investigator Жумабаев');
  });

  test('kz.custody.actual-time: a time needs an offset, so that the moment is unambiguous', () => {
    for (const apprehendedAt of ['2026-03-10T11:00:00', '2026-03-10', 'yesterday', '2026-02-30T11:00:00Z'])
      expect(ArrestInput.safeParse({ ...arrest, apprehendedAt }).success, apprehendedAt).toBe(false);
    expect(ArrestInput.parse({ ...arrest, apprehendedAt: '2026-03-10T06:00:00Z' }).apprehendedAt).toBe(
      '2026-03-10T06:00:00.000Z',
    );
  });

  test('safeguard events are a closed list by type, each with its own fields', () => {
    expect(
      CustodyEventInput.parse({
        type: 'rights-explained',
        language: 'UZ-cyrl',
        method: 'oral',
        at: '2026-03-10T12:00:00+05:00',
      }),
    ).toEqual({
      type: 'rights-explained',
      language: 'uz-Cyrl',
      method: 'oral',
      at: '2026-03-10T07:00:00.000Z',
    });
    expect(
      CustodyEventInput.safeParse({ type: 'rights-explained', language: 'not a tag', method: 'oral' })
        .success,
    ).toBe(false);
    expect(CustodyEventInput.safeParse({ type: 'beating' }).success).toBe(false);
    expect(CustodyEventInput.safeParse({ type: 'counsel-requested', counsel: 'x' }).success).toBe(false);
    expect(
      CustodyEventInput.safeParse({ type: 'court-decision', decision: 'maybe', court: 'C' }).success,
    ).toBe(false);
    expect(CustodyEventInput.parse({ type: 'judicial-requested', kind: 'protection-order' })).toEqual({
      type: 'judicial-requested',
      kind: 'protection-order',
    });
    expect(
      CustodyEventInput.safeParse({ type: 'judicial-requested', kind: 'protection-order', requestId: 'jr1' })
        .success,
    ).toBe(false);
    expect(
      CustodyEventInput.safeParse({
        type: 'injury-recorded',
        observedBy: 'Sgt',
        description: 'x'.repeat(1001),
      }).success,
    ).toBe(false);
  });

  test('a correction names an entry by its seq and a correctable field', () => {
    const correction = {
      correctsSeq: 4,
      field: 'at',
      to: '2026-03-10T12:00:00+05:00',
      reason: 'clock on the wall was wrong',
    };
    expect(CorrectionInput.parse(correction)).toEqual(correction);
    expect(CorrectionInput.safeParse({ ...correction, correctsSeq: -1 }).success).toBe(false);
    expect(CorrectionInput.safeParse({ ...correction, correctsSeq: 1.5 }).success).toBe(false);
    expect(CorrectionInput.safeParse({ ...correction, field: 'juvenile' }).success).toBe(false);
    expect(CorrectionInput.safeParse({ ...correction, reason: '' }).success).toBe(false);
  });
});
