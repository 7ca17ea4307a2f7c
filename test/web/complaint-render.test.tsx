import { describe, expect, test } from 'vitest';
import {
  ALLEGATION_DECISIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  PROTECTION_DECISIONS,
  PROTECTION_KINDS,
} from '../../src/domain/complaints/events.js';
import { COMPLAINT_STATUSES } from '../../src/domain/complaints/state.js';
import { protectionClock } from '../../src/web/components/complaint-parts.js';
import {
  CATEGORY_TEXT,
  CHANNEL_TEXT,
  COMPLAINT_RULES,
  DECISION_TEXT,
  PROTECTION_KIND_TEXT,
  PROTECTION_STATUSES,
  PROTECTION_STATUS_TEXT,
  STATUS_TEXT,
} from '../../src/web/complaint-labels.js';
import { ruleName } from '../../src/web/custody-labels.js';
import { LANGUAGES, MESSAGES, translator, type Lang, type MessageKey } from '../../src/web/i18n.js';
import { navigationFor } from '../../src/web/navigation.js';
import { AllegationPage } from '../../src/web/pages/allegation.js';
import { AllegationsPage } from '../../src/web/pages/allegations.js';
import { ComplaintInboxPage } from '../../src/web/pages/complaint-inbox.js';
import { ReceiveComplaintPage, ReceivedPage } from '../../src/web/pages/complaint-new.js';
import { ComplaintPage } from '../../src/web/pages/complaint-open.js';
import { ProtectionPage } from '../../src/web/pages/complaint-protection.js';
import { UnlockPage } from '../../src/web/pages/complaint-unlock.js';
import type { ListState } from '../../src/web/list-export.js';
import {
  allegationItem,
  allegationSummary,
  complaintSummary,
  complaintView,
  context,
  iso,
  NOW,
  official,
  protectionRequest,
  render,
  XSS_TEXT,
} from './complaint-fixtures.js';

/*
 * The complaint pages rendered from fixture views (test/web/complaint-fixtures.ts), without a
 * store: every category, channel, status and decision in kk, ru and en; the opened text as text;
 * no answer form on a torture allegation (kz.torture.referral); the list and the governor's
 * requests without content; the forms' CSRF tokens and errors.
 */

const nowIso = iso(NOW);
/** A register list's state: a total, its links, no next page, not printing. */
const listOf = (path: string, total: number, extra: Partial<ListState> = {}): ListState => ({
  total,
  nextPage: null,
  csv: `${path}?format=csv`,
  print: `${path}?print=1`,
  printing: false,
  truncated: false,
  ...extra,
});
const officer = official('complaints-officer', []);
const procurator = official('procurator', []);
const governor = official('governor');
const visible = (html: string): string =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
const decode = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function inbox(lang: Lang, items = [complaintSummary(), allegationSummary()], unlocked = true) {
  return render(
    <ComplaintInboxPage
      ctx={context(officer, lang, '/complaints')}
      items={items}
      filters={{ status: '', category: '', facilityId: '', submittedFrom: '', submittedTo: '' }}
      facilities={[{ id: 'fac-ast', name: 'СИЗО г. Астаны' }]}
      list={listOf('/complaints', items.length)}
      now={nowIso}
      unlocked={unlocked}
      canReceive
      justLocked={false}
    />,
  );
}

function opened(view = complaintView(), lang: Lang = 'en', reader = officer) {
  return render(
    <ComplaintPage
      ctx={context(reader, lang, `/complaints/${view.reference}`)}
      reference={view.reference}
      view={view}
      purpose="to answer"
      errors={[]}
      answer=""
      recorded={null}
      canAnswer={reader.role === 'complaints-officer'}
      canDecide={reader.role === 'procurator'}
      now={nowIso}
    />,
  );
}

