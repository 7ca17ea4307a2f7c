import { describe, expect, test } from 'vitest';
import type { DisciplineBreach } from '../../src/app/prison-views.js';
import { PRISON_EVENT_TYPES, VULNERABILITY_KINDS } from '../../src/domain/prison/events.js';
import { KZ_DISCIPLINE_MEASURES, KZ_INCENTIVES } from '../../src/rules/kz/prison.js';
import { Clock } from '../../src/web/components/clock.js';
import {
  DisciplineVerdict,
  RegimeTag,
  SeparationCounter,
  StayTimeline,
  VerdictTexts,
} from '../../src/web/components/prison-parts.js';
import { ruleName } from '../../src/web/custody-labels.js';
import { LANGUAGES, translator } from '../../src/web/i18n.js';
import { DisciplineFormPage } from '../../src/web/pages/prison-discipline.js';
import { ReprisalFlagsPage, SeparationPage, longestFirst } from '../../src/web/pages/prison-oversight.js';
import { RollPage, byRegime } from '../../src/web/pages/prison-roll.js';
import { StayPage, stayNames } from '../../src/web/pages/prison-stay.js';
import { STAY_FORMS, stayEventInput, stayForm, stayFormsFor } from '../../src/web/prison-forms.js';
import {
  PRISON_RULES,
  REFUSING_RULES,
  incentiveName,
  measureName,
  stayEventName,
  vulnerabilityName,
} from '../../src/web/prison-labels.js';
import { refusalMessage } from '../../src/web/routes/prison.js';
import { clock, context, HOUR, iso, NOW, official, render } from './custody-fixtures.js';
import type { ListState } from '../../src/web/list-export.js';
import { GENERAL, RULE_NUMBERS, regime, stayView, summaryOf } from './prison-fixtures.js';

/*
 * The prison pages rendered from fixture views (test/web/prison-fixtures.ts), without a store:
 * the separation day counter and its mark past 15 consecutive days, refused attempts on the
 * timeline, the discipline form's verdict in three languages, escaping, who gets which form, and
 * the pure helpers that turn a submitted form into the service's input.
 */

const XSS = '<script>alert(1)</script>';
const nowIso = iso(NOW);

describe('intl.solitary.prolonged: the separation day counter', () => {
  test('day 12 of 30: the count, the bar, the dates, and a note that it will become prolonged on day 16', async () => {
    const html = await render(
      <SeparationCounter tr={translator('en')} regime={regime()} prolongedDays={15} />,
    );
    expect(html).toContain('<strong>Day 12 of 30</strong>');
    expect(html).toContain('<progress class="separation__bar" max="30" value="12" aria-hidden="true">');
    expect(html).toContain(
      'Planned for more than 15 consecutive days: prolonged solitary confinement from day 16.',
    );
    expect(html).not.toContain('tag--prolonged');
  });

  test('day 15 is not yet prolonged; day 16 is marked in words and with an icon, in every language', async () => {
    const day15 = await render(
      <SeparationCounter tr={translator('en')} regime={regime({ consecutiveDays: 15 })} prolongedDays={15} />,
    );
    expect(day15).not.toContain('tag--prolonged');
    const words = {
      en: 'Prolonged solitary confinement',
      ru: 'Длительное одиночное заключение',
      kk: 'Ұзақ жалғыз адамдық қамау',
    };
    for (const lang of LANGUAGES) {
      const html = await render(
        <SeparationCounter
          tr={translator(lang)}
          regime={regime({ consecutiveDays: 16 })}
          prolongedDays={15}
        />,
      );
      expect(html).toContain('separation separation--prolonged');
      expect(html).toMatch(/<strong class="tag tag--prolonged"><svg[^>]*aria-hidden="true"/);
      expect(html).toContain(words[lang]);
    }
  });

  test('intl.solitary.definition: a placement with no planned end counts its days, under its local name (escaped)', async () => {
    const placed = regime({
      kind: 'separation',
      localName: `карантин ${XSS}`,
      until: null,
      plannedDays: null,
      consecutiveDays: 3,
    });
    const tr = translator('ru');
    const html = await render(
      <>
        <RegimeTag tr={tr} regime={placed} />
        <SeparationCounter tr={tr} regime={placed} prolongedDays={15} />
      </>,
    );
    expect(html).toContain('Изоляция (одиночное заключение под другим названием)');
    expect(html).toContain('здесь: «карантин &lt;script>alert(1)&lt;/script>»');
    expect(html).not.toContain(XSS);
    expect(html).toContain('День 3, окончание не назначено');
    expect(html).not.toContain('<progress');
  });

  test('the general regime says so, with no counter', async () => {
    const html = await render(
      <SeparationCounter tr={translator('kk')} regime={GENERAL} prolongedDays={15} />,
    );
    expect(html).toContain('Оқшауланбаған: жалпы режим.');
  });
});

