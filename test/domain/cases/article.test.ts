import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { articleNumber, isTortureArticle, TORTURE_ARTICLES } from '../../../src/rules/case-rules.js';

/*
 * kz.torture.sentencing: whether a charge or a verdict stayed under art. 146 (Torture) is read from
 * the article as the procurator or the court wrote it, in Russian, Kazakh or English.
 */

describe('articleNumber (kz.torture.sentencing)', () => {
  test.each([
    ['146', '146'],
    ['ст. 146 ч. 2 УК РК', '146'],
    ['ч. 2 ст. 146', '146'],
    ['ч.2 ст.146', '146'],
    ['146-бап 2-бөлік', '146'],
    ['2-бөлігі 146-бабы', '146'],
    ['ҚР ҚК 146-бабының 2-бөлігі', '146'],
    ['art. 146(2)', '146'],
    ['part 2 of article 146', '146'],
    ['пункт 3 части 2 статьи 146', '146'],
    ['ч. 2 по статье 146', '146'],
    ['п. 1) ч. 2 ст. 362', '362'],
    ['107-1', '107-1'],
    ['ст. 107-1 ч. 1', '107-1'],
    ['107-1-бап', '107-1'],
  ])('kz.torture.sentencing: %j names article %s', (article, number) => {
    expect(articleNumber(article)).toBe(number);
  });

  test('kz.torture.sentencing: a text with no number names no article', () => {
    expect(articleNumber('no number')).toBeNull();
    expect(articleNumber('')).toBeNull();
    expect(isTortureArticle('no number')).toBe(false);
  });

  test('kz.torture.sentencing: 146 is the torture article; 362, 146-1 and 1146 are not', () => {
    expect(TORTURE_ARTICLES).toEqual(['146']);
    expect(isTortureArticle('ч. 2 ст. 146')).toBe(true);
    expect(isTortureArticle('146-бап 2-бөлік')).toBe(true);
    expect(isTortureArticle('п. 1) ч. 2 ст. 362')).toBe(false);
    expect(isTortureArticle('ст. 146-1')).toBe(false);
    expect(isTortureArticle('1146')).toBe(false);
  });

  test('kz.torture.sentencing: the article is read from every usual way of writing it, whatever the part and point', () => {
    const number = fc.tuple(
      fc.integer({ min: 1, max: 500 }),
      fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
    );
    const templates: ((n: string, part: number, point: number) => string)[] = [
      (n) => n,
      (n, part) => `${n} ч. ${part}`,
      (n, part) => `ст. ${n} ч. ${part} УК РК`,
      (n, part) => `ч. ${part} ст. ${n}`,
      (n, part, point) => `п. ${point}) ч. ${part} ст. ${n} УК РК`,
      (n, part) => `части ${part} статьи ${n}`,
      (n, part) => `${n}-бап ${part}-бөлік`,
      (n, part) => `${part}-бөлігі ${n}-бабы`,
      (n, part) => `art. ${n}(${part})`,
      (n, part) => `part ${part} of article ${n}`,
    ];
    fc.assert(
      fc.property(
        number,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat({ max: templates.length - 1 }),
        ([main, sub], part, point, which) => {
          const n = sub === undefined ? String(main) : `${main}-${sub}`;
          expect(articleNumber(templates[which]!(n, part, point))).toBe(n);
        },
      ),
    );
  });
});
