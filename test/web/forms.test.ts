import { describe, expect, test } from 'vitest';
import { summarizeCheckpoint } from '../../src/web/checkpoint.js';
import { fieldErrors, formList, formValues, inFormOrder } from '../../src/web/forms.js';
import { dateFromParts, languagesFrom } from '../../src/web/routes/registry.js';

describe('form values', () => {
  test('each field is its first text value; arrays, objects, numbers and missing fields become text or empty', () => {
    const body = { name: ['first', 'second'], kind: { nested: 1 }, region: 7, __proto__: 'x' };
    expect(formValues(body, ['name', 'kind', 'region', 'population'])).toEqual({
      name: 'first',
      kind: '',
      region: '',
      population: '',
    });
    expect(formValues(null, ['name'])).toEqual({ name: '' });
    expect(formValues('name=x', ['name'])).toEqual({ name: '' });
    expect(formValues({}, ['toString'])).toEqual({ toString: '' });
  });

  test('formList keeps every text value of a repeated field (checkboxes)', () => {
    expect(formList({ languages: ['kk', 'ru', 3] }, 'languages')).toEqual(['kk', 'ru']);
    expect(formList({ languages: 'kk' }, 'languages')).toEqual(['kk']);
    expect(formList({}, 'languages')).toEqual([]);
  });

  test('the date inputs become YYYY-MM-DD for the schema; all empty stays empty', () => {
    expect(dateFromParts('7', '3', '1990')).toBe('1990-03-07');
    expect(dateFromParts(' 27 ', '12', '1990')).toBe('1990-12-27');
    expect(dateFromParts('', '', '')).toBe('');
    // Anything else is passed on for the schema to refuse (it is not a calendar date).
    expect(dateFromParts('aa', '1', '1990')).toBe('1990-01-aa');
  });

  test('ticked and typed languages are merged without repeats', () => {
    expect(languagesFrom(['kk', 'ru'], 'uz-Cyrl, ru;az  tr')).toEqual(['kk', 'ru', 'uz-Cyrl', 'az', 'tr']);
    expect(languagesFrom([], ' , ')).toEqual([]);
  });
});

describe('field errors from the application’s verdict', () => {
  const messages = {
    name: { required: 'facility.name.required', invalid: 'facility.name.invalid' },
    region: { required: 'facility.region.required', invalid: 'facility.region.invalid' },
    birthDate: { invalid: 'person.birthDate.invalid', refused: 'person.birthDate.range' },
  } as const;

  test('an empty field is asked for, a filled one is corrected, a refused one names the rule’s limit', () => {
    const filled = (field: string) => field === 'region';
    expect(fieldErrors([{ field: 'region' }, { field: 'name' }], messages, filled)).toEqual([
      { field: 'name', message: 'facility.name.required' },
      { field: 'region', message: 'facility.region.invalid' },
    ]);
    expect(fieldErrors([{ field: 'birthDate', refused: true }], messages, () => true)).toEqual([
      { field: 'birthDate', message: 'person.birthDate.range' },
    ]);
  });

  test('nested issue paths count for their field, once; an unknown field gives one general message', () => {
    expect(fieldErrors([{ field: 'name.0' }, { field: 'name' }], messages, () => true)).toEqual([
      { field: 'name', message: 'facility.name.invalid' },
    ]);
    expect(fieldErrors([{ field: '(input)' }, { field: 'other' }], messages, () => true)).toEqual([
      { field: 'name', message: 'errors.refused' },
    ]);
  });

  test('inFormOrder keeps one error per field, top to bottom', () => {
    const errors = [
      { field: 'b', message: 'errors.refused' },
      { field: 'a', message: 'errors.refused' },
      { field: 'b', message: 'errors.prefix' },
    ] as const;
    expect(inFormOrder(errors, ['a', 'b']).map((error) => error.field)).toEqual(['a', 'b']);
  });
});

describe('checkpoint summary for the log page', () => {
  const root = 'UE700P15mw9LRNlG4nEbfI5kCHZ3r0C5FFgbg45UHAA=';

  test('reads origin, size and root of a C2SP checkpoint', () => {
    const note = `habeas.example/log\n42\n${root}\n\n— habeas.example/log abcd\n`;
    expect(summarizeCheckpoint(note)).toEqual({ origin: 'habeas.example/log', treeSize: 42, rootHash: root });
  });

  test('anything not shaped like a checkpoint is null', () => {
    for (const note of [
      '',
      'origin',
      `origin\n-1\n${root}\n`,
      `origin\n042\n${root}\n`,
      'origin\n1\nnot-base64\n',
      `\n1\n${root}\n`,
    ])
      expect(summarizeCheckpoint(note), JSON.stringify(note)).toBeNull();
  });
});