/** A list of one page with its total and its CSV and print links (src/web/list-export.ts). */
const onePage = (path: string, total: number): ListState => ({
  total,
  nextPage: null,
  csv: `${path}?format=csv`,
  print: `${path}?print=1`,
  printing: false,
  truncated: false,
});

describe('the roll and the separation view', () => {
  const held = stayView();
  const items = [
    summaryOf(stayView({ id: 'a', person: { ...held.person, familyName: 'Ахметов' }, regime: GENERAL })),
    summaryOf(held, {
      regime: regime({ consecutiveDays: 20, kind: 'punishment-block', plannedDays: null, until: null }),
    }),
    summaryOf(stayView({ id: 'b', person: { ...held.person, familyName: 'Бекова' } }), {
      lifeSentence: true,
    }),
  ];

  test('separation first, the longest run first, then everyone else by name', () => {
    expect(byRegime(items).map((item) => item.id)).toEqual(['stay1', 'b', 'a']);
    expect(longestFirst(items.slice(1)).map((item) => item.id)).toEqual(['stay1', 'b']);
  });

  test('the roll: regime, life sentence, open clocks with their due time, findings; admission only for those who admit', async () => {
    const ctx = context(official('prison-officer', ['fac-rc']), 'en', '/prison');
    const props = {
      ctx,
      items,
      filters: { status: 'held' as const, facilityId: '', admittedFrom: '', admittedTo: '' },
      facilities: [],
      list: onePage('/prison', 3),
      now: nowIso,
      prolongedDays: 15,
    };
    const html = await render(<RollPage {...props} canAdmit />);
    expect(html).toContain('People on the roll: 3');
    expect(html).toContain('tag tag--regime-solitary');
    expect(html).toContain('Life sentence');
    expect(html).toContain('data-rule="intl.solitary.prolonged"');
    expect(html).toContain('Due ');
    expect(html).toContain('Prolonged solitary confinement');
    expect(html).toContain('<a class="button" href="/prison/admissions/new">Admit a person</a>');
    expect(html).toContain('src="/static/custody.js"');
    const monitor = await render(
      <RollPage {...props} ctx={context(official('monitor', []), 'en', '/prison')} canAdmit={false} />,
    );
    expect(monitor).not.toContain('href="/prison/admissions/new"');
  });

  test('the separation view marks a prolonged run’s row and counts them', async () => {
    const html = await render(
      <SeparationPage
        ctx={context(official('monitor', []), 'en', '/prison/separation')}
        items={items.slice(1)}
        filters={{ sinceFrom: '', sinceTo: '' }}
        list={onePage('/prison/separation', 2)}
        prolongedDays={15}
        canOpen
      />,
    );
    expect(html).toContain('Past 15 consecutive days: 1');
    expect(html).toContain('<tr class="row--prolonged">');
    expect(html).toContain('Day 20, no planned end');
    expect(html).toContain('Day 12 of 30');
  });
});