describe('words for every code, in kk, ru and en', () => {
  const keys: MessageKey[] = [
    ...COMPLAINT_CATEGORIES.map((category) => CATEGORY_TEXT[category]),
    ...COMPLAINT_CHANNELS.map((channel) => CHANNEL_TEXT[channel]),
    ...COMPLAINT_STATUSES.map((status) => STATUS_TEXT[status]),
    ...ALLEGATION_DECISIONS.map((decision) => DECISION_TEXT[decision]),
    ...PROTECTION_KINDS.map((kind) => PROTECTION_KIND_TEXT[kind]),
    ...PROTECTION_STATUSES.map((status) => PROTECTION_STATUS_TEXT[status]),
    ...PROTECTION_DECISIONS.map((decision) => `protection.decision.${decision}` as MessageKey),
  ];

  test('every category, channel, status and decision has a text in each language, different in each', () => {
    for (const key of keys) {
      for (const lang of LANGUAGES) expect(MESSAGES[lang][key]?.trim() ?? '', `${lang} ${key}`).not.toBe('');
      expect(MESSAGES.kk[key], key).not.toBe(MESSAGES.ru[key]);
    }
  });

  test('the inbox shows each category with its picture and words, and each status, in every language', async () => {
    const items = COMPLAINT_CATEGORIES.map((category, index) =>
      complaintSummary({
        reference: `7KQ2-M9XD-4HT${index}`,
        category,
        status: COMPLAINT_STATUSES[index % COMPLAINT_STATUSES.length],
      }),
    );
    for (const lang of LANGUAGES) {
      const html = await inbox(lang, items);
      for (const category of COMPLAINT_CATEGORIES) {
        const tag = new RegExp(
          `<strong class="tag tag--category[^"]*"><svg class="icon tag__icon"[^>]*aria-hidden="true"[\\s\\S]*?</svg><span>${MESSAGES[lang][CATEGORY_TEXT[category]]}</span></strong>`,
        );
        expect(html, `${lang} ${category}`).toMatch(tag);
      }
      for (const status of COMPLAINT_STATUSES)
        expect(html, `${lang} ${status}`).toContain(
          `<strong class="tag tag--complaint-${status}">${MESSAGES[lang][STATUS_TEXT[status]]}</strong>`,
        );
      // The filters offer every status and category by name.
      for (const status of COMPLAINT_STATUSES)
        expect(html).toContain(`<option value="${status}">${MESSAGES[lang][STATUS_TEXT[status]]}</option>`);
      expect(html).toContain(`lang="${lang}"`);
    }
    const ru = await inbox('ru', items);
    expect(ru).toContain('Пытки или жестокое обращение');
    expect(ru).toContain('Терминал в учреждении');
    const kk = await inbox('kk', items);
    expect(kk).toContain('Азаптау немесе қатыгездікпен қарау');
  });

  test('every channel and every decision are named on the pages that show them', async () => {
    for (const lang of LANGUAGES) {
      for (const channel of COMPLAINT_CHANNELS) {
        const html = await inbox(lang, [complaintSummary({ channel })]);
        expect(html).toContain(`<dd>${MESSAGES[lang][CHANNEL_TEXT[channel]]}</dd>`);
      }
      const html = await render(
        <AllegationsPage
          ctx={context(procurator, lang, '/allegations')}
          items={ALLEGATION_DECISIONS.map((decision, index) =>
            allegationItem({
              reference: `AB12-CD34-EF5${index}`,
              decisions: [{ ...allegationItem().decisions[0]!, decision, caseNumber: null }],
            }),
          )}
          submitted={{ from: '', to: '' }}
          list={listOf('/allegations', ALLEGATION_DECISIONS.length)}
        />,
      );
      for (const decision of ALLEGATION_DECISIONS)
        expect(html, `${lang} ${decision}`).toContain(
          `<span>${MESSAGES[lang][DECISION_TEXT[decision]]}</span>`,
        );
    }
  });

  test('the complaint rules name their clocks and findings (intl.complaint.answer, kz.transfer.protection)', () => {
    for (const lang of LANGUAGES)
      for (const rule of COMPLAINT_RULES) expect(ruleName(translator(lang), rule)).not.toBe(rule);
    expect(ruleName(translator('ru'), 'intl.complaint.answer')).toBe('Ответ на жалобу');
    expect(ruleName(translator('kk'), 'kz.transfer.protection')).toBe('Қорғау немесе ауыстыру туралы шешім');
  });
});

