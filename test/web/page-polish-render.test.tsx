import { describe, expect, test } from 'vitest';
import { LANGUAGES, translator } from '../../src/web/i18n.js';
import { CustodyDeskPage } from '../../src/web/pages/custody-desk.js';
import { FootageListPage } from '../../src/web/pages/footage.js';
import { HomePage } from '../../src/web/pages/home.js';
import {
  HOUR,
  NOW,
  clock,
  context,
  custodyView,
  deskFilters,
  iso,
  listOf,
  official,
  render,
  summaryOf,
} from './custody-fixtures.js';

/*
 * Issue 18, "Minor and polish": what a reader met on the pages and should not — the title
 * "Habeas — Habeas", the footage page's "Учреждение / Учреждение", and a desk card whose custody
 * limit said "Met" beside a red "BREACHED" of another clock without saying which was which.
 */

const nowIso = iso(NOW);
const titleOf = (html: string): string => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';

describe('page titles', () => {
  test('the public home is titled by what the service is, never “Habeas — Habeas”, in every language', async () => {
    for (const lang of LANGUAGES) {
      const html = await render(<HomePage ctx={context(null, lang, '/')} />);
      const title = titleOf(html);
      expect(title, lang).not.toBe('Habeas — Habeas');
      expect(title, lang).toBe(`${translator(lang).t('service.tagline')} — Habeas`);
    }
  });
});

describe('the custody desk', () => {
  test('a card whose limit was met and whose judicial clock is breached says which clock each state belongs to', async () => {
    const view = custodyView({
      clocks: [
        clock('kz.custody.limit', 20, 48, {
          state: 'met',
          endedAt: iso(NOW - 2 * HOUR),
          warning: null,
          elapsed: 18 / 48,
        }),
        clock('kz.custody.deposition', 27, 24, { kind: 'breach' }),
      ],
    });
    for (const lang of LANGUAGES) {
      const tr = translator(lang);
      const html = await render(
        <CustodyDeskPage
          ctx={context(official('custody-officer'), lang)}
          items={[summaryOf(view)]}
          filters={deskFilters()}
          facilities={[{ id: 'fac-ast', name: 'ИВС г. Астаны' }]}
          list={listOf('/custody')}
          now={nowIso}
          canRegister={true}
        />,
      );
      const card = /<li class="episode">[\s\S]*?<\/li>\s*<\/ol>/.exec(html)?.[0] ?? '';
      // The limit's state sits under its own name…
      const limit = /<div class="episode__limit">[\s\S]*?<\/div>\s*<\/div>/.exec(card)?.[0] ?? '';
      expect(limit, lang).toContain(tr.t('rule.kz.custody.limit'));
      expect(limit, lang).toContain(tr.t('clock.level.met'));
      // …says “Met” once, with when (not “Met … Met 4 May”)…
      expect(limit.split(tr.t('clock.level.met')).length - 1, lang).toBe(1);
      expect(limit, lang).toContain(`<time class="clock__ended" datetime="${iso(NOW - 2 * HOUR)}">`);
      expect(limit, lang).not.toContain(tr.t('clock.level.breached'));
      // …and the breached one says whose it is on the very line that says BREACHED.
      const status = /<div class="episode__others">[\s\S]*?<p class="clock__status">([\s\S]*?)<\/p>/.exec(
        card,
      )?.[1];
      expect(status, lang).toContain(tr.t('clock.whose', { rule: tr.attr('rule.kz.custody.deposition') }));
      expect(status, lang).toContain(tr.t('clock.level.breached'));
      expect(card, lang).toContain(tr.t('desk.otherClocks'));
    }
  });
});

describe('the footage page', () => {
  test('its facility filter is not labelled twice with the same word (“Учреждение / Учреждение”), in every language', async () => {
    const facility = (id: string, name: string) => ({
      id,
      name,
      kind: 'prison',
      population: 'women',
      region: 'KZ-ALM',
      registeredAt: iso(NOW),
    });
    const facilities = [facility('f1', 'ИУ для женщин'), facility('f2', 'СИЗО г. Алматы')];
    for (const lang of LANGUAGES) {
      const html = await render(
        <FootageListPage
          ctx={context(official('monitor', []), lang, '/footage')}
          facilities={facilities}
          facility={facilities[0] ?? null}
          items={[]}
          recorded={{ from: '', to: '' }}
          list={{
            total: 0,
            nextPage: null,
            csv: '/footage?format=csv',
            print: '/footage?print=1',
            printing: false,
            truncated: false,
          }}
          viewing={{ allowed: true }}
          may={{ register: false, delete: false, hold: false }}
          notice={null}
        />,
      );
      const heading = /<h2 class="filters__title" id="footage-filters">([^<]*)<\/h2>/.exec(html)?.[1]?.trim();
      const label = /<label class="field__label" for="footage-facility">([^<]*)<\/label>/
        .exec(html)?.[1]
        ?.trim();
      expect(heading, lang).toBeTruthy();
      expect(label, lang).toBeTruthy();
      expect(heading, lang).not.toBe(label);
    }
  });
});
