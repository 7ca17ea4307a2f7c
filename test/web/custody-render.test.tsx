import { describe, expect, test } from 'vitest';
import {
  COURT_DECISIONS,
  FAMILY_MEANS,
  FAMILY_OUTCOMES,
  JUDICIAL_REQUEST_KINDS,
  JUDICIAL_RULINGS,
  RIGHTS_METHODS,
  SAFEGUARD_EVENT_TYPES,
} from '../../src/domain/custody/events.js';
import { Clock, clockLevel, type ClockLevel } from '../../src/web/components/clock.js';
import { Timeline } from '../../src/web/components/timeline.js';
import { correctionInput, formsFor, safeguardForm, safeguardInput } from '../../src/web/custody-forms.js';
import { CUSTODY_RULES } from '../../src/web/custody-labels.js';
import { formatCountdown, localFromMoment, momentFromLocal, OFFSETS } from '../../src/web/custody-time.js';
import { LANGUAGES, MESSAGES, translator, type Lang, type MessageKey } from '../../src/web/i18n.js';
import { navigationFor } from '../../src/web/navigation.js';
import { byUrgency, CustodyDeskPage } from '../../src/web/pages/custody-desk.js';
import { EpisodePage } from '../../src/web/pages/custody-episode.js';
import { FindingsPage, ReferralsPage } from '../../src/web/pages/custody-findings.js';
import { ArrestFormPage } from '../../src/web/pages/custody-form.js';
import { RecordPage } from '../../src/web/pages/custody-record.js';
import { paths } from '../../src/web/paths.js';
import { recordLanguage } from '../../src/web/routes/custody.js';
import {
  HOUR,
  NOW,
  clock,
  context,
  custodyView,
  findingItem,
  deskFilters,
  iso,
  listOf,
  official,
  render,
  summaryOf,
} from './custody-fixtures.js';

/*
 * The custody pages rendered from fixture views (test/web/custody-fixtures.ts), without a store:
 * every clock level with its class, word and icon; corrections beside what they correct; the
 * three languages; escaping; and the small pure helpers behind the forms.
 */

const XSS = '<script>alert(1)</script>';
const tagsOf = (html: string): string => html.replace(/="[^"]*"/g, '=""');
const nowIso = iso(NOW);

/** The clock element of a rule on a page. */
function clockOf(html: string, rule: string): string {
  const start = html.indexOf(`data-rule="${rule}"`);
  const open = html.lastIndexOf('<div class="clock', start);
  const end = html.indexOf('</div>', start);
  return start < 0 ? '' : html.slice(open, end);
}