describe('the inbox', () => {
  test('no content: reference, facility, category, channel, status, received, answer due, requests, complainant or anonymous', async () => {
    const html = await inbox('en');
    expect(html).not.toContain('Меня избили');
    expect(html).toContain('<a href="/complaints/7KQ2-M9XD-4HTA">');
    expect(html).toContain('<span class="reference">7KQ2-M9XD-4HTA</span>');
    expect(html).toContain('<dd>СИЗО г. Астаны</dd>');
    expect(html).toContain('<dd>Kiosk in the facility</dd>');
    expect(html).toContain('<span>Абенов Ерлан</span>');
    expect(html).toContain('<em>Anonymous</em>');
    expect(visible(html)).toContain('Asks for special protection Asks for a transfer');
    // The answer's countdown (intl.complaint.answer): 10 days left of 30, ticking from the server's time.
    const clock =
      /<div class="clock clock--running"[^>]*data-rule="intl.complaint.answer"[\s\S]*?<\/div>/.exec(
        html,
      )?.[0];
    expect(clock).toContain('<h4 class="clock__rule">Answer to the complaint</h4>');
    // From 72 hours on, with days, the unit in the reader's language, which custody.js reads too.
    expect(clock).toContain('<span class="clock__time" role="timer">10\u00a0d\u00a000:00:00</span>');
    expect(clock).toContain('data-day-unit="d"');
    expect(html).toContain(`data-now="${nowIso}"`);
    expect(html).toContain('src="/static/custody.js"');
    // The allegation has no answer clock; its protection request is overdue, and said so.
    expect(html).toContain('No answer clock: the procurator decides on an allegation.');
    expect(html).toMatch(
      /class="clock clock--breached clock--compact"[^>]*data-rule="kz.transfer.protection"/,
    );
    expect(html).toContain('<strong class="tag tag--breach">Breaches: 1</strong>');
  });

  test('unlocked: says so, with a lock button (POST, CSRF); locked: says so, with the link to unlock', async () => {
    const unlocked = await inbox('en');
    expect(unlocked).toContain('The complaints key is unlocked for your session.');
    expect(unlocked).toMatch(
      /<form class="key-state__form" method="post" action="\/complaints\/lock"><input type="hidden" name="_csrf" value="csrf-token"\/><button class="button button--secondary key-state__button" type="submit">Lock now<\/button>/,
    );
    const locked = await inbox('ru', undefined, false);
    expect(locked).toContain('Ключ для жалоб заблокирован');
    expect(locked).toContain(
      '<a class="button key-state__button" href="/complaints/unlock">Разблокировать ключ</a>',
    );
    expect(locked).not.toContain('action="/complaints/lock"');
  });

  test('an empty inbox says so; a next page keeps the filters', async () => {
    const html = await render(
      <ComplaintInboxPage
        ctx={context(officer, 'kk', '/complaints')}
        items={[]}
        filters={{
          status: 'received',
          category: 'health',
          facilityId: '',
          submittedFrom: '2026-05-01',
          submittedTo: '',
        }}
        facilities={[]}
        list={listOf('/complaints', 0, {
          nextPage: '/complaints?status=received&category=health&submittedFrom=2026-05-01&cursor=abc',
        })}
        now={nowIso}
        unlocked={false}
        canReceive={false}
        justLocked
      />,
    );
    expect(html).toContain('Іріктеу шарттарына сай шағым жоқ.');
    expect(html).toContain('<option value="received" selected>');
    expect(html).toContain('<option value="health" selected>');
    expect(html).toContain('name="submittedFrom" value="2026-05-01"');
    expect(html).toContain(
      'href="/complaints?status=received&category=health&submittedFrom=2026-05-01&cursor=abc" rel="next"',
    );
    expect(html).toContain('Шағымдар кілті құлыпталды.');
    expect(html).not.toContain('class="button button--secondary" href="/complaints/new"');
  });
});

