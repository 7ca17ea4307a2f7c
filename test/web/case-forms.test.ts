import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/access/principal.js';
import type { CaseView } from '../../src/app/cases.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { translator } from '../../src/web/i18n.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * The procurator's forms of a case file (issue 20 item 9) through the real app on SQLite: every
 * step's form is a page at the address it posts to, for the procurator of the case's region only
 * (403 to the judge, the monitor and the facilities' roles; 404 out of region); a form recorded
 * goes back to the file (POST-redirect-GET) and what it recorded is in the case as the API reads
 * it; a refused form comes back with what was typed and the refusing rule's sentence at its field
 * (kz.torture.sentencing flags and never refuses; kz.redress.fund refuses an overpayment;
 * kz.torture.nullity, kz.torture.suspension, kz.cases.joined).
 */

/** 12:00 in Astana (UTC+05:00) on 4 May 2026. */
const NOW = Date.parse('2026-05-04T07:00:00.000Z');
const TEST_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const PDF = Buffer.from('%PDF-1.7 заключение судебно-медицинской экспертизы № 1234\n');
const PDF_SHA = createHash('sha256').update(PDF).digest('hex');

type Session = { cookie: string; csrfToken: string };

let h: Harness;
let procurator: Session;
let caseId: string;
/** Officials of the register: the one named as a suspect before the tests, and two to name. */
let ready: string;
let bekov: string;
let saparov: string;
let victimId: string;
let redressId: string;
let complaint: string;

const errorSummary = (html: string): string =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
/** The message beside a field (FieldMessage), without its hidden prefix. */
function fieldError(html: string, field: string): string {
  const match = new RegExp(`<p class="field__error" id="${field}-error">([\\s\\S]*?)</p>`).exec(html);
  return (match?.[1] ?? '')
    .replace(/<span class="visually-hidden">[^<]*<\/span>/, '')
    .replace(/<\/?span>/g, '')
    .trim();
}

/**
 * The Latin words a Kazakh or Russian page shows outside code, the language switch and hidden
 * values (issue 18: no English on those pages; test/web/every-page-language.test.ts reads the demo).
 */
function latinWords(html: string): string[] {
  const shown = html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<code\b[^>]*>[\s\S]*?<\/code>/g, ' ')
    .replace(/<nav class="lang"[\s\S]*?<\/nav>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  const allowed = new Set(['habeas', 'sha-256', 'rfc', 'utc']);
  return (
    [...shown.matchAll(/[A-Za-z][A-Za-z0-9-]+/g)]
      .map((match) => match[0])
      // The signed-in official's username (the harness's `userN`), as the register holds it.
      .filter(
        (word) => !allowed.has(word.toLowerCase()) && !/^user\d+$/.test(word) && !/^UTC-\d+$/.test(word),
      )
  );
}

const get = (session: Session, url: string) => h.app.inject({ url, headers: { cookie: session.cookie } });

function post(session: Session, url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  body.append('_csrf', session.csrfToken);
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return h.app.inject({
    method: 'POST',
    url,
    payload: body.toString(),
    headers: { ...form({}).headers, cookie: session.cookie },
  });
}

async function api(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await h.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: h.bearer('procurator'),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json() as Record<string, unknown>;
}

const theCase = async (): Promise<CaseView> => (await api('GET', `/cases/${caseId}`)) as unknown as CaseView;
const step = (name: string, lang = 'en') => `/cases/${caseId}/${name}?lang=${lang}`;
const defendantStep = (officialId: string, name: string, lang = 'en') =>
  `/cases/${caseId}/defendants/${officialId}/${name}?lang=${lang}`;
const recordedAt = (name: string) => `/cases/${caseId}?recorded=${name}`;

async function official(name: string, position: string): Promise<string> {
  return String((await api('POST', '/officials', { name, position, agency: 'police', region: 'KZ-71' })).id);
}

beforeAll(async () => {
  h = await startHarness('sqlite', { clock: () => new Date(NOW) });
  await initSealing(h.dataDir, 'жалобы идут прямо в центр', { kdf: TEST_KDF });
  const received = await h.app.inject({
    method: 'POST',
    url: '/api/v1/complaints/received',
    headers: h.bearer('complaints-officer'),
    payload: {
      facilityId: h.facilities.astana,
      channel: 'paper',
      category: 'torture-or-ill-treatment',
      text: 'Оперуполномоченный бил меня 2 мая.',
      receivedAt: new Date(NOW - 24 * 3_600_000).toISOString(),
    },
  });
  expect(received.statusCode, received.body).toBe(201);
  complaint = (received.json() as { reference: string }).reference;
  ready = await official('Ахметов Серик Болатович', 'старший оперуполномоченный');
  bekov = await official('Беков Данияр Маратович', 'оперуполномоченный');
  saparov = await official('Сапаров Арман Ерланович', 'участковый инспектор');
  caseId = String(
    (
      await api('POST', '/cases', {
        number: '267100031000777',
        article: '146 ч. 2',
        openedOn: '2026-04-01',
        investigatingBody: 'Агентство по противодействию коррупции, г. Астана',
        region: 'KZ-71',
        exOfficioBasis: 'Сообщение СМИ о пытках в ИВС.',
      })
    ).id,
  );
  await api('POST', `/cases/${caseId}/suspects`, {
    officialId: ready,
    identifiedAt: '2026-04-02T10:00:00+05:00',
  });
  const withVictim = await api('POST', `/cases/${caseId}/victims`, {
    name: 'Абенов Ерлан',
    recognisedOn: '2026-04-03',
  });
  victimId = (withVictim as unknown as CaseView).victims[0]?.victimId ?? '';
  const withRedress = await api('POST', `/cases/${caseId}/redress`, {
    victimId,
    by: 'victims-fund',
    category: 'torture-victim',
    purpose: 'treatment',
    amountKzt: 1_500_000,
    decidedOn: '2026-04-20',
  });
  redressId = (withRedress as unknown as CaseView).redress[0]?.redressId ?? '';
  procurator = await h.session('procurator', { regions: ['KZ-71'] });
});

afterAll(async () => {
  await h?.close();
});

/** Every form's address: the file's steps, one defendant's, and a payment of an award. */
function everyForm(): string[] {
  return [
    ...[
      'allegations',
      'suspects',
      'update',
      'victims',
      'documents',
      'redress',
      'rehabilitation',
      'evidence-exclusions',
      'nullities',
      'discontinuations',
      'resumptions',
      'court-referrals',
    ].map((name) => `/cases/${caseId}/${name}`),
    ...['suspension', 'charges', 'verdicts', 'appeals', 'appeal-decisions'].map(
      (name) => `/cases/${caseId}/defendants/${ready}/${name}`,
    ),
    `/cases/${caseId}/redress/${redressId}/payments`,
  ];
}

describe('issue 20 item 9: a form for every step of a case file, the procurator’s alone', () => {
  test('every form is a page for the procurator of the region, posting to its own address with the token, in kk, ru and en', async () => {
    for (const url of everyForm()) {
      for (const lang of ['kk', 'ru', 'en']) {
        const page = await get(procurator, `${url}?lang=${lang}`);
        expect(page.statusCode, `${url} ${lang}`).toBe(200);
        expect(page.body).toContain(`<html lang="${lang}">`);
        expect(page.body).toContain(`href="/cases/${caseId}"`);
        if (lang !== 'en') expect(latinWords(page.body), `${url} ${lang}`).toEqual([]);
      }
      const page = await get(procurator, `${url}?lang=en`);
      // A form whose record is not there yet (nothing discontinued, no decision to void…) says why instead.
      if (page.body.includes('<form class="form" method="post"')) {
        expect(page.body).toContain(`action="${url}"`);
        expect(page.body).toContain(`<input type="hidden" name="_csrf" value="${procurator.csrfToken}"/>`);
      } else expect(page.body, url).toMatch(/<div class="notice" role="status">/);
    }
  });

  test('deny by default: the judge, the monitor, the statistician and every facility role get 403 for each form, shown or sent', async () => {
    const others: Role[] = [
      'judge',
      'monitor',
      'statistician',
      'custody-officer',
      'prison-officer',
      'governor',
      'medical',
      'complaints-officer',
      'admin',
    ];
    for (const role of others) {
      const session = await h.session(role);
      for (const url of everyForm()) {
        expect((await get(session, url)).statusCode, `${role} GET ${url}`).toBe(403);
        expect((await post(session, url, {})).statusCode, `${role} POST ${url}`).toBe(403);
      }
    }
    const before = await theCase();
    expect(before.documents).toHaveLength(0);
  });

  test('a procurator of another region, an unknown case, defendant or award: 404', async () => {
    const almaty = await h.session('procurator', { regions: ['KZ-75'] });
    expect((await get(almaty, `/cases/${caseId}/documents`)).statusCode).toBe(404);
    expect((await post(almaty, `/cases/${caseId}/documents`, { title: 'x' })).statusCode).toBe(404);
    expect((await get(procurator, '/cases/nosuchcase/documents')).statusCode).toBe(404);
    expect((await get(procurator, `/cases/${caseId}/defendants/${bekov}/charges`)).statusCode).toBe(404);
    expect((await get(procurator, `/cases/${caseId}/redress/nosuchaward/payments`)).statusCode).toBe(404);
    expect((await get(procurator, `/cases/${caseId}/defendants/${ready}/bogus`)).statusCode).toBe(404);
  });

  test('a form without its token is refused as out of date (CSRF)', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: `/cases/${caseId}/victims`,
      ...form({ name: 'Кто-то', recognisedOn: '2026-04-05' }),
      headers: { ...form({}).headers, cookie: procurator.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect((await theCase()).victims).toHaveLength(1);
  });
});

describe('documents by digest (seed ¶7, kz.defence.file)', () => {
  test('a document typed without JavaScript is recorded with its SHA-256, size and type, and the file is not asked for', async () => {
    const page = await get(procurator, step('documents'));
    // The file picker is for the script only: hidden and nameless, and the form is urlencoded.
    expect(page.body).toMatch(/<div class="field" data-digest-picker[^>]* hidden>/);
    expect(page.body).toContain('<input id="digest-file" type="file"');
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('<script src="/static/case-forms.js" defer></script>');
    const response = await post(procurator, step('documents'), {
      kind: 'forensic-report',
      title: 'Заключение СМЭ № 1234',
      dated: '2026-04-10',
      submittedBy: 'expert',
      sha256: PDF_SHA.toUpperCase(),
      size: String(PDF.length),
      mediaType: 'application/pdf',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect(response.headers.location).toBe(recordedAt('documents'));
    const document = (await theCase()).documents.at(-1);
    expect(document).toMatchObject({
      kind: 'forensic-report',
      title: 'Заключение СМЭ № 1234',
      dated: '2026-04-10',
      submittedBy: 'expert',
      digest: { sha256: PDF_SHA, size: PDF.length, mediaType: 'application/pdf' },
      stored: false,
    });
    const decision = await post(procurator, step('documents'), {
      kind: 'decision',
      title: 'Постановление о признании вещественным доказательством',
      dated: '2026-04-11',
      submittedBy: 'investigator',
      sha256: 'a'.repeat(64),
      size: '1 024',
      mediaType: 'application/pdf',
    });
    expect(decision.statusCode, errorSummary(decision.body)).toBe(303);
  });

  test('an empty or wrong digest comes back with each field’s message and what was typed; a date after today with the rule’s sentence', async () => {
    const wrong = await post(procurator, step('documents', 'ru'), {
      kind: 'defence-submission',
      title: 'Ходатайство защитника <b>',
      dated: '2026-04-12',
      submittedBy: 'defence',
      sha256: 'xyz',
      size: 'много',
      mediaType: '',
    });
    expect(wrong.statusCode).toBe(422);
    expect(fieldError(wrong.body, 'sha256')).toBe(
      'Хеш-сумма SHA-256 — это 64 шестнадцатеричные цифры (0–9, a–f)',
    );
    expect(fieldError(wrong.body, 'size')).toBe('Размер — целое число байтов');
    expect(fieldError(wrong.body, 'mediaType')).toBe('Укажите тип содержимого');
    expect(wrong.body).toContain('value="Ходатайство защитника <b>"');
    expect(wrong.body).toContain('<option value="defence-submission" selected>');
    expect(wrong.body).toContain('aria-describedby="sha256-hint sha256-error"');
    const summary = errorSummary(wrong.body);
    expect(summary.indexOf('href="#sha256"')).toBeLessThan(summary.indexOf('href="#size"'));

    const future = await post(procurator, step('documents', 'kk'), {
      kind: 'defence-submission',
      title: 'Қорғаушының өтінішхаты',
      dated: '2026-06-01',
      submittedBy: 'defence',
      sha256: 'b'.repeat(64),
      size: '10',
      mediaType: 'text/plain',
    });
    expect(future.statusCode).toBe(422);
    expect(fieldError(future.body, 'dated')).toContain('2026 ж. 1 маусым');
    expect(future.body).toContain(`value="${'b'.repeat(64)}"`);
  });
});

describe('suspects from the register of officials (kz.torture.suspension)', () => {
  test('the register is searched by name without a script, and the official chosen is identified at the local time entered', async () => {
    const all = await get(procurator, step('suspects', 'ru'));
    expect(all.body).toContain('role="search"');
    expect(all.body).toContain('Беков Данияр Маратович');
    expect(all.body).toContain('Сапаров Арман Ерланович');
    // Named already: not offered again.
    expect(all.body).not.toContain(`value="${ready}"`);
    const found = await get(procurator, `${step('suspects', 'ru')}&q=${encodeURIComponent('бек')}`);
    expect(found.body).toContain(`value="${bekov}"`);
    expect(found.body).not.toContain(`value="${saparov}"`);
    expect(found.body).toContain('<input type="hidden" name="q" value="бек"/>');
    const none = await get(procurator, `${step('suspects', 'en')}&q=${encodeURIComponent('Жоқ')}`);
    expect(none.body).toContain('No official in the register matches “Жоқ”.');
    expect(none.body).toContain('href="/officials/new"');

    const empty = await post(procurator, step('suspects', 'en'), { q: 'бек', identifiedAt: '' });
    expect(empty.statusCode).toBe(422);
    expect(fieldError(empty.body, 'officialId')).toBe('Choose the official');
    expect(fieldError(empty.body, 'identifiedAt')).toBe('Enter the date and time');
    // The same search again, so the same official can be chosen.
    expect(empty.body).toContain(`value="${bekov}"`);

    const response = await post(procurator, step('suspects'), {
      q: 'бек',
      officialId: bekov,
      identifiedAt: '2026-05-04T09:30',
      'identifiedAt-offset': '+05:00',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect(response.headers.location).toBe(recordedAt('suspects'));
    const defendant = (await theCase()).defendants.find((candidate) => candidate.officialId === bekov);
    expect(defendant).toMatchObject({
      name: 'Беков Данияр Маратович',
      identifiedAt: '2026-05-04T04:30:00.000Z',
    });
  });

  test('an official already named is refused with the rule’s sentence; a time in the future too', async () => {
    const twice = await post(procurator, step('suspects', 'ru'), {
      officialId: bekov,
      identifiedAt: '2026-05-04T10:00',
      'identifiedAt-offset': '+05:00',
    });
    expect(twice.statusCode).toBe(422);
    expect(fieldError(twice.body, 'officialId')).toContain('Беков Данияр Маратович');
    const later = await post(procurator, step('suspects', 'ru'), {
      officialId: saparov,
      identifiedAt: '2026-05-04T18:00',
      'identifiedAt-offset': '+05:00',
    });
    expect(later.statusCode).toBe(422);
    expect(fieldError(later.body, 'identifiedAt')).not.toBe('');
    expect(later.body).toContain('value="2026-05-04T18:00"');
  });

  test('the suspension is recorded on the wall clock with who ordered it', async () => {
    const page = await get(procurator, defendantStep(bekov, 'suspension', 'ru'));
    expect(page.body).toContain('Беков Данияр Маратович');
    const response = await post(procurator, defendantStep(bekov, 'suspension'), {
      suspendedAt: '2026-05-04T11:00',
      'suspendedAt-offset': '+05:00',
      orderedBy: 'Начальник ДП г. Астаны',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const defendant = (await theCase()).defendants.find((candidate) => candidate.officialId === bekov);
    expect(defendant?.suspension).toMatchObject({
      suspendedAt: '2026-05-04T06:00:00.000Z',
      orderedBy: 'Начальник ДП г. Астаны',
    });
    const again = await get(procurator, defendantStep(bekov, 'suspension', 'en'));
    expect(again.body).toContain('This official’s suspension is already recorded.');
    expect(again.body).not.toContain('<form class="form" method="post"');
  });
});

describe('charges, court and verdict (kz.torture.sentencing: flagged, never refused)', () => {
  test('the charge form says before it is sent that another article is flagged; a charge under 335 is recorded and flagged', async () => {
    const page = await get(procurator, defendantStep(ready, 'charges', 'ru'));
    expect(page.body).toContain(
      'Обвинение по статье, отличной от 146 («Пытки»), будет записано и отмечено как переквалификация пыток на менее тяжкое преступление.',
    );
    const empty = await post(procurator, defendantStep(ready, 'charges', 'ru'), {
      article: '',
      chargedOn: '',
    });
    expect(empty.statusCode).toBe(422);
    expect(fieldError(empty.body, 'article')).toBe('Укажите статью Уголовного кодекса');
    expect(fieldError(empty.body, 'chargedOn')).toBe('Укажите дату');
    const response = await post(procurator, defendantStep(ready, 'charges'), {
      article: '335 ч. 1',
      chargedOn: '2026-04-15',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const view = await theCase();
    expect(view.defendants.find((defendant) => defendant.officialId === ready)).toMatchObject({
      stage: 'charged',
      reclassified: true,
    });
    expect(view.findings.filter((finding) => finding.rule === 'kz.torture.sentencing')).toHaveLength(1);
    // The charge back under 146.
    const back = await post(procurator, defendantStep(ready, 'charges'), {
      article: '146 ч. 2',
      chargedOn: '2026-04-16',
    });
    expect(back.statusCode, errorSummary(back.body)).toBe(303);
  });

  test('sent to court: the charged defendants are ticked, the court named with its region', async () => {
    const page = await get(procurator, step('court-referrals', 'kk'));
    expect(page.body).toContain(`name="officialIds" value="${ready}"`);
    // Not charged: not offered.
    expect(page.body).not.toContain(`name="officialIds" value="${bekov}"`);
    const none = await post(procurator, step('court-referrals', 'en'), {
      courtName: 'Суд',
      courtRegion: 'KZ-71',
      sentOn: '2026-04-20',
    });
    expect(none.statusCode).toBe(422);
    expect(fieldError(none.body, 'officialIds')).toBe('Tick the defendants sent to court');
    const response = await post(procurator, step('court-referrals'), {
      officialIds: [ready],
      courtName: 'Специализированный межрайонный суд по уголовным делам г. Астаны',
      courtRegion: 'KZ-71',
      sentOn: '2026-04-20',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect(
      (await theCase()).defendants.find((defendant) => defendant.officialId === ready)?.court,
    ).toMatchObject({
      name: 'Специализированный межрайонный суд по уголовным делам г. Астаны',
      region: 'KZ-71',
      sentOn: '2026-04-20',
    });
  });

  test('a conviction without a sentence is refused at the first penalty with the rule’s sentence, keeping what was typed', async () => {
    const page = await get(procurator, defendantStep(ready, 'verdicts', 'ru'));
    // The court and the charge's article are filled in from the file.
    expect(page.body).toContain('value="Специализированный межрайонный суд по уголовным делам г. Астаны"');
    expect(page.body).toContain('value="146 ч. 2"');
    expect(page.body).toContain(
      'По делу о пытках условное осуждение, процессуальное соглашение или осуждение по другой статье записываются так, как решил суд, и отмечаются; в записи не отказывается.',
    );
    const refused = await post(procurator, defendantStep(ready, 'verdicts', 'ru'), {
      courtName: 'Специализированный межрайонный суд по уголовным делам г. Астаны',
      courtRegion: 'KZ-71',
      outcome: 'convicted',
      article: '146 ч. 2',
      pleaAgreement: 'yes',
      decidedOn: '2026-04-30',
    });
    expect(refused.statusCode).toBe(422);
    expect(fieldError(refused.body, 'penalty-0-kind')).not.toBe('');
    expect(errorSummary(refused.body)).toContain('href="#penalty-0-kind"');
    expect(refused.body).toMatch(/id="pleaAgreement" name="pleaAgreement" value="yes" checked/);
    const months = await post(procurator, defendantStep(ready, 'verdicts', 'en'), {
      courtName: 'Суд',
      courtRegion: 'KZ-71',
      outcome: 'convicted',
      article: '146 ч. 2',
      'penalty-1-kind': 'imprisonment',
      'penalty-1-months': 'три года',
      decidedOn: '2026-04-30',
    });
    expect(months.statusCode).toBe(422);
    // The second row of the form, though it is the first penalty sent.
    expect(fieldError(months.body, 'penalty-1-months')).toBe(
      'Enter the months as a whole number from 1 to 600',
    );
  });

  test('a suspended conviction is recorded as the court gave it, and the case shows the flag', async () => {
    const response = await post(procurator, defendantStep(ready, 'verdicts'), {
      courtName: 'Специализированный межрайонный суд по уголовным делам г. Астаны',
      courtRegion: 'KZ-71',
      outcome: 'convicted',
      article: '146 ч. 2',
      'penalty-0-kind': 'imprisonment',
      'penalty-0-months': '36',
      'penalty-2-kind': 'deprivation-of-right',
      'penalty-2-months': '24',
      suspended: 'yes',
      probationMonths: '24',
      decidedOn: '2026-04-30',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect(response.headers.location).toBe(recordedAt('verdicts'));
    const view = await theCase();
    const defendant = view.defendants.find((candidate) => candidate.officialId === ready);
    expect(defendant?.final).toEqual({
      outcome: 'convicted',
      article: '146 ч. 2',
      sentence: {
        penalties: [
          { kind: 'imprisonment', months: 36, amountKzt: null },
          { kind: 'deprivation-of-right', months: 24, amountKzt: null },
        ],
        suspended: true,
        probationMonths: 24,
      },
      pleaAgreement: false,
    });
    const flag = view.findings.filter((finding) => finding.rule === 'kz.torture.sentencing').at(-1);
    expect(flag?.params).toMatchObject({ concerns: ['suspended-sentence'] });
    // The case file page says so beside the verdict.
    const file = await get(procurator, `${response.headers.location}&lang=ru`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain(
      `<strong class="tag tag--flag">${translator('ru').t('caseFile.suspendedSentence')}</strong>`,
    );
    // A verdict stands: the form says so rather than offering another.
    const again = await get(procurator, defendantStep(ready, 'verdicts', 'en'));
    expect(again.body).toContain('A verdict on this defendant stands.');
  });

  test('an appeal and the appeal court’s change, flagged when it suspends', async () => {
    const appeal = await post(procurator, defendantStep(ready, 'appeals'), {
      by: 'procurator',
      filedOn: '2026-05-02',
    });
    expect(appeal.statusCode, errorSummary(appeal.body)).toBe(303);
    const upheld = await post(procurator, defendantStep(ready, 'appeal-decisions', 'en'), {
      courtName: 'Астанинский городской суд',
      courtRegion: 'KZ-71',
      result: 'upheld',
      outcome: 'acquitted',
      decidedOn: '2026-05-03',
    });
    expect(upheld.statusCode).toBe(422);
    expect(fieldError(upheld.body, 'outcome')).toBe(
      'An appeal that upholds the verdict or orders a retrial gives no outcome of its own.',
    );
    const changed = await post(procurator, defendantStep(ready, 'appeal-decisions'), {
      courtName: 'Астанинский городской суд',
      courtRegion: 'KZ-71',
      result: 'changed',
      outcome: 'convicted',
      'penalty-0-kind': 'imprisonment',
      'penalty-0-months': '60',
      decidedOn: '2026-05-03',
    });
    expect(changed.statusCode, errorSummary(changed.body)).toBe(303);
    expect(
      (await theCase()).defendants.find((candidate) => candidate.officialId === ready)?.final,
    ).toMatchObject({
      outcome: 'convicted',
      article: '146 ч. 2',
      sentence: { penalties: [{ kind: 'imprisonment', months: 60, amountKzt: null }], suspended: false },
    });
  });
});

describe('compensation and its payments (kz.redress.fund)', () => {
  test('compensation decided for a victim chosen among the file’s', async () => {
    const page = await get(procurator, step('redress', 'kk'));
    expect(page.body).toContain(`name="victimId" value="${victimId}"`);
    expect(page.body).toContain('Абенов Ерлан');
    const response = await post(procurator, step('redress'), {
      victimId,
      by: 'court',
      category: 'torture-victim',
      purpose: 'damages',
      amountKzt: '2 000 000',
      decidedOn: '2026-04-30',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect((await theCase()).redress.at(-1)).toMatchObject({ by: 'court', amountKzt: 2_000_000, paidKzt: 0 });
  });

  test('a payment shows what was decided and paid; more than is left is refused at the amount with the rule’s sentence', async () => {
    const url = (lang: string) => `/cases/${caseId}/redress/${redressId}/payments?lang=${lang}`;
    const first = await post(procurator, url('en'), { amountKzt: '500 000', paidOn: '2026-04-25' });
    expect(first.statusCode, errorSummary(first.body)).toBe(303);
    expect(first.headers.location).toBe(recordedAt('payments'));
    const page = await get(procurator, url('ru'));
    expect(page.body).toMatch(/1\s500\s000 тенге, решение от 20 апреля 2026/);
    expect(page.body).toMatch(/Выплачено<\/dt>\s*<dd class="summary__value">500\s000 тенге/);
    expect(page.body).toMatch(/Осталось выплатить<\/dt>\s*<dd class="summary__value">1\s000\s000 тенге/);
    const over = await post(procurator, url('en'), { amountKzt: '1200000', paidOn: '2026-04-28' });
    expect(over.statusCode).toBe(422);
    expect(fieldError(over.body, 'amountKzt')).toMatch(
      /1,500,000 tenge were decided and 500,000 paid: 1,200,000 more/,
    );
    expect(over.body).toContain('value="1200000"');
    expect((await theCase()).redress.find((redress) => redress.redressId === redressId)?.paidKzt).toBe(
      500_000,
    );
    const rest = await post(procurator, url('en'), { amountKzt: '1000000', paidOn: '2026-04-28' });
    expect(rest.statusCode, errorSummary(rest.body)).toBe(303);
    expect((await get(procurator, url('en'))).body).toContain('This compensation has been paid in full.');
  });
});

describe('decisions void and evidence excluded (kz.torture.nullity, kz.evidence.inadmissible)', () => {
  test('the file’s procedural decisions are ticked and declared void; none ticked is asked for', async () => {
    const view = await theCase();
    const decision = view.documents.find((document) => document.kind === 'decision');
    const report = view.documents.find((document) => document.kind === 'forensic-report');
    const page = await get(procurator, step('nullities', 'ru'));
    expect(page.body).toContain(`name="documentIds" value="${decision?.documentId}"`);
    // Only decisions can be void.
    expect(page.body).not.toContain(`value="${report?.documentId}"`);
    const none = await post(procurator, step('nullities', 'ru'), {
      basis: 'Признание получено под пытками.',
      by: 'court',
      voidedOn: '2026-04-30',
    });
    expect(none.statusCode).toBe(422);
    expect(fieldError(none.body, 'documentIds')).toBe('Отметьте решения, признанные недействительными');
    expect(none.body).toContain('Признание получено под пытками.</textarea>');
    const response = await post(procurator, step('nullities'), {
      documentIds: [decision?.documentId ?? ''],
      basis: 'Постановление суда от 30 апреля: признание получено под пытками.',
      by: 'court',
      voidedOn: '2026-04-30',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const after = await theCase();
    expect(after.documents.find((document) => document.kind === 'decision')?.voidedBy).not.toBeNull();
    expect(after.nullities).toHaveLength(1);
    expect((await get(procurator, step('nullities', 'en'))).body).toContain(
      'There are no procedural decisions in this file that could be declared void.',
    );
  });

  test('evidence excluded, naming a document of the file', async () => {
    const report = (await theCase()).documents.find((document) => document.kind === 'forensic-report');
    const response = await post(procurator, step('evidence-exclusions'), {
      description: 'Признательные показания от 3 апреля, данные без защитника.',
      documentId: report?.documentId ?? '',
      by: 'court',
      excludedOn: '2026-04-30',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect((await theCase()).exclusions.at(-1)).toMatchObject({
      documentId: report?.documentId,
      by: 'court',
    });
  });
});

describe('the rest of the file', () => {
  test('an allegation joined from its complaint’s page (?complaint=) counts as joined (kz.cases.joined); twice is refused', async () => {
    const page = await get(procurator, `${step('allegations')}&complaint=${complaint}`);
    expect(page.body).toMatch(/value="complaint" checked/);
    expect(page.body).toContain(`value="${complaint}"`);
    // As the case list links to it, with the kind and the reference.
    const linked = await get(procurator, `${step('allegations')}&kind=complaint&reference=${complaint}`);
    expect(linked.body).toMatch(/value="complaint" checked/);
    expect(linked.body).toContain(`value="${complaint}"`);
    const response = await post(procurator, step('allegations'), {
      kind: 'complaint',
      reference: complaint,
      joinedOn: '2026-05-04',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect((await theCase()).allegations).toEqual([
      expect.objectContaining({ source: { kind: 'complaint', reference: complaint }, joined: true }),
    ]);
    const twice = await post(procurator, step('allegations', 'ru'), {
      kind: 'complaint',
      reference: complaint,
      joinedOn: '2026-05-04',
    });
    expect(twice.statusCode).toBe(422);
    expect(fieldError(twice.body, 'reference')).toContain(complaint);
  });

  test('the investigating body and tags, a victim, rehabilitation, a discontinuation and its resumption', async () => {
    const update = await get(procurator, step('update'));
    expect(update.body).toContain('value="Агентство по противодействию коррупции, г. Астана"');
    expect(
      (
        await post(procurator, step('update'), {
          investigatingBody: 'Агентство по противодействию коррупции, г. Астана',
          tags: 'January-2022, astana',
          reason: 'Дела о событиях января 2022 года отмечаются вместе.',
        })
      ).statusCode,
    ).toBe(303);
    expect((await theCase()).tags).toEqual(['january-2022', 'astana']);
    const victim = await post(procurator, step('victims'), {
      name: 'Сериков Нурлан',
      recognisedOn: '2026-04-05',
    });
    expect(victim.statusCode, errorSummary(victim.body)).toBe(303);
    const rehabilitation = await post(procurator, step('rehabilitation'), {
      victimId,
      measure: 'psychological',
      description: 'Курс психологической помощи в кризисном центре.',
      providedOn: '2026-04-28',
    });
    expect(rehabilitation.statusCode, errorSummary(rehabilitation.body)).toBe(303);
    const report = (await theCase()).documents.find((document) => document.kind === 'forensic-report');
    const stopped = await post(procurator, step('discontinuations'), {
      officialId: bekov,
      ground: 'no-elements',
      evidence: [report?.documentId ?? ''],
      reason: 'Экспертиза не подтвердила причастность.',
      discontinuedOn: '2026-05-01',
    });
    expect(stopped.statusCode, errorSummary(stopped.body)).toBe(303);
    const view = await theCase();
    expect(view.defendants.find((defendant) => defendant.officialId === bekov)).toMatchObject({
      stage: 'discontinued',
    });
    const resume = await get(procurator, step('resumptions', 'ru'));
    expect(resume.body).toContain(`value="${bekov}"`);
    const resumed = await post(procurator, step('resumptions'), {
      officialId: bekov,
      by: 'procurator',
      reason: 'Постановление отменено прокурором области.',
      resumedOn: '2026-05-03',
    });
    expect(resumed.statusCode, errorSummary(resumed.body)).toBe(303);
    expect((await theCase()).defendants.find((defendant) => defendant.officialId === bekov)?.stage).not.toBe(
      'discontinued',
    );
  });
});
