import { describe, expect, test } from 'vitest';
import { LANGUAGES } from '../../src/web/i18n.js';
import { AllegationPage } from '../../src/web/pages/allegation.js';
import { allegationItem, context, iso, NOW, official, render, XSS_TEXT } from './complaint-fixtures.js';

/*
 * The allegation page's records of the investigation and the court (kz.torture.suspension,
 * kz.torture.sentencing, kz.evidence.inadmissible), rendered from fixture views in kk, ru and en.
 */

const procurator = official('procurator', []);
const HOUR = 3_600_000;

const withOutcomes = () =>
  allegationItem({
    suspects: [
      {
        official: 'Б., оперуполномоченный',
        identifiedAt: iso(NOW - 48 * HOUR),
        dueAt: iso(NOW - 24 * HOUR),
        suspendedAt: iso(NOW - 30 * HOUR),
        suspendedBy: 'Начальник ДП г. Астаны',
      },
      {
        official: XSS_TEXT,
        identifiedAt: iso(NOW - 48 * HOUR),
        dueAt: iso(NOW - 24 * HOUR),
        suspendedAt: null,
        suspendedBy: null,
      },
    ],
    courtOutcomes: [
      {
        seq: 120,
        at: iso(NOW - HOUR),
        outcome: 'convicted',
        article: 'ст. 362 УК РК',
        reclassified: true,
        sentence: { kind: 'suspended', months: 24 },
        pleaBargain: false,
        concerns: ['reclassified', 'suspended-sentence'],
        actorName: 'Прокурор Сарсенова А.',
      },
    ],
    evidenceExcluded: [
      {
        seq: 110,
        at: iso(NOW - 2 * HOUR),
        description: 'Признательные показания от 4 мая',
        actorName: 'Прокурор Сарсенова А.',
      },
    ],
  });

const page = (lang: (typeof LANGUAGES)[number], allegation = withOutcomes()) =>
  render(
    <AllegationPage
      ctx={context(procurator, lang, '/allegations/AB12-CD34-EF56')}
      allegation={allegation}
      values={{}}
      errors={[]}
      recorded={false}
      canOpen={false}
    />,
  );

describe('the allegation page: the investigation and the court', () => {
  test('kz.torture.suspension: each official identified, when the suspension was due, and one not suspended said so', async () => {
    const html = await page('en');
    expect(html).toContain('Officials identified: 2');
    expect(html).toContain('Б., оперуполномоченный');
    expect(html).toContain('Начальник ДП г. Астаны');
    expect(html).toContain('<strong>Not suspended</strong>');
    // The official's name as the procurator typed it is text, never markup.
    expect(html).not.toContain(XSS_TEXT);
    expect(html).toContain('kz.torture.suspension');
  });

  test('kz.torture.sentencing: the court’s outcome as recorded, with what it is flagged for', async () => {
    const html = await page('ru');
    expect(html).toContain('Решений суда: 1');
    expect(html).toContain('ст. 362 УК РК');
    expect(html).toContain('Условное осуждение, 24 мес.');
    expect(html).toContain('<strong>Переквалифицировано на менее тяжкое; Условное наказание</strong>');
    expect(html).toContain('kz.torture.sentencing');
  });

  test('kz.evidence.inadmissible: evidence excluded is listed on the case', async () => {
    const html = await page('kk');
    expect(html).toContain('Алынып тасталған дәлелдемелер: 1');
    expect(html).toContain('Признательные показания от 4 мая');
  });

  test('nothing recorded yet: each section says so, in every language', async () => {
    for (const lang of LANGUAGES) {
      const html = await page(lang, allegationItem());
      expect(html, lang).not.toContain('allegation.');
    }
    const html = await page('en', allegationItem());
    expect(html).toContain('No official identified as a suspect yet');
    expect(html).toContain('No court outcome recorded');
    expect(html).toContain('No evidence excluded');
  });
});