describe('the stay', () => {
  test('intl.exercise: the last days outdoors, a short past day marked, today counted as so far', async () => {
    // NOW is 2026-05-04 in Kazakhstan: the 3rd is a past day, the 4th is today.
    const stay = stayView({
      exercise: [
        { date: '2026-05-02', minutes: 60 },
        { date: '2026-05-03', minutes: 45 },
        { date: '2026-05-04', minutes: 20 },
      ],
    });
    const html = await render(
      <StayPage
        ctx={context(official('prison-officer', ['fac-rc']), 'en', '/prison/stays/stay1')}
        stay={stay}
        now={nowIso}
        prolongedDays={15}
        forms={stayFormsFor(stay, 'staff')}
        facilities={{ 'fac-rc': 'СИЗО г. Астаны' }}
        transferTo={[]}
        canDecide={false}
        canOpenCustody={false}
        failed={null}
        recorded={null}
      />,
    );
    expect(html).toContain('Outdoor exercise, last 14 days');
    expect(html).toContain('<time datetime="2026-05-02">May 2, 2026</time>');
    expect(html).toContain('<strong>45 — less than an hour</strong>');
    expect(html).toContain('<span>20 so far today</span>');
  });

  test('intl.register.minimum: the register entry, vulnerabilities, clocks, discipline with appeals, refused attempts and the timeline', async () => {
    const stay = stayView();
    const html = await render(
      <StayPage
        ctx={context(official('governor', ['fac-rc']), 'en', '/prison/stays/stay1')}
        stay={stay}
        now={nowIso}
        prolongedDays={15}
        forms={stayFormsFor(stay, 'governor')}
        facilities={{ 'fac-rc': 'СИЗО г. Астаны' }}
        transferTo={[{ id: 'fac-p', name: 'Учреждение ЕЦ-166/6' }]}
        canDecide
        canOpenCustody={false}
        failed={null}
        recorded={null}
      />,
    );
    for (const text of [
      'Нурланов Асхат Ерланович',
      '2-1234/2026',
      'Есильский районный суд г. Астаны',
      'приговор, ст. 190 УК РК',
      'ул. Кенесары 40, Астана',
      'March 20, 2026',
      '<code>cus1</code>',
      'Disability</span> — separation would worsen it',
      'Day 12 of 30',
      'Appeal decided: Upheld',
      'Not appealed',
      'Refused attempts: 1',
      'Refused attempt: Solitary confinement, 150 days',
      'Refused under the rule “Solitary confinement: at most 4 months”.</span> <code class="rule-id">kz.discipline.solitary</code>',
      'Solitary confinement, 30 days, decided',
      'Breach report of',
      'href="/prison/stays/stay1/discipline"',
    ])
      expect(html, text).toContain(text);
    expect(html).toContain('class="timeline__entry timeline__entry--refused" id="entry-205"');
    // The governor decides appeals; the examination is the medical staff's.
    expect(html).toContain('id="form-appeal-decided"');
    expect(html).not.toContain('id="form-medical-examined"');
    // The view as the medical role reads it carries results; the page shows what it is given.
    expect(html).toContain('HIV result: отрицательный');
    expect(html).toContain('Declined by the person');
  });

  test('the names of decisions and reports, and XSS in a reason escaped on the timeline', async () => {
    const stay = stayView({
      timeline: [
        {
          seq: 9,
          version: 1,
          type: 'breach-reported',
          at: iso(NOW - HOUR),
          recordedAt: iso(NOW),
          actor: 'a',
          actorName: null,
          details: { reportId: 'br1', description: XSS, reportedBy: 'x' },
        },
      ],
    });
    const tr = translator('ru');
    const names = stayNames(tr, stay, {});
    expect(names.decisions.d3).toContain('Штрафной изолятор (ШИЗО), 10 сут., решение от');
    expect(names.reports.br1).toContain('(запись 9)');
    const html = await render(<StayTimeline tr={tr} entries={stay.timeline} names={names} />);
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain(XSS);
  });

  test('a clock that ended after its due time says when it ended and does not tick (no countdown for the script)', async () => {
    const late = clock('kz.admission.medical', 48, 24, { state: 'breached', endedAt: iso(NOW - 20 * HOUR) });
    const html = await render(<Clock tr={translator('en')} clock={late} now={nowIso} />);
    expect(html).toContain('class="clock clock--overdue"');
    expect(html).not.toContain('data-clock=');
    expect(html).not.toContain('clock__time');
    expect(html).toContain('Ended');
    const open = clock('kz.admission.medical', 30, 24);
    expect(await render(<Clock tr={translator('en')} clock={open} now={nowIso} />)).toContain(
      'data-clock="breached"',
    );
  });
});