describe('clocks (kz.custody.limit: warnings at 75% and 90%, breach at 100%)', () => {
  const cases: {
    label: string;
    view: ReturnType<typeof clock>;
    level: ClockLevel;
    text: Record<Lang, string>;
  }[] = [
    {
      label: 'running under 75%',
      view: clock('kz.custody.limit', 10, 48),
      level: 'running',
      text: { en: 'Running', ru: 'Идёт', kk: 'Жүріп жатыр' },
    },
    {
      label: '75% used',
      view: clock('kz.custody.limit', 36, 48),
      level: 'warning-75',
      text: {
        en: 'Warning: 75% of the time used',
        ru: 'Внимание: прошло 75% срока',
        kk: 'Назар аударыңыз: мерзімнің 75%-ы өтті',
      },
    },
    {
      label: '90% used',
      view: clock('kz.custody.limit', 44, 48),
      level: 'warning-90',
      text: {
        en: 'Urgent: 90% of the time used',
        ru: 'Срочно: прошло 90% срока',
        kk: 'Шұғыл: мерзімнің 90%-ы өтті',
      },
    },
    {
      label: 'breached',
      view: clock('kz.custody.limit', 50, 48),
      level: 'breached',
      text: { en: 'BREACHED', ru: 'СРОК НАРУШЕН', kk: 'МЕРЗІМ БҰЗЫЛДЫ' },
    },
    {
      label: 'met',
      view: clock('kz.custody.rights', 3, 1, { state: 'met', endedAt: iso(NOW - 2.5 * HOUR), warning: null }),
      level: 'met',
      text: { en: 'Met', ru: 'Выполнено', kk: 'Орындалды' },
    },
    {
      label: 'stopped',
      view: clock('kz.custody.limit', 20, 48, { state: 'stopped', endedAt: iso(NOW - HOUR), warning: null }),
      level: 'stopped',
      text: { en: 'No longer applies', ru: 'Больше не применяется', kk: 'Енді қолданылмайды' },
    },
  ];

  for (const { label, view, level, text } of cases) {
    test(`${label}: class clock--${level}, the word in every language, an icon`, async () => {
      expect(clockLevel(view)).toBe(level);
      for (const lang of LANGUAGES) {
        const html = await render(<Clock tr={translator(lang)} clock={view} now={nowIso} />);
        expect(html).toContain(`class="clock clock--${level}"`);
        expect(html).toContain(
          `<strong class="clock__level"${level === 'met' || level === 'stopped' ? '' : ' aria-live="polite"'}>${text[lang]}</strong>`,
        );
        expect(html).toMatch(/<svg class="clock__icon"[^>]*aria-hidden="true"/);
      }
    });
  }

  test('a running clock shows the time left as of rendering, and what the script needs to tick', async () => {
    const view = clock('kz.custody.limit', 36, 48);
    const html = await render(<Clock tr={translator('en')} clock={view} now={nowIso} />);
    expect(html).toContain(
      '<span class="clock__label">Time left</span> <span class="clock__time" role="timer">12:00:00</span>',
    );
    expect(html).toContain(
      `data-clock="running" data-started-at="${view.startedAt}" data-due-at="${view.dueAt}"`,
    );
  });

  test('a breached clock counts how long it is overdue; an ended one says when it ended and does not tick', async () => {
    const breached = await render(
      <Clock tr={translator('ru')} clock={clock('kz.custody.limit', 50.5, 48)} now={nowIso} />,
    );
    expect(breached).toContain(
      '<span class="clock__label">Просрочено на</span> <span class="clock__time" role="timer">02:30:00</span>',
    );
    expect(breached).toContain('data-clock="breached"');
    const met = await render(
      <Clock
        tr={translator('kk')}
        clock={clock('kz.custody.rights', 3, 1, {
          state: 'met',
          endedAt: iso(NOW - 2.5 * HOUR),
          warning: null,
        })}
        now={nowIso}
      />,
    );
    expect(met).not.toContain('data-clock=');
    expect(met).not.toContain('role="timer"');
    expect(met).toMatch(/Орындалды<\/strong> <time class="clock__ended" datetime="[^"]+">[^<]+<\/time>/);
  });

  test('a met clock says “Met” once, with the time it was met, in every language', async () => {
    const view = clock('kz.custody.rights', 3, 1, {
      state: 'met',
      endedAt: iso(NOW - 2.5 * HOUR),
      warning: null,
    });
    for (const lang of LANGUAGES) {
      const tr = translator(lang);
      const html = await render(<Clock tr={tr} clock={view} now={nowIso} />);
      const word = tr.t('clock.level.met');
      expect(html.split(word).length - 1, lang).toBe(1);
      expect(html, lang).toContain(`<time class="clock__ended" datetime="${iso(NOW - 2.5 * HOUR)}">`);
      expect(html, lang).not.toContain('clock__due');
    }
  });

  test('the countdown format is hours, minutes and seconds, and days from 72 hours on', () => {
    expect(formatCountdown(0)).toBe('00:00:00');
    expect(formatCountdown(47 * HOUR + 59 * 60_000 + 59_000)).toBe('47:59:59');
    expect(formatCountdown(-(2 * HOUR + 1000))).toBe('02:00:01');
    expect(formatCountdown(72 * HOUR - 1000)).toBe('71:59:59');
    expect(formatCountdown(72 * HOUR)).toBe('3\u00a0d\u00a000:00:00');
    expect(formatCountdown(120 * HOUR)).toBe('5\u00a0d\u00a000:00:00');
    expect(formatCountdown(30 * 24 * HOUR - 1000, 'дн.')).toBe('29\u00a0дн.\u00a023:59:59');
    expect(formatCountdown(-(73 * HOUR + 1000), 'тәул.')).toBe('3\u00a0тәул.\u00a001:00:01');
  });

  test('“Time left 6 d” never wraps apart from its clock: days, their unit and the time are one unbreakable reading', async () => {
    const html = await render(
      <Clock tr={translator('ru')} clock={clock('kz.custody.limit', 0, 7 * 24)} now={nowIso} />,
    );
    const time = /<span class="clock__time" role="timer">([^<]*)<\/span>/.exec(html)?.[1] ?? '';
    expect(time).toBe('7\u00a0дн.\u00a000:00:00');
    expect(time).not.toMatch(/ /);
    const { readFile } = await import('node:fs/promises');
    const css = await readFile(new URL('../../public/style.css', import.meta.url), 'utf8');
    expect(/\.clock__time \{[^}]*white-space: nowrap;/.exec(css)).not.toBeNull();
  });

  test('public/custody.js counts down in the same format (keep the two in step)', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../public/custody.js', import.meta.url), 'utf8');
    const body = /function pad\([\s\S]*?\n {2}}\n[\s\S]*?function countdown\([\s\S]*?\n {2}}\n/.exec(
      source,
    )?.[0];
    expect(body).toBeDefined();
    const countdown = new Function(`var HOUR = 3600000;\n${body ?? ''}\nreturn countdown;`)() as (
      ms: number,
      unit: string | null,
    ) => string;
    for (const ms of [
      0,
      47 * HOUR + 59 * 60_000 + 59_000,
      72 * HOUR - 1000,
      72 * HOUR,
      30 * 24 * HOUR - 1000,
    ])
      expect(countdown(ms, 'дн.')).toBe(formatCountdown(ms, 'дн.'));
    expect(countdown(100 * HOUR, null)).toBe('4\u00a0d\u00a004:00:00');
  });
});