describe('unlocking the key', () => {
  test('a password input that the browser does not fill or keep, with the session’s CSRF token and where to go next', async () => {
    const html = await render(
      <UnlockPage
        ctx={context(officer, 'en', '/complaints/unlock')}
        next="/complaints/7KQ2-M9XD-4HTA"
        errors={[{ field: 'passphrase', message: 'unlock.passphrase.wrong' }]}
        unlocked={false}
        noKey={false}
      />,
    );
    expect(html).toMatch(
      /<input class="input input--medium input--error" id="passphrase" name="passphrase" type="password" autocomplete="off" spellcheck="false"/,
    );
    expect(html).not.toMatch(/id="passphrase"[^>]*value=/);
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf-token"/>');
    expect(html).toContain('<input type="hidden" name="next" value="/complaints/7KQ2-M9XD-4HTA"/>');
    expect(html).toContain('<a href="#passphrase">The passphrase is wrong and the key stays locked.');
    expect(html).toContain('locks itself after 30 minutes without use');
  });

  test('without a key on the server it says how one is made; when unlocked already, it goes on', async () => {
    const none = await render(
      <UnlockPage ctx={context(officer, 'ru')} next="/complaints" errors={[]} unlocked={false} noKey />,
    );
    expect(none).toContain('habeas sealing init');
    expect(none).not.toContain('type="password"');
    const already = await render(
      <UnlockPage ctx={context(officer, 'kk')} next="/complaints/X" errors={[]} unlocked noKey={false} />,
    );
    expect(already).toContain('<a class="button" href="/complaints/X">Жалғастыру</a>');
  });
});

describe('a complaint', () => {
  test('before opening: every opening is recorded, the purpose is asked for, and the form is a POST with CSRF', async () => {
    for (const lang of LANGUAGES) {
      const html = await render(
        <ComplaintPage
          ctx={context(officer, lang, '/complaints/7KQ2-M9XD-4HTA')}
          reference="7KQ2-M9XD-4HTA"
          view={null}
          purpose=""
          errors={[]}
          answer=""
          recorded={null}
          canAnswer
          canDecide={false}
          now={nowIso}
        />,
      );
      expect(html).toContain(MESSAGES[lang]['complaint.open.logged']);
      expect(html).toMatch(
        /<form class="form" method="post" action="\/complaints\/7KQ2-M9XD-4HTA\/open" novalidate><input type="hidden" name="_csrf" value="csrf-token"\/>/,
      );
      expect(html).toContain('id="purpose" name="purpose" type="text" value=""');
      expect(html).not.toContain('action="/complaints/7KQ2-M9XD-4HTA/answer"');
    }
  });

  test('the opened text is text: markup in it is escaped, its line breaks kept, its language marked', async () => {
    const html = await opened();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>никто</b>');
    const text = /<div class="complaint-text" lang="ru">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(text).toContain('&lt;script>alert(&#34;x&#34;)&lt;/script>');
    expect(decode(text)).toBe(XSS_TEXT);
    expect(html).toContain('This opening was recorded in the log.');
  });

  test('an ordinary complaint: metadata, the answer clock and the answer form (POST, CSRF, the purpose kept)', async () => {
    const html = await opened(
      complaintView(complaintSummary(), {
        answers: [
          { seq: 5, answeredAt: iso(NOW - 3600_000), actorName: 'Officer <i>', text: 'Ответ <b>дан</b>' },
        ],
      }),
      'ru',
    );
    expect(html).toContain('<strong class="tag tag--complaint-received">Получена</strong>');
    expect(html).toMatch(/data-rule="intl.complaint.answer"/);
    expect(html).toMatch(
      /<form class="form" method="post" action="\/complaints\/7KQ2-M9XD-4HTA\/answer" novalidate><input type="hidden" name="_csrf" value="csrf-token"\/><input type="hidden" name="purpose" value="to answer"\/>/,
    );
    expect(html).toContain('<textarea class="input textarea" id="answer" name="answer" rows="8"');
    expect(html).toContain('Ответ &lt;b>дан&lt;/b>');
    expect(html).toContain('Officer &lt;i>');
    expect(html).not.toContain('only the procurator');
  });

  test('a torture allegation: no answer form, the notice that only the procurator decides (kz.torture.referral)', async () => {
    for (const lang of LANGUAGES) {
      const html = await opened(complaintView(allegationSummary()), lang);
      expect(html).not.toContain('/answer"');
      expect(html).not.toContain('name="answer"');
      expect(html).toContain(MESSAGES[lang]['complaint.allegation.title']);
      expect(html).toContain('kz.torture.referral');
      expect(html).toContain('<strong class="tag tag--category tag--torture">');
    }
    // The procurator reading it is led to the decision form.
    const forProcurator = await opened(complaintView(allegationSummary()), 'en', procurator);
    expect(forProcurator).toContain('<a href="/allegations/AB12-CD34-EF56">Record a decision</a>');
    expect(forProcurator).toContain('Breaches');
  });

  test('content that did not open is said, not hidden', async () => {
    const html = await opened(
      complaintView(complaintSummary(), {
        content: null,
        contentError: 'the sealed content does not open <x>',
      }),
    );
    expect(html).toContain('the sealed content does not open &lt;x>');
  });
});

