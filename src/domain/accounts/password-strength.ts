/*
 * How strong a password or passphrase must be, wherever one is set: a person's password (created or
 * reset) and the complaints authority's sealing passphrase. NIST SP 800-63B §5.1.1.2: a minimum
 * length and no composition rules ("one digit, one capital"), but a new secret is compared with
 * values known to be guessed first: repetitive or sequential characters, and commonly used
 * passwords. A refusal says which of these it is, so the person knows what to choose instead.
 */

/** NIST SP 800-63B asks for at least 8; Habeas guards records of people in detention: 12. */
export const MIN_PASSWORD_LENGTH = 12;
/** Fewer different characters than this is a repetition in all but name ("aaaaaabbbbbb"). */
export const MIN_DISTINCT_CHARACTERS = 6;

/**
 * The commonest passwords that are long enough to pass the length rule. Source: the UK National
 * Cyber Security Centre's list of the 100,000 passwords most often found in breaches (from Have I
 * Been Pwned, published as SecLists `Passwords/Common-Credentials/100k-most-used-passwords-NCSC.txt`),
 * ordered by frequency: every entry of 12 characters or more among its first 4,000 lines. Shorter
 * entries are refused by the length rule already, and the runs and repetitions further down the
 * list (`1234567890123`, `qwertyqwerty`) by the rules below; a short list keeps the check in
 * memory and reviewable. Compared without regard to case.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [
    'q1w2e3r4t5y6',
    '1qaz2wsx3edc',
    'qwerty123456',
    '1q2w3e4r5t6y',
    '111222tianya',
    '123qweasdzxc',
    '123456654321',
    '123456qwerty',
    'sojdlg123aljg',
    'pe#5gz29ptzmse',
    'polniypizdec0211',
    'polniypizdec110211',
    'megaparol12345',
    'startfinding',
    'telechargement',
    'n8zgt5p0shw=',
    'yfdbufnjh10305070',
    '123456123456',
    'qazwsxedcrfv',
    '1q2w3e4r5t6y7u8i9o0p',
    'qwertyqwerty',
    '123456789123',
    '112233445566',
    '123456789987654321',
    'maprchem56458',
    'justinbieber',
  ].map((password) => password.normalize('NFC')),
);

/**
 * Sequences whose neighbours people type as a "run": digits, the Latin and Cyrillic alphabets,
 * the rows and columns of the QWERTY and ЙЦУКЕН keyboards. Read both ways and round the end
 * (`7890123`), so `zyxwvu`, `0987654321` and `йцукенгшщзхъ` are runs.
 */
const SEQUENCES: readonly string[] = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
  'qwertyuiopasdfghjklzxcvbnm',
  '1234567890qwertyuiop',
  'йцукенгшщзхъфывапролджэячсмитьбю',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'q1w2e3r4t5y6u7i8o9p0',
];

/** Whether `next` follows `previous` in one of the sequences, one way or the other. */
function neighbours(previous: string, next: string): boolean {
  return SEQUENCES.some((sequence) => {
    const letters = [...sequence];
    const at = letters.indexOf(previous);
    if (at < 0) return false;
    const after = letters[(at + 1) % letters.length];
    const before = letters[(at - 1 + letters.length) % letters.length];
    return next === after || next === before;
  });
}

/** Made only of runs of at least three neighbours: `abcdef`, `qwerty123456`, `987654zyxw`. */
function isRuns(characters: readonly string[]): boolean {
  let length = 1;
  for (let i = 1; i <= characters.length; i++) {
    const previous = characters[i - 1] as string;
    const next = characters[i];
    if (next !== undefined && neighbours(previous, next)) {
      length += 1;
      continue;
    }
    if (length < 3) return false;
    length = 1;
  }
  return true;
}

/** One character or group of characters over and over: `abcabcabcabc`, `passwordpassword`. */
function isRepetition(characters: readonly string[]): boolean {
  for (let period = 1; period <= characters.length / 2; period++) {
    if (characters.every((char, i) => i < period || char === characters[i - period])) return true;
  }
  return false;
}

/** What makes a password too easy to guess; the pages say it in the reader's language. */
export type PasswordWeakness = 'too-short' | 'repetition' | 'few-characters' | 'run' | 'common';

/** Which rule a new password or passphrase breaks, or null when it is strong enough. */
export function passwordWeaknessKind(password: string): PasswordWeakness | null {
  const characters = [...password.normalize('NFC').toLowerCase()];
  if (characters.length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (isRepetition(characters)) return 'repetition';
  if (new Set(characters).size < MIN_DISTINCT_CHARACTERS) return 'few-characters';
  if (isRuns(characters)) return 'run';
  if (COMMON_PASSWORDS.has(characters.join(''))) return 'common';
  return null;
}

const WHY: Record<PasswordWeakness, string> = {
  'too-short': `at least ${MIN_PASSWORD_LENGTH} characters`,
  repetition: 'it repeats one character or group of characters: choose a phrase of several words',
  'few-characters': `at least ${MIN_DISTINCT_CHARACTERS} different characters: choose a phrase of several words`,
  run: 'it is a run of neighbouring keys or letters (like qwerty or 123456): choose a phrase of several words',
  common: 'it is one of the most common passwords: choose a phrase of several words',
};

/**
 * Why a new password or passphrase is too easy to guess, as a sentence for the API and the
 * command line; null when it is strong enough. Lengths count characters (code points), not bytes.
 */
export function passwordWeakness(password: string): string | null {
  const kind = passwordWeaknessKind(password);
  return kind === null ? null : WHY[kind];
}
