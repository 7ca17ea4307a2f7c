import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Password, UserInput } from '../../src/domain/accounts/inputs.js';
import { passwordWeakness } from '../../src/domain/accounts/password-strength.js';

/*
 * Issue 17 item 11: a 12-character password of one repeated letter was accepted. Every password
 * and passphrase is now held to one rule (NIST SP 800-63B §5.1.1.2): long enough, and not a
 * repetition, a run or one of the commonest passwords; the refusal says which.
 */

describe('password strength', () => {
  test('a twelve-character password of one repeated letter is refused as a repetition', () => {
    expect(passwordWeakness('aaaaaaaaaaaa')).toMatch(/repeats/);
    expect(Password.safeParse('aaaaaaaaaaaa').success).toBe(false);
  });

  test('repetitions of a group are refused', () => {
    for (const password of ['abcabcabcabc', 'passwordpassword', 'ЖжЖжЖжЖжЖжЖж', '121212121212']) {
      expect(passwordWeakness(password), password).toMatch(/repeats/);
    }
  });

  test('too few different characters are refused', () => {
    expect(passwordWeakness('aaaaaaabbbbbc')).toMatch(/different characters/);
  });

  test('runs of neighbouring letters, digits or keys are refused, either way and round the end', () => {
    for (const password of [
      'abcdefghijkl',
      '123456789012',
      '0987654321098',
      'qwertyuiopasdf',
      'йцукенгшщзхъ',
      'абвгдеёжзийк',
      'zyxwvutsrqpo',
      'qwerty123456789',
      'abcdefgh1234',
    ]) {
      expect(passwordWeakness(password), password).toMatch(/run of neighbouring/);
    }
  });

  test('the commonest long passwords are refused, whatever their case', () => {
    expect(passwordWeakness('justinbieber')).toMatch(/most common/);
    expect(passwordWeakness('JustinBieber')).toMatch(/most common/);
    expect(passwordWeakness('1qaz2wsx3edc')).not.toBeNull();
  });

  test('short passwords are refused with the length, counted in characters', () => {
    expect(passwordWeakness('elevenchars')).toBe('at least 12 characters');
    expect(passwordWeakness('😀😀😀😀😀😀😀')).toBe('at least 12 characters');
    expect(Password.safeParse('😀😀😀😀😀😀😀').success).toBe(false);
  });

  test('passphrases of several words pass', () => {
    for (const password of [
      'correct horse battery staple',
      'жалобы идут прямо в центр',
      'habeas-demo-2026',
      'Бүгін ауа райы жақсы',
      'a long password for the browser tests',
    ]) {
      expect(passwordWeakness(password), password).toBeNull();
    }
  });

  test('the refusal names the reason in the validation issue', () => {
    const result = UserInput.safeParse({
      username: 'aigerim',
      password: 'aaaaaaaaaaaa',
      name: 'A',
      role: 'judge',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['password'], message: expect.stringMatching(/repeats/) }),
    ]);
  });

  test('property: no string of fewer than six different characters passes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'B', '7', 'ж', '!'), { minLength: 12, maxLength: 40 }),
        (letters) => {
          expect(passwordWeakness(letters.join(''))).not.toBeNull();
        },
      ),
    );
  });
});