describe('the discipline form: explained before submission', () => {
  const ctx = context(official('governor', ['fac-rc']), 'en', '/prison/stays/stay1/discipline');

  test('kz.discipline.punishment-block: a refusal names its rule, says why with the number in force, and the register’s reason in the reader’s language', async () => {
    for (const [lang, why, reason] of [
      [
        'en',
        'National law allows at most 15 days in a punishment block',
        'A punishment block lasts at most 15 days, not 16: shorten it.',
      ],
      [
        'ru',
        'Национальный закон допускает не более 15 суток ШИЗО',
        'ШИЗО — не более 15 сут., а не 16: сократите срок.',
      ],
      [
        'kk',
        'Ұлттық заң айыппұл изоляторына 15 тәуліктен аспайтын мерзімге рұқсат етеді',
        'Айыппұл изоляторы 15 тәуліктен аспайды, 16 емес: мерзімді қысқартыңыз.',
      ],
    ] as const) {
      const html = await render(
        <DisciplineVerdict
          tr={translator(lang)}
          verdict={{
            allowed: false,
            rule: 'kz.discipline.punishment-block',
            detail: 'a punishment block lasts at most 15 days, not 16',
            code: 'discipline.punishment-block-too-long',
            params: { maxDays: 15, days: 16 },
            breaches: [],
            flags: [],
            startsAt: null,
            endsAt: null,
          }}
          numbers={RULE_NUMBERS}
        />,
      );
      expect(html).toContain('class="verdict verdict--refused"');
      expect(html).toContain('role="status"');
      expect(html).toContain('<code class="rule-id">kz.discipline.punishment-block</code>');
      expect(html).toContain(why);
      expect(html).toContain(`<span>${reason}</span>`);
      expect(html).not.toContain('lang="en"');
    }
  });

  test('a measure that breaks several rules: the verdict names every one, each with its reason, in kk and ru', async () => {
    const breaches: DisciplineBreach[] = [
      {
        rule: 'kz.discipline.solitary',
        detail: 'solitary confinement lasts at most 4 months',
        code: 'discipline.solitary-too-long',
        params: { maxMonths: 4, maxDays: 122, from: '2026-03-20', days: 200 },
      },
      {
        rule: 'kz.discipline.solitary-prior',
        detail: 'only a person placed in a punishment block before',
        code: 'discipline.solitary-prior',
        params: {},
      },
      {
        rule: 'kz.discipline.medical-before',
        detail: 'no medical examination',
        code: 'discipline.medical-before',
        params: { hours: 24, placementAt: '2026-03-20T06:00:00.000Z' },
      },
    ];
    for (const lang of ['kk', 'ru'] as const) {
      const html = await render(
        <DisciplineVerdict
          tr={translator(lang)}
          verdict={{
            allowed: false,
            ...(breaches[0] as DisciplineBreach),
            breaches,
            flags: [],
            startsAt: null,
            endsAt: null,
          }}
          numbers={RULE_NUMBERS}
        />,
      );
      expect(html).toContain('class="verdict verdict--refused"');
      expect(html.match(/<li class="verdict__breach">/g)).toHaveLength(3);
      for (const breach of breaches) expect(html).toContain(`<code class="rule-id">${breach.rule}</code>`);
      expect(html).toContain('3');
      // The operator's English stays out of the reader's page.
      for (const breach of breaches) expect(html).not.toContain(breach.detail);
      expect(html).not.toContain('2026-03-20T06:00:00.000Z');
    }
  });

  test('intl.solitary.prolonged: a lawful decision shows when it starts and ends, and the finding it would add', async () => {
    const html = await render(
      <DisciplineVerdict
        tr={translator('en')}
        verdict={{
          allowed: true,
          rule: null,
          detail: null,
          code: null,
          params: null,
          breaches: [],
          flags: [{ rule: 'intl.solitary.prolonged', detail: 'solitary of 30 days decided' }],
          startsAt: iso(NOW),
          endsAt: iso(NOW + 30 * 24 * HOUR),
        }}
        numbers={RULE_NUMBERS}
      />,
    );
    expect(html).toContain('class="verdict verdict--flagged"');
    expect(html).toContain('Lawful under national law');
    expect(html).toContain(`<time datetime="${iso(NOW + 30 * 24 * HOUR)}">`);
    expect(html).toContain('More than 15 consecutive days in separation is prolonged solitary confinement');
    expect(html).toContain('National law allows up to 4 months');
  });

  test('the form: the closed list (open-prison measures only in an open prison), the check button before the decision, the script’s texts', async () => {
    const html = await render(
      <DisciplineFormPage
        ctx={ctx}
        stay={stayView()}
        values={{}}
        errors={[]}
        verdict={null}
        numbers={RULE_NUMBERS}
      />,
    );
    for (const measure of ['warning', 'reprimand', 'punishment-block', 'solitary', 'strict-conditions'])
      expect(html).toContain(`value="${measure}"`);
    expect(html).not.toContain('value="dormitory-removal"');
    expect(html.indexOf('value="check"')).toBeLessThan(html.indexOf('value="decide"'));
    expect(html).toContain('data-verdict="empty"');
    expect(html).toContain('src="/static/prison.js"');
    for (const rule of REFUSING_RULES) expect(html).toContain(`data-rule-id="${rule}"`);
    const open = await render(
      <DisciplineFormPage
        ctx={ctx}
        stay={stayView({
          facility: { id: 'f', name: 'Колония-поселение', kind: 'open-prison', population: 'men' },
        })}
        values={{}}
        errors={[]}
        verdict={null}
        numbers={RULE_NUMBERS}
      />,
    );
    expect(open).toContain('value="dormitory-removal"');
  });

  test('every refusing rule has its explanation and its error message, in every language', async () => {
    for (const lang of LANGUAGES) {
      const html = await render(<VerdictTexts tr={translator(lang)} numbers={RULE_NUMBERS} />);
      for (const rule of REFUSING_RULES) {
        const item = new RegExp(
          `data-rule-id="${rule.replaceAll('.', '\\.')}" data-name="[^"]+" data-explain="[^"]{20,}"`,
        );
        expect(html, `${lang} ${rule}`).toMatch(item);
        // Its own message, which names no rule id inside the sentence (the page shows the id as a code).
        const message = translator(lang).t(refusalMessage(rule));
        expect(message, `${lang} ${rule}`).not.toBe(translator(lang).t('discipline.refused.other'));
        expect(message, `${lang} ${rule}`).not.toMatch(/\b(kz|intl)\.[a-z]/);
      }
    }
    expect(refusalMessage(undefined)).toBe('discipline.refused.other');
  });
});