describe('the desk', () => {
  const adult = custodyView();
  const juvenile = custodyView({
    id: 'cus2',
    juvenile: true,
    person: { ...adult.person, familyName: 'Младший', citizenship: 'KZ' },
    clocks: [clock('kz.custody.limit', 22, 24)],
    findings: [],
  });
  const breached = custodyView({
    id: 'cus3',
    person: { ...adult.person, familyName: 'Просроченный' },
    clocks: [clock('kz.custody.limit', 49, 48)],
  });

  test('most urgent first: breached, then the least time left; the juvenile badge; the limit in each card', async () => {
    expect(
      byUrgency([summaryOf(adult), summaryOf(juvenile), summaryOf(breached)]).map((item) => item.id),
    ).toEqual(['cus3', 'cus2', 'cus1']);
    const html = await render(
      <CustodyDeskPage
        ctx={context(official('custody-officer'), 'en')}
        items={[summaryOf(adult), summaryOf(juvenile), summaryOf(breached)]}
        filters={deskFilters()}
        facilities={[{ id: 'fac-ast', name: 'ИВС г. Астаны' }]}
        list={listOf('/custody', { total: 7, nextPage: '/custody?status=in-custody&cursor=abc' })}
        now={nowIso}
        canRegister={true}
      />,
    );
    expect(html.indexOf('Просроченный')).toBeLessThan(html.indexOf('Младший'));
    expect(html.indexOf('Младший')).toBeLessThan(html.indexOf('Каримов'));
    expect(html).toContain('<strong class="tag tag--juvenile">Juvenile: 24-hour limit</strong>');
    expect(html).toContain('id="clock-texts" hidden data-now="2026-05-04T06:00:00.000Z"');
    expect(html).toContain('data-breached="BREACHED"');
    expect(html).toContain('<a href="/custody?status=in-custody&cursor=abc" rel="next">Next page</a>');
    expect(html).toContain('Shown: 3 of 7.');
    // The cards on the page; the table is the print view's.
    expect(html).toContain('<ol class="episodes"');
    expect(html).not.toContain('<table');
    expect(html).toContain(`href="${paths.newCustody}"`);
    // One facility: no facility filter.
    expect(html).not.toContain('name="facilityId"');
    // Other running clocks are listed too, counsel at 93% of its 3 hours.
    expect(clockOf(html, 'kz.custody.counsel')).toContain('clock--warning-90 clock--compact');
  });

  test('in Russian and Kazakh, with the official terms', async () => {
    for (const [lang, words] of [
      ['ru', ['Дежурная часть ИВС', 'Несовершеннолетний: срок 24 часа', 'Осталось']],
      ['kk', ['УҰИ кезекші бөлімі', 'Кәмелетке толмаған: мерзімі 24 сағат', 'Қалған уақыт']],
    ] as const) {
      const html = await render(
        <CustodyDeskPage
          ctx={context(official('custody-officer'), lang)}
          items={[summaryOf(juvenile)]}
          filters={deskFilters({ status: '', clock: 'warning' })}
          facilities={[]}
          list={listOf('/custody')}
          now={nowIso}
          canRegister={false}
        />,
      );
      expect(html).toContain(`<html lang="${lang}">`);
      for (const word of words) expect(html).toContain(word);
      expect(html).toContain('<option value="warning" selected>');
      expect(html).toContain('<option value="any" selected>');
    }
  });

  test('a person named <script> is text on the desk', async () => {
    const html = await render(
      <CustodyDeskPage
        ctx={context(official('custody-officer'))}
        items={[summaryOf(adult, { personName: XSS, facilityName: XSS })]}
        filters={deskFilters()}
        facilities={[
          { id: 'a', name: XSS },
          { id: 'b', name: 'B' },
        ]}
        list={listOf('/custody')}
        now={nowIso}
        canRegister={false}
      />,
    );
    expect(tagsOf(html)).not.toContain('<script>alert');
  });
});

