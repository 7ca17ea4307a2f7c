import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isRefusal } from '../../src/domain/decision.js';
import {
  IdentityDocumentRef,
  isValidIin,
  normaliseDocumentNumber,
} from '../../src/domain/registry/identity-document.js';
import { PersonInput, personDecider, type RegisterPerson } from '../../src/domain/registry/person.js';

/*
 * Identity documents of the register (issue 17 item 5): the IIN's check digit, the normalised
 * number the exact look-up compares, and a registration that keeps them in the person's log entry.
 */

/** Абенов Ерлан, born 17 April 1988, male: a well-formed IIN (check digit 8). */
export const ABENOV_IIN = '880417300128';

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
/** An independent statement of the check: the first 11 digits and their check digit, or null when none exists. */
function withCheckDigit(first11: string): string | null {
  const digits = [...first11].map(Number);
  const weigh = (weights: number[]) => weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11;
  let check = weigh(W1);
  if (check === 10) check = weigh(W2);
  return check === 10 ? null : `${first11}${check}`;
}

const registration = (overrides: Partial<RegisterPerson> = {}): RegisterPerson => ({
  type: 'register-person',
  personId: 'p1',
  familyName: 'Абенов',
  givenNames: 'Ерлан',
  birthDate: '1988-04-17',
  sex: 'male',
  facilityId: 'f1',
  at: '2026-03-10T09:00:00.000Z',
  actor: 'officer-1',
  ...overrides,
});

describe('identity documents', () => {
  test('IIN: a published example and the register’s own are valid; a digit changed (weight 1..10) or a wrong check digit is not', () => {
    expect(isValidIin('061211600012')).toBe(true);
    expect(isValidIin(ABENOV_IIN)).toBe(true);
    // The 11th digit weighs 11 ≡ 0 (mod 11): the check cannot see it change, by design of the IIN.
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]) {
      const digit = Number(ABENOV_IIN[i]);
      const changed = `${ABENOV_IIN.slice(0, i)}${(digit + 1) % 10}${ABENOV_IIN.slice(i + 1)}`;
      expect(isValidIin(changed), changed).toBe(false);
    }
    expect(isValidIin('88041730012')).toBe(false);
    expect(isValidIin('8804173001289')).toBe(false);
    expect(isValidIin('88041730012a')).toBe(false);
  });

  test('IIN: exactly the numbers whose last digit is the check digit are valid (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), fc.integer({ min: 0, max: 9 }), (first11, last) => {
        expect(isValidIin(`${first11}${last}`)).toBe(withCheckDigit(first11) === `${first11}${last}`);
      }),
    );
  });

  test('a number is kept as letters and digits, upper case: the look-up does not depend on how it was typed', () => {
    expect(normaliseDocumentNumber(' n 1234-567 ')).toBe('N1234567');
    expect(normaliseDocumentNumber('８８０４１７')).toBe('880417');
    expect(IdentityDocumentRef.parse({ kind: 'iin', number: '880 417 300 128' })).toEqual({
      kind: 'iin',
      number: ABENOV_IIN,
    });
  });

  test('POST /people’s body takes identity documents; an IIN with a wrong check digit names the field', () => {
    const ok = PersonInput.safeParse({
      familyName: 'Абенов',
      givenNames: 'Ерлан',
      birthDate: '1988-04-17',
      sex: 'male',
      identityDocuments: [
        { kind: 'iin', number: ABENOV_IIN },
        { kind: 'passport', number: 'N 12345678', issuedBy: 'МВД РК' },
      ],
    });
    expect(ok.success).toBe(true);
    const bad = PersonInput.safeParse({
      familyName: 'Абенов',
      givenNames: 'Ерлан',
      birthDate: '1988-04-17',
      sex: 'male',
      identityDocuments: [{ kind: 'iin', number: '880417300129' }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['identityDocuments', 0, 'number']);
    for (const document of [
      { kind: 'driving-licence', number: '1' },
      { kind: 'passport', number: ' - ' },
    ])
      expect(PersonInput.safeParse({ ...ok.data, identityDocuments: [document] }).success).toBe(false);
  });

  test('a registration keeps its documents in the person’s log entry; the same document twice is refused', () => {
    const decided = personDecider.decide(
      registration({
        identityDocuments: [{ kind: 'passport', number: 'N12345678', issuedBy: 'МВД РК' }],
      }),
      personDecider.initialState,
    );
    expect(isRefusal(decided)).toBe(false);
    expect(decided).toMatchObject([
      {
        type: 'person-registered',
        payload: { identityDocuments: [{ kind: 'passport', number: 'N12345678', issuedBy: 'МВД РК' }] },
      },
    ]);
    expect(personDecider.decide(registration(), personDecider.initialState)).toMatchObject([
      { payload: { identityDocuments: [] } },
    ]);
    expect(
      personDecider.decide(
        registration({
          identityDocuments: [
            { kind: 'passport', number: 'N12345678' },
            { kind: 'passport', number: 'N12345678' },
          ],
        }),
        personDecider.initialState,
      ),
    ).toMatchObject({ refused: true, field: 'identityDocuments' });
  });
});