describe('words for every code', () => {
  test('every prison rule, event, measure, incentive and vulnerability has its words in kk, ru and en', () => {
    for (const lang of LANGUAGES) {
      const tr = translator(lang);
      for (const rule of PRISON_RULES) expect(ruleName(tr, rule), rule).not.toBe(rule);
      for (const type of PRISON_EVENT_TYPES) expect(stayEventName(tr, type), type).not.toBe(type);
      for (const measure of KZ_DISCIPLINE_MEASURES) expect(measureName(tr, measure)).not.toBe(measure);
      for (const incentive of KZ_INCENTIVES) expect(incentiveName(tr, incentive)).not.toBe(incentive);
      for (const kind of VULNERABILITY_KINDS) expect(vulnerabilityName(tr, kind)).not.toBe(kind);
    }
    // A code the pages do not know is shown as it is.
    expect(measureName(translator('en'), 'new-measure')).toBe('new-measure');
  });
});

describe('the stay’s forms as data', () => {
  test('who records what: medical staff the examination and health visits, staff daily life, the governor appeals too; after the stay only the family notice', () => {
    const held = stayView();
    const types = (recorder: 'medical' | 'staff' | 'governor', stay = held) =>
      stayFormsFor(stay, recorder).map((form) => form.type);
    expect(types('medical')).toEqual([
      'medical-examined',
      'health-visit',
      'vulnerability-recorded',
      'vulnerability-ended',
    ]);
    expect(types('staff')).toContain('exercise-logged');
    expect(types('staff')).not.toContain('appeal-decided');
    expect(types('staff')).not.toContain('medical-examined');
    expect(types('governor')).toContain('appeal-decided');
    // Separation ended only while in separation.
    expect(types('staff')).toContain('separation-ended');
    expect(types('staff', stayView({ regime: GENERAL }))).not.toContain('separation-ended');
    expect(types('staff', stayView({ status: 'released' }))).toEqual(['family-notified']);
    expect(
      STAY_FORMS.every((form) =>
        form.fields.every((field) => field.label.startsWith('prison.') || field.label.startsWith('person.')),
      ),
    ).toBe(true);
  });

  test('a submitted form becomes the service’s input: numbers, yes or no, clinical results together, empty fields left out', () => {
    const exam = stayForm('medical-examined');
    const placed = stayForm('placed');
    if (!exam || !placed) throw new Error('forms missing');
    expect(
      stayEventInput(exam, {
        at: '2026-05-04T10:30',
        'at-offset': '+05:00',
        hivScreening: 'done',
        tbScreening: 'declined',
        bodilyHarm: 'yes',
        resultHiv: ' отрицательный ',
        resultTb: '',
        examinedBy: '',
      }),
    ).toEqual({
      input: {
        type: 'medical-examined',
        at: '2026-05-04T05:30:00.000Z',
        hivScreening: 'done',
        tbScreening: 'declined',
        bodilyHarm: true,
        results: { hiv: 'отрицательный' },
      },
    });
    expect(stayEventInput(placed, { unit: 'камера 7', hoursWithoutContact: '22,5' })).toEqual({
      input: { type: 'placed', unit: 'камера 7', hoursWithoutContact: 22.5 },
    });
    expect(stayEventInput(placed, { unit: 'камера 7', hoursWithoutContact: '25' })).toEqual({
      errors: [{ field: 'hoursWithoutContact', message: 'prison.field.hours.required' }],
    });
    expect(
      stayEventInput(placed, {
        at: '2026-02-31T10:00',
        'at-offset': '+05:00',
        unit: 'x',
        hoursWithoutContact: '1',
      }),
    ).toEqual({
      errors: [{ field: 'at', message: 'prison.field.at.invalid' }],
    });
  });
});