describe('the episode page', () => {
  const view = custodyView();
  const page = (lang: Lang = 'en', extra: Partial<Parameters<typeof EpisodePage>[0]> = {}) =>
    render(
      <EpisodePage
        ctx={context(official('custody-officer'), lang, '/custody/cus1')}
        custody={view}
        now={nowIso}
        recorder="unit"
        forms={formsFor(view, 'unit')}
        facilities={[
          { id: 'fac-ast', name: 'ИВС г. Астаны' },
          { id: 'fac-sizo', name: 'СИЗО г. Астаны' },
        ]}
        failed={null}
        recorded={null}
        {...extra}
      />,
    );

  test('a correction shows beside the entry it corrects: the original struck through but readable, the reason, who', async () => {
    const html = await page();
    const opened =
      /<li class="timeline__entry timeline__entry--corrected" id="entry-103">[\s\S]*?<\/li><\/ul><\/div><\/article><\/li>/.exec(
        html,
      )?.[0] ?? '';
    expect(opened).not.toBe('');
    expect(opened).toContain('<del class="corrected__old">ул. Кенесары 40, Астана</del>');
    expect(opened).toContain('<ins class="corrected__new">ул. Кенесары 42, Астана</ins>');
    // The time of apprehension: the time first stated, struck, and the corrected one.
    expect(opened).toMatch(
      /<span class="visually-hidden">Originally recorded:<\/span><del class="corrected__old">May 2, 2026 at 21:00 \(UTC\+05:00\)<\/del>/,
    );
    expect(opened).toContain('<ins class="corrected__new">May 2, 2026 at 19:00 (UTC+05:00)</ins>');
    expect(opened).toContain('по рапорту патруля задержан на два часа раньше');
    expect(opened).toContain('Ерлан Абенов');
    // The correction's own entry points back to it.
    expect(html).toContain('<a href="#entry-103">Corrects entry No. 103.</a>');
  });

  test('both times of the arrest are on the page: apprehension and the record drawn up (kz.custody.actual-time)', async () => {
    const html = await page();
    expect(html).toContain(
      `<dt class="summary__key">Apprehended</dt><dd class="summary__value"><time datetime="${view.apprehendedAt}">`,
    );
    expect(html).toContain(
      `<dt class="summary__key">Record drawn up</dt><dd class="summary__value"><time datetime="${view.recordedAt}">`,
    );
  });

  test('one small form per safeguard, each with its CSRF token and an optional time; consular forms for a foreign national', async () => {
    const html = await page();
    for (const type of [
      'rights-explained',
      'counsel-requested',
      'family-notified',
      'medical-examined',
      'injury-recorded',
      'court-decision',
      'released',
      'transferred',
      'consular-rights-explained',
      'consulate-notified',
    ]) {
      expect(html, type).toContain(`id="form-${type}"`);
      expect(html, type).toContain(`<input type="hidden" name="type" value="${type}"/>`);
      expect(html, type).toContain(`id="${type}-at" name="${type}-at" type="datetime-local"`);
    }
    expect(html).not.toContain('id="form-judicial-ruled"');
    expect((html.match(/name="_csrf" value="csrf-token"/g) ?? []).length).toBeGreaterThan(10);
    // The person's languages come first in the choice of language.
    expect(html).toMatch(
      /id="rights-explained-language"[^>]*>[\s\S]*?<option value="" selected>Select<\/option><option value="uz">Uzbek<\/option><option value="ru">Russian<\/option>/,
    );
    // A transfer goes to another facility, never this one.
    expect(html).toContain('<option value="fac-sizo">СИЗО г. Астаны</option>');
    expect(html).not.toMatch(/transferred-destinationFacilityId[\s\S]*?<option value="fac-ast">/);
    const national = await render(
      <EpisodePage
        ctx={context(official('custody-officer'))}
        custody={custodyView({ foreignNational: false })}
        now={nowIso}
        recorder="unit"
        forms={formsFor({ status: 'in-custody', foreignNational: false }, 'unit')}
        facilities={[]}
        failed={null}
        recorded={null}
      />,
    );
    expect(national).not.toContain('id="form-consular-rights-explained"');
  });

  test('a judge records court decisions and rulings only; a reader records nothing; after release only the family notice', () => {
    expect(
      formsFor({ status: 'in-custody', foreignNational: false }, 'judge').map((form) => form.type),
    ).toEqual(['court-decision', 'judicial-ruled']);
    expect(
      formsFor({ status: 'transferred', foreignNational: true }, 'unit').map((form) => form.type),
    ).toEqual(['family-notified']);
  });

  test('a form that came back with errors is open, keeps its values and links its errors', async () => {
    const html = await page('en', {
      failed: {
        form: 'family-notified',
        values: { outcome: 'delayed', contact: `"${XSS}` },
        errors: [{ field: 'family-notified-reason', message: 'custody.field.reason.required' }],
      },
    });
    expect(html).toContain('<details class="safeguard" id="form-family-notified" open>');
    expect(html).toContain('<a href="#family-notified-reason">Enter the reason</a>');
    expect(html).toContain('id="family-notified-reason-error"');
    expect(html).toContain(`value="&#34;${XSS}"`);
    expect(tagsOf(html)).not.toContain('<script>alert');
    expect(html).toContain('<title>Error: Каримов Бахтиёр — Habeas</title>');
  });

  test('findings: rule, flag or breach (with its word), what was missed and when', async () => {
    const html = await page('kk');
    expect(html).toContain('<strong class="tag tag--flag"><span>Ескертпе</span></strong>');
    expect(html).toMatch(
      /<strong class="tag tag--breach"><svg[^>]*aria-hidden="true"[\s\S]*?<span>Бұзушылық<\/span><\/strong>/,
    );
    expect(html).toContain('<code class="rule-id">kz.custody.actual-time</code>');
    expect(html).toContain('Ұстап алудың нақты уақыты');
    expect(html).toContain('Ескертпелер мен бұзушылықтар');
  });
});