describe('a complaint from another channel', () => {
  test('the form says the text is sealed on arrival, offers the five channels and the six categories, with CSRF', async () => {
    const html = await render(
      <ReceiveComplaintPage
        ctx={context(officer, 'en', '/complaints/new')}
        values={{ language: 'ru' }}
        errors={[{ field: 'text', message: 'receive.text.required' }]}
        facilities={[{ id: 'fac-ast', name: 'СИЗО г. Астаны' }]}
        now={nowIso}
      />,
    );
    expect(html).toContain('The text is sealed to the complaints authority');
    for (const channel of ['paper', 'lawyer', 'family', 'ombudsman', 'hotline'])
      expect(html).toContain(`name="channel" value="${channel}"`);
    expect(html).not.toContain('value="kiosk"');
    for (const category of COMPLAINT_CATEGORIES)
      expect(html).toContain(`name="category" value="${category}"`);
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf-token"/>');
    expect(html).toContain('<a href="#text">Enter the text of the complaint</a>');
    expect(html).toMatch(/name="language" value="ru" checked/);
    expect(html).toContain('id="protectionRequested" name="protectionRequested" value="yes"');
    expect(html).toContain('type="datetime-local"');
  });

  test('after it: the reference to give the sender', async () => {
    const html = await render(
      <ReceivedPage ctx={context(officer, 'kk')} reference="7KQ2-M9XD-4HTA" allegation />,
    );
    expect(html).toContain('<strong class="panel__id reference">7KQ2-M9XD-4HTA</strong>');
    expect(html).toContain('Бұл нөмірді жіберушіге айтыңыз');
    expect(html).toContain('бірден прокурорға жіберілді');
  });
});

describe('the procurator’s allegations', () => {
  test('the list names each by its source complaint and links to its decision form', async () => {
    const html = await render(
      <AllegationsPage
        ctx={context(procurator, 'ru', '/allegations')}
        items={[allegationItem(), allegationItem({ reference: 'ZZ99-ZZ99-ZZ99', decisions: [] })]}
        submitted={{ from: '', to: '' }}
        list={listOf('/allegations', 2)}
      />,
    );
    expect(html).toContain(
      '<a href="/allegations/AB12-CD34-EF56"><span class="reference">AB12-CD34-EF56</span></a>',
    );
    expect(html).toContain('<span>Присоединено к делу (257100031000123)</span>');
    expect(html).toContain('Решения ещё нет');
  });

  test('the decision form: four decisions with hints; a missing case number is beside its field and in the summary', async () => {
    const html = await render(
      <AllegationPage
        ctx={context(procurator, 'en', '/allegations/AB12-CD34-EF56')}
        allegation={allegationItem()}
        values={{ decision: 'joined' }}
        errors={[{ field: 'caseNumber', message: 'allegation.caseNumber.required' }]}
        recorded={false}
        canOpen
      />,
    );
    for (const decision of ALLEGATION_DECISIONS)
      expect(html).toContain(`name="decision" value="${decision}"`);
    expect(html).toMatch(/name="decision" value="joined" checked/);
    expect(html).toContain(
      '<a href="#caseNumber">Enter the number of the case this allegation is joined with</a>',
    );
    expect(html).toMatch(
      /<p class="field__error" id="caseNumber-error"><span class="visually-hidden">Error:<\/span> Enter the number of the case/,
    );
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('action="/allegations/AB12-CD34-EF56/decisions"');
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf-token"/>');
    // The decisions so far, and that a joined allegation still counts (kz.cases.joined).
    expect(html).toContain('Прокурор Сарсенова А.');
    expect(html).toContain('kz.cases.joined');
    // The source complaint, for a procurator who may open it (with the key, and recorded).
    expect(html).toContain(
      '<a href="/complaints/AB12-CD34-EF56">Read the complaint (every opening is recorded)</a>',
    );
  });
});