describe('reprisal flags (kz.complaint.reprisal)', () => {
  test('the list names the complaint by its receipt only, and links the stay only for a reader who may open it', async () => {
    const flag = {
      seq: 1,
      stayId: 'stay1',
      personId: 'per1',
      personName: 'Нурланов Асхат',
      facilityId: 'fac-rc',
      facilityName: 'СИЗО г. Астаны',
      action: 'discipline',
      detail: 'solitary, 30 days',
      actionAt: iso(NOW - HOUR),
      complainedAt: iso(NOW - 20 * 24 * HOUR),
      complaintReference: 'KZ-7Q4M-2XRD',
      recordedAt: iso(NOW - HOUR),
    };
    const authority = await render(
      <ReprisalFlagsPage
        ctx={context(official('complaints-officer', []), 'en', '/reprisal-flags')}
        items={[flag]}
        filters={{ actedFrom: '', actedTo: '' }}
        list={onePage('/reprisal-flags', 1)}
        reprisalDays={90}
        canOpen={false}
      />,
    );
    expect(authority).toContain('<code>KZ-7Q4M-2XRD</code>');
    expect(authority).toContain('within 90 days after they complained');
    expect(authority).toContain('Disciplinary measure');
    expect(authority).not.toContain('href="/prison/stays/stay1"');
    const monitor = await render(
      <ReprisalFlagsPage
        ctx={context(official('monitor', []), 'ru', '/reprisal-flags')}
        items={[flag]}
        filters={{ actedFrom: '', actedTo: '' }}
        list={onePage('/reprisal-flags', 1)}
        reprisalDays={90}
        canOpen
      />,
    );
    expect(monitor).toContain('href="/prison/stays/stay1"');
    expect(monitor).toContain('Учреждение этот список не видит.');
  });
});