describe('the printable record (intl.custody.record-copy)', () => {
  const view = custodyView();
  const record = (lang: Lang) =>
    render(
      <RecordPage
        ctx={context(official('custody-officer'), lang, '/custody/cus1/record')}
        custody={view}
        now={nowIso}
        facilities={{ 'fac-ast': 'ИВС г. Астаны' }}
        printedBy="Айгерим Садыкова"
      />,
    );

  test('every safeguard with its time or "not recorded", the interpreter, the consular notification, corrections and findings', async () => {
    const html = await record('ru');
    expect(html).toContain('<h1 class="heading-xl">Протокол задержания</h1>');
    expect(html).toContain('Юсупова Д., переводчик');
    expect(html).toContain('Генеральное консульство Узбекистана в Алматы уведомлено');
    expect(html).toContain('просил уведомить консульство');
    expect(html).toMatch(
      /<th scope="row">Медицинское освидетельствование<\/th><td colspan="2" class="record__missing">Не внесено<\/td>/,
    );
    expect(html).toContain('<del class="corrected__old">ул. Кенесары 40, Астана</del>');
    expect(html).toContain('опечатка в номере дома');
    expect(html).toContain('Нарушение');
    expect(html).toContain('Напечатано 4 мая 2026 г. в 11:00 (UTC+05:00), Айгерим Садыкова.');
    expect(html).toContain('№ 103, 104, 105, 106, 107, 108, 110, 111:');
    // The print button needs the script; it is hidden until then.
    expect(html).toContain('data-print hidden');
    expect(html).toContain('class="no-print"');
  });

  test('in Kazakh and English too; the consular line only for a foreign national', async () => {
    expect(await record('kk')).toContain('Ұстап алу хаттамасы');
    expect(await record('en')).toContain('Copy for the detained person or their lawyer');
    const national = await render(
      <RecordPage
        ctx={context(official('custody-officer'), 'en')}
        custody={custodyView({ foreignNational: false })}
        now={nowIso}
        facilities={{}}
        printedBy="x"
      />,
    );
    expect(national).not.toContain('Consular notification');
  });

  test('the language: ?lang= first, then the first of the person’s languages that is kk, ru or en, then the page’s', () => {
    expect(recordLanguage('en', ['kk'], 'ru')).toBe('en');
    expect(recordLanguage(undefined, ['uz', 'kk-Cyrl', 'ru'], 'en')).toBe('kk');
    expect(recordLanguage('', ['uz'], 'ru')).toBe('ru');
    expect(recordLanguage('de', [], 'kk')).toBe('kk');
  });
});