describe('the governor’s requests (kz.transfer.protection)', () => {
  test('the request without the complaint: kind, person, 24-hour countdown and a decision form per request', async () => {
    const requests = [
      protectionRequest(),
      protectionRequest({ id: 'req2', kind: 'transfer', person: null }),
      protectionRequest({
        id: 'req3',
        status: 'granted',
        decidedAt: iso(NOW - 10 * 3600_000),
        reason: 'moved to block 2',
      }),
    ];
    const html = await render(
      <ProtectionPage
        ctx={context(governor, 'en', '/protection-requests')}
        requests={requests}
        filters={{ status: '', requestedFrom: '', requestedTo: '' }}
        list={listOf('/protection-requests', 3)}
        failed={{
          requestId: 'req2',
          values: { decision: 'refused', reason: '' },
          errors: [{ field: 'reason-req2', message: 'protection.reason.required' }],
        }}
        recorded={false}
        now={nowIso}
      />,
    );
    expect(html).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(html).not.toContain('Conditions');
    expect(html).toContain('Special protection');
    expect(html).toContain('Transfer to another facility');
    expect(html).toContain('<a href="/people/per1">Абенов Ерлан</a>');
    expect(html).toContain('Not named: the complainant stays anonymous');
    expect(html).toMatch(/class="clock clock--warning-75"[^>]*data-rule="kz.transfer.protection"/);
    expect(html).toContain('<span class="clock__time" role="timer">04:00:00</span>');
    expect(html).toContain('action="/protection-requests/req1/decision"');
    expect(html).toContain('action="/protection-requests/req2/decision"');
    expect(html).not.toContain('action="/protection-requests/req3/decision"');
    expect(html).toContain('<a href="#reason-req2">Give the reason for your decision</a>');
    expect(html).toMatch(/name="decision-req2" value="refused" checked/);
    expect(html).toContain('moved to block 2');
  });

  test('the clock of a request: running, breached after 24 hours, met once decided', () => {
    expect(protectionClock(protectionRequest(), nowIso).state).toBe('running');
    expect(protectionClock(protectionRequest({ dueAt: iso(NOW - 1000) }), nowIso).state).toBe('breached');
    const decided = protectionClock(
      protectionRequest({ status: 'refused', decidedAt: iso(NOW - 1000) }),
      nowIso,
    );
    expect(decided.state).toBe('met');
    expect(decided.endedAt).toBe(iso(NOW - 1000));
  });
});

describe('navigation: who sees which complaint page (src/access/policy.ts decides)', () => {
  const hrefs = (role: Parameters<typeof official>[0]) =>
    navigationFor(official(role, role === 'governor' || role.endsWith('officer') ? ['fac-ast'] : [])).map(
      (link) => link.href,
    );

  test('complaints officer: inbox and other channels; procurator: allegations; governor: requests; none for the others', () => {
    expect(hrefs('complaints-officer')).toEqual(expect.arrayContaining(['/complaints', '/complaints/new']));
    expect(hrefs('complaints-officer')).not.toContain('/allegations');
    expect(hrefs('procurator')).toContain('/allegations');
    expect(hrefs('procurator')).not.toContain('/complaints/new');
    expect(hrefs('governor')).toEqual(expect.arrayContaining(['/protection-requests']));
    for (const role of [
      'custody-officer',
      'prison-officer',
      'governor',
      'admin',
      'medical',
      'judge',
      'statistician',
    ] as const) {
      expect(hrefs(role), role).not.toContain('/complaints');
      expect(hrefs(role), role).not.toContain('/allegations');
    }
    for (const role of ['complaints-officer', 'procurator', 'admin', 'monitor'] as const)
      expect(hrefs(role), role).not.toContain('/protection-requests');
  });
});