describe('the arrest form, findings and referrals', () => {
  test('the arrest form: the warning and its confirmation in the page, hidden until needed or shown by the server', async () => {
    const props = {
      ctx: context(official('custody-officer', ['a', 'b']), 'en', '/custody/new'),
      values: { personMode: 'new', apprehendedAt: '2026-05-04T06:00', 'apprehendedAt-offset': '+05:00' },
      languages: [],
      errors: [],
      facilities: [
        { id: 'a', name: 'ИВС А' },
        { id: 'b', name: 'ИВС Б' },
      ],
      now: nowIso,
      maxGapHours: 3,
    };
    const quiet = await render(<ArrestFormPage {...props} warning={null} />);
    expect(quiet).toContain('data-arrest-form data-now="2026-05-04T06:00:00.000Z" data-max-gap-hours="3"');
    expect(quiet).toMatch(/<div class="warning-box" id="time-warning" role="alert" hidden>/);
    expect(quiet).toContain('name="facilityId"');
    expect(quiet).toContain(
      '<input class="radio__input" type="radio" id="personMode-new" name="personMode" value="new" checked',
    );
    const late = await render(
      <ArrestFormPage
        {...props}
        warning="late"
        errors={[{ field: 'confirmTime', message: 'arrest.confirmTime.required' }]}
      />,
    );
    expect(late).toContain(
      '<div class="warning-box" id="time-warning" role="alert" data-time-warning="late">',
    );
    expect(late).toContain('I confirm that this is the actual time of apprehension');
    expect(late).toContain('<a href="#confirmTime">Confirm the time of apprehension, or correct it</a>');
    const ru = await render(
      <ArrestFormPage {...props} ctx={context(official('custody-officer'), 'ru')} warning="late" />,
    );
    expect(ru).toContain('Время задержания указано более чем за 3 ч до текущего момента.');
    const kk = await render(
      <ArrestFormPage {...props} ctx={context(official('custody-officer'), 'kk')} warning="future" />,
    );
    expect(kk).toContain('Ұстап алу уақыты болашақта көрсетілген.');
  });

  test('the findings list links each finding to its episode when the reader may open it', async () => {
    const html = await render(
      <FindingsPage
        ctx={context(official('monitor', []), 'en', '/custody/findings')}
        items={[
          findingItem(),
          findingItem({ seq: 99, rule: 'intl.custody.interpreter', kind: 'flag', juvenile: true }),
        ]}
        filters={{ rule: 'kz.custody.limit', kind: '', facilityId: '', foundFrom: '', foundTo: '' }}
        facilities={[{ id: 'fac-ast', name: 'ИВС г. Астаны' }]}
        list={listOf('/custody/findings')}
        canOpen={true}
      />,
    );
    // The rule filter reads as the rules' names; their codes stand in a column of their own.
    expect(html).toContain('<option value="kz.custody.limit" selected>Custody time limit</option>');
    expect(html).not.toMatch(/<option[^>]*>[^<]*\(kz\./);
    expect(html).toMatch(/<th scope="col"[^>]*>Rule code<\/th>/);
    expect(html).toContain('<code class="rule-id">intl.custody.interpreter</code>');
    expect(html).toContain('href="/custody/cus1">Open');
    expect(html).toContain('Juvenile: 24-hour limit');
    const procurator = await render(
      <FindingsPage
        ctx={context(official('procurator', []), 'ru')}
        items={[findingItem()]}
        filters={{ rule: '', kind: 'breach', facilityId: '', foundFrom: '', foundTo: '' }}
        facilities={[]}
        list={listOf('/custody/findings', { nextPage: '/custody/findings?cursor=x' })}
        canOpen={false}
      />,
    );
    expect(procurator).not.toContain('href="/custody/cus1"');
    expect(procurator).toContain('Следующая страница');
  });

  test('referrals: waiting and examined, with their states in Kazakh', async () => {
    const html = await render(
      <ReferralsPage
        ctx={context(official('medical'), 'kk', '/custody/referrals')}
        referrals={[
          {
            custodyId: 'c',
            injurySeq: 12,
            facilityId: 'f',
            facilityName: 'ИВС',
            personName: XSS,
            openedAt: nowIso,
            status: 'open',
          },
          {
            custodyId: 'd',
            injurySeq: 14,
            facilityId: 'f',
            facilityName: 'ИВС',
            personName: 'Б',
            openedAt: nowIso,
            status: 'examined',
          },
        ]}
        filters={{ status: '', openedFrom: '', openedTo: '' }}
        list={listOf('/custody/referrals', { total: 2 })}
      />,
    );
    expect(html).toContain('Көрсетілді: 2 ішінен 2.');
    expect(html).toContain('<strong class="tag tag--breach">Күтуде</strong>');
    expect(html).toContain('<strong class="tag tag--released">Куәландырылды</strong>');
    expect(html).toContain('<option value="any" selected>');
    expect(tagsOf(html)).not.toContain('<script>alert');
  });

  test('a timeline alone renders entries without corrections plainly', async () => {
    const html = await render(
      <Timeline tr={translator('en')} entries={custodyView().timeline.slice(2, 3)} />,
    );
    expect(html).toContain('<li class="timeline__entry" id="entry-105">');
    expect(html).toContain('Uzbek');
    expect(html).not.toContain('<del');
  });
});

describe('navigation: who sees which custody page (src/access/policy.ts decides)', () => {
  const hrefs = (role: Parameters<typeof official>[0]) =>
    navigationFor(official(role)).map((link) => link.href);
  test('custody officer: desk and arrest; monitor and procurator: desk and findings; medical: referrals; admin: none', () => {
    expect(hrefs('custody-officer')).toEqual(expect.arrayContaining([paths.custody, paths.newCustody]));
    expect(hrefs('custody-officer')).not.toContain(paths.custodyFindings);
    for (const role of ['monitor', 'procurator'] as const) {
      expect(hrefs(role)).toEqual(expect.arrayContaining([paths.custody, paths.custodyFindings]));
      expect(hrefs(role)).not.toContain(paths.newCustody);
    }
    expect(hrefs('medical')).toContain(paths.custodyReferrals);
    expect(hrefs('medical')).not.toContain(paths.custody);
    for (const href of [paths.custody, paths.newCustody, paths.custodyFindings, paths.custodyReferrals])
      expect(hrefs('admin')).not.toContain(href);
  });
});

describe('translations of the custody codes', () => {
  const keys: MessageKey[] = [
    ...CUSTODY_RULES.map((rule) => `rule.${rule}` as MessageKey),
    ...[...SAFEGUARD_EVENT_TYPES, 'custody-opened', 'custody-corrected', 'finding-recorded'].map(
      (type) => `event.${type}` as MessageKey,
    ),
    ...RIGHTS_METHODS.map((value) => `rights.method.${value}` as MessageKey),
    ...FAMILY_OUTCOMES.map((value) => `family.outcome.${value}` as MessageKey),
    ...FAMILY_MEANS.map((value) => `family.means.${value}` as MessageKey),
    ...COURT_DECISIONS.map((value) => `court.decision.${value}` as MessageKey),
    ...JUDICIAL_REQUEST_KINDS.map((value) => `judicial.kind.${value}` as MessageKey),
    ...JUDICIAL_RULINGS.map((value) => `judicial.ruling.${value}` as MessageKey),
    ...(['in-custody', 'released', 'transferred'] as const).map(
      (status) => `custody.status.${status}` as MessageKey,
    ),
  ];

  test('every rule, event and value the pages build a key for has a text in kk, ru and en', () => {
    for (const lang of LANGUAGES)
      for (const key of keys) expect(MESSAGES[lang][key]?.trim() ?? '', `${lang} ${key}`).not.toBe('');
  });

  test('RULES.md terms: ИВС, медицинское освидетельствование, уақытша ұстау изоляторы, медициналық куәландыру', () => {
    expect(MESSAGES.ru['rule.kz.custody.medical']).toBe('Медицинское освидетельствование');
    expect(MESSAGES.kk['rule.kz.custody.medical']).toBe('Медициналық куәландыру');
    expect(MESSAGES.ru['nav.custody.description']).toContain('ИВС');
    expect(MESSAGES.kk['custody.facility'].toLowerCase()).toContain('уақытша ұстау изоляторы');
  });
});

describe('form helpers', () => {
  test('a wall-clock time at an offset becomes UTC; impossible times and unknown offsets are refused', () => {
    expect(momentFromLocal('2026-05-04T11:00', '+05:00')).toBe('2026-05-04T06:00:00.000Z');
    expect(momentFromLocal('2026-05-04T11:00:30', '+05:45')).toBe('2026-05-04T05:15:30.000Z');
    expect(momentFromLocal('  ', '+05:00')).toBe('');
    for (const [local, offset] of [
      ['2026-02-30T10:00', '+05:00'],
      ['2026-05-04T24:00', '+05:00'],
      ['2026-05-04T10:00', '+05:17'],
      ['2026-05-04 10:00', '+05:00'],
      ['1800-01-01T10:00', '+05:00'],
    ])
      expect(momentFromLocal(local ?? '', offset ?? ''), `${local} ${offset}`).toBeNull();
    expect(localFromMoment('2026-05-04T06:00:00.000Z')).toBe('2026-05-04T11:00');
    expect(OFFSETS).toContain('+05:00');
    expect(OFFSETS[0]).toBe('-12:00');
    expect(OFFSETS.at(-1)).toBe('+14:00');
  });

  test('a safeguard form becomes the service’s input: empty optional fields left out, yes/no as booleans', () => {
    const medical = safeguardForm('medical-examined');
    if (!medical) throw new Error('no form');
    expect(
      safeguardInput(medical, {
        examinedBy: ' фельдшер ',
        injuriesSeen: 'no',
        at: '',
        'at-offset': '+05:00',
      }),
    ).toEqual({
      input: { type: 'medical-examined', examinedBy: 'фельдшер', injuriesSeen: false },
    });
    expect(safeguardInput(medical, { at: '2026-13-01T00:00', 'at-offset': '+05:00' })).toEqual({
      errors: [{ field: 'at', message: 'custody.field.at.invalid' }],
    });
  });

  test('a correction names the entry, the field and the new value; a time is typed as a time', () => {
    expect(
      correctionInput({ correctsSeq: '12', field: 'place', to: ' ул. Абая 1 ', reason: 'опечатка' }),
    ).toEqual({
      input: { correctsSeq: 12, field: 'place', to: 'ул. Абая 1', reason: 'опечатка' },
    });
    expect(
      correctionInput({
        correctsSeq: '12',
        field: 'apprehendedAt',
        toTime: '2026-05-04T09:30',
        'toTime-offset': '+05:00',
        reason: 'рапорт',
      }),
    ).toEqual({
      input: { correctsSeq: 12, field: 'apprehendedAt', to: '2026-05-04T04:30:00.000Z', reason: 'рапорт' },
    });
    const wrong = correctionInput({ correctsSeq: 'x', field: 'juvenile', reason: '' });
    expect('errors' in wrong && wrong.errors.map((error) => error.field)).toEqual([
      'correctsSeq',
      'field',
      'reason',
    ]);
  });
});
