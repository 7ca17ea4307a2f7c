import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AllegationSummary } from '../../src/app/complaint-views.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { formatMoment } from '../../src/web/custody-time.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * The allegation page's outcome forms (POST /allegations/{reference}/outcomes; the API's
 * POST /api/v1/allegations/{reference}/outcomes) through the real app on SQLite: the procurator
 * records officials identified, a suspension, the court's outcome and excluded evidence, each
 * entered on the wall clock, and sees it on the page after a notice (POST-redirect-GET); a rule's
 * refusal is its reason in the reader's language; a field left empty or wrong is a 422 page in
 * Kazakh; the complaints officer and the custody officer are refused; every form needs its token.
 */

const HOUR = 3_600_000;
/** 12:00 in Astana (UTC+05:00) on 4 May 2026. */
const NOW = Date.parse('2026-05-04T07:00:00.000Z');
const TEST_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const OPERATIVE = 'Б. Е., оперуполномоченный';
const ESCORT = 'К. А., конвоир <b>';

type Session = { cookie: string; csrfToken: string };

let h: Harness;
let procurator: Session;
let reference: string;

const errorSummary = (html: string): string =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

function post(session: Session, url: string, fields: Record<string, string>, csrf = true) {
  return h.app.inject({
    method: 'POST',
    url,
    ...form(csrf ? { _csrf: session.csrfToken, ...fields } : fields),
    headers: { ...form({}).headers, cookie: session.cookie },
  });
}

const get = (session: Session, url: string) => h.app.inject({ url, headers: { cookie: session.cookie } });
const outcomes = (lang = 'en') => `/allegations/${reference}/outcomes?lang=${lang}`;
/** A form's moment on the wall clock at Kazakhstan's offset, as its MomentField sends it. */
const at = (form: string, local: string) => ({ [`${form}-at`]: local, [`${form}-at-offset`]: '+05:00' });

/** The allegation as the API answers it: what the forms recorded, in UTC. */
async function recorded(): Promise<AllegationSummary> {
  const response = await h.app.inject({ url: '/api/v1/allegations', headers: h.bearer('procurator') });
  const found = (response.json() as { items: AllegationSummary[] }).items.find(
    (item) => item.reference === reference,
  );
  if (!found) throw new Error(`allegation ${reference} is not listed`);
  return found;
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
      receivedAt: new Date(NOW - 24 * HOUR).toISOString(),
    },
  });
  expect(received.statusCode, received.body).toBe(201);
  reference = (received.json() as { reference: string }).reference;
  procurator = await h.session('procurator');
});

afterAll(async () => {
  await h?.close();
});

describe('the allegation page records what the case shows (kz.torture.suspension, kz.torture.sentencing, kz.evidence.inadmissible)', () => {
  test('the page offers the forms, each with its token and kind; the suspension form only once someone is identified', async () => {
    const page = await get(procurator, `/allegations/${reference}?lang=en`);
    expect(page.statusCode).toBe(200);
    const action = `action="/allegations/${reference}/outcomes"`;
    expect(page.body.split(action).length - 1).toBe(3);
    for (const kind of ['suspects-identified', 'court-outcome', 'evidence-excluded'])
      expect(page.body).toContain(`<input type="hidden" name="kind" value="${kind}"/>`);
    expect(page.body).not.toContain('value="official-suspended"');
    expect(page.body).toContain(`<input type="hidden" name="_csrf" value="${procurator.csrfToken}"/>`);
    // Times on the wall clock with their offset, Kazakhstan's by default.
    expect(page.body).toContain('name="suspects-at" type="datetime-local"');
    expect(page.body).toMatch(/<option value="\+05:00" selected>UTC\+05:00 \(Kazakhstan\)<\/option>/);
  });

  test('officials identified, on the wall clock: PRG to the page, which shows them in Russian with the time as entered', async () => {
    const response = await post(procurator, outcomes(), {
      kind: 'suspects-identified',
      'suspects-officials': `${OPERATIVE}\r\n\r\n  ${ESCORT}  \r\n`,
      ...at('suspects', '2026-05-04T10:00'),
    });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/allegations/${reference}?recorded=suspects-identified`);
    const page = await get(procurator, `${String(response.headers.location)}&lang=ru`);
    expect(page.body).toContain(
      'Установленные должностные лица записаны. Каждого нужно отстранить от должности в течение 24 часов.',
    );
    expect(page.body).toContain('Установлено должностных лиц: 2');
    expect(page.body).toContain(`<td>${OPERATIVE}</td>`);
    expect(page.body).toContain('<td>К. А., конвоир &lt;b></td>');
    expect(page.body).toContain(formatMoment('ru', '2026-05-04T05:00:00.000Z'));
    // 10:00 at UTC+05:00 is 05:00 UTC; each starts its 24 h clock.
    expect((await recorded()).suspects).toEqual([
      expect.objectContaining({
        official: OPERATIVE,
        identifiedAt: '2026-05-04T05:00:00.000Z',
        dueAt: '2026-05-05T05:00:00.000Z',
        suspendedAt: null,
      }),
      expect.objectContaining({ official: 'К. А., конвоир <b>', suspendedAt: null }),
    ]);
  });

  test('a suspension, chosen among the officials still to be suspended, is shown with who ordered it', async () => {
    const page = await get(procurator, `/allegations/${reference}?lang=en`);
    expect(page.body).toContain('<input type="hidden" name="kind" value="official-suspended"/>');
    expect(page.body).toContain(`<option value="${OPERATIVE}">${OPERATIVE}</option>`);
    const response = await post(procurator, outcomes(), {
      kind: 'official-suspended',
      'suspension-official': ESCORT,
      'suspension-by': 'Начальник ДП г. Астаны',
      ...at('suspension', '2026-05-04T11:30'),
    });
    expect(response.statusCode, response.body).toBe(303);
    const after = await get(procurator, `${String(response.headers.location)}&lang=en`);
    expect(after.body).toContain('The suspension was recorded.');
    expect(after.body).toContain('Начальник ДП г. Астаны');
    // Only the operative is still to be suspended.
    expect(after.body).toContain(`<option value="${OPERATIVE}">`);
    expect(after.body).not.toContain('<option value="К. А., конвоир &lt;b>">');
    const escort = (await recorded()).suspects.find((suspect) => suspect.official === ESCORT);
    expect(escort).toMatchObject({
      suspendedAt: '2026-05-04T06:30:00.000Z',
      suspendedBy: 'Начальник ДП г. Астаны',
    });
  });

  test('the court’s outcome is recorded as decided and flagged (reclassified, suspended); the table says so in Kazakh', async () => {
    const response = await post(procurator, outcomes(), {
      kind: 'court-outcome',
      'court-outcome': 'convicted',
      'court-article': 'ст. 362 УК РК',
      'court-reclassified': 'yes',
      'court-sentence': 'suspended',
      'court-months': '24',
      ...at('court', '2026-05-04T09:15'),
    });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(`/allegations/${reference}?recorded=court-outcome`);
    const page = await get(procurator, `${String(response.headers.location)}&lang=kk`);
    expect(page.body).toContain('Сот шешімі жазылды.');
    expect(page.body).toContain('Сот шешімдері: 1');
    expect(page.body).toContain('ст. 362 УК РК');
    expect(page.body).toContain('Шартты соттау, 24 ай');
    expect(page.body).toContain('<strong>Жеңілірек қылмысқа қайта сараланды; Шартты жаза</strong>');
    expect((await recorded()).courtOutcomes).toEqual([
      expect.objectContaining({
        at: '2026-05-04T04:15:00.000Z',
        outcome: 'convicted',
        reclassified: true,
        pleaBargain: false,
        sentence: { kind: 'suspended', months: 24 },
        concerns: ['reclassified', 'suspended-sentence'],
      }),
    ]);
  });

  test('evidence excluded: a description typed over lines is one line, shown on the page', async () => {
    const response = await post(procurator, outcomes(), {
      kind: 'evidence-excluded',
      'evidence-description': 'Признательные показания\r\nот 2 мая',
      ...at('evidence', '2026-05-04T08:00'),
    });
    expect(response.statusCode, response.body).toBe(303);
    const page = await get(procurator, `${String(response.headers.location)}&lang=en`);
    expect(page.body).toContain('The excluded evidence was recorded.');
    expect(page.body).toContain('<td>Признательные показания от 2 мая</td>');
    expect((await recorded()).evidenceExcluded).toEqual([
      expect.objectContaining({
        at: '2026-05-04T03:00:00.000Z',
        description: 'Признательные показания от 2 мая',
      }),
    ]);
  });
});

describe('what the page refuses, in the reader’s language', () => {
  test('a rule’s refusal is its reason, with its names and times in Kazakh, beside the field it names; nothing is recorded', async () => {
    const before = await recorded();
    const again = await post(procurator, outcomes('kk'), {
      kind: 'suspects-identified',
      'suspects-officials': OPERATIVE,
      ...at('suspects', '2026-05-04T11:00'),
    });
    expect(again.statusCode).toBe(422);
    expect(errorSummary(again.body)).toContain(
      `<a href="#suspects-officials"><span>${OPERATIVE} бұл арыз бойынша анықталып қойған.</span></a>`,
    );
    expect(again.body).toMatch(/<p class="field__error" id="suspects-officials-error">/);

    const early = await post(procurator, outcomes('kk'), {
      kind: 'official-suspended',
      'suspension-official': OPERATIVE,
      'suspension-by': 'Начальник ДП г. Астаны',
      ...at('suspension', '2026-05-04T09:00'),
    });
    expect(early.statusCode).toBe(422);
    expect(errorSummary(early.body)).toContain(
      '<a href="#suspension-at"><span>Қызметтен шеттету күдіктіні анықтаудан (',
    );
    expect(errorSummary(early.body)).toContain(formatMoment('kk', '2026-05-04T05:00:00.000Z'));
    // What was typed is kept.
    expect(early.body).toContain(`<option value="${OPERATIVE}" selected>`);
    expect(early.body).toContain('value="2026-05-04T09:00"');

    const unsentenced = await post(procurator, outcomes('kk'), {
      kind: 'court-outcome',
      'court-outcome': 'convicted',
      'court-article': 'ст. 146 УК РК',
      ...at('court', '2026-05-04T09:00'),
    });
    expect(unsentenced.statusCode).toBe(422);
    expect(errorSummary(unsentenced.body)).toContain(
      '<a href="#court-sentence"><span>Сот тағайындаған жазаны көрсетіңіз.</span></a>',
    );
    expect(unsentenced.body).toContain('value="ст. 146 УК РК"');

    const after = await recorded();
    expect(after.suspects).toEqual(before.suspects);
    expect(after.courtOutcomes).toEqual(before.courtOutcomes);
  });

  test('fields left empty or wrong: a 422 page in Kazakh, each error in the summary and beside its field', async () => {
    const empty = await post(procurator, outcomes('kk'), {
      kind: 'court-outcome',
      'court-months': 'два года',
      ...at('court', ''),
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('<html lang="kk"');
    const summary = errorSummary(empty.body);
    const links = [...summary.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(links).toEqual([
      ['court-outcome', 'Сот шешімінің нәтижесін таңдаңыз'],
      ['court-article', 'Сот қолданған бапты көрсетіңіз'],
      ['court-months', 'Мерзімді 0-ден 1200-ге дейінгі бүтін ай санымен енгізіңіз'],
      ['court-at', 'Күні мен уақытын енгізіңіз'],
    ]);
    for (const field of ['court-outcome', 'court-article', 'court-months', 'court-at'])
      expect(empty.body).toMatch(new RegExp(`<p class="field__error" id="${field}-error">`));
    expect(empty.body).toContain('value="два года"');

    const cases: [Record<string, string>, string, string][] = [
      [
        {
          kind: 'suspects-identified',
          'suspects-officials': ' \r\n ',
          ...at('suspects', '2026-02-30T10:00'),
        },
        'suspects-officials',
        'Кемінде бір анықталған лауазымды тұлғаны көрсетіңіз, әр жолға біреуден',
      ],
      [
        { kind: 'suspects-identified', 'suspects-officials': 'В. Г.', ...at('suspects', '2026-02-30T10:00') },
        'suspects-at',
        'Нақты күн мен уақытты енгізіңіз',
      ],
      [
        {
          kind: 'evidence-excluded',
          'evidence-description': 'Протокол',
          ...at('evidence', '2026-05-04T12:01'),
        },
        'evidence-at',
        'Уақыт болашақта болуы мүмкін емес',
      ],
      [
        { kind: 'evidence-excluded', 'evidence-description': '', ...at('evidence', '2026-05-04T10:00') },
        'evidence-description',
        'Алынып тасталған дәлелдемені сипаттаңыз',
      ],
      [
        { kind: 'official-suspended', 'suspension-official': '', ...at('suspension', '2026-05-04T11:00') },
        'suspension-official',
        'Шеттетілген лауазымды тұлғаны таңдаңыз',
      ],
      [
        {
          kind: 'court-outcome',
          'court-outcome': 'acquitted',
          'court-article': 'ст. 146',
          'court-months': '12',
          ...at('court', '2026-05-04T10:00'),
        },
        'court-months',
        'Бұл мерзім қай жазаға қатысты екенін таңдаңыз',
      ],
    ];
    for (const [fields, field, message] of cases) {
      const response = await post(procurator, outcomes('kk'), fields);
      expect(response.statusCode, field).toBe(422);
      expect(errorSummary(response.body), field).toContain(`<a href="#${field}">${message}</a>`);
      expect(response.body, field).not.toMatch(
        /allegation\.(outcome|suspects|suspension|court|evidence)\.form/,
      );
    }
    // A kind no form sends is a bad request.
    expect((await post(procurator, outcomes('kk'), { kind: 'verdict' })).statusCode).toBe(400);
  });
});

describe('who may record (kz.torture.referral: the procurator’s office alone)', () => {
  const FIELDS = {
    kind: 'evidence-excluded',
    'evidence-description': 'Протокол допроса',
    ...at('evidence', '2026-05-04T10:00'),
  };

  test('the complaints officer and the custody officer get 403 on the page and the form; nothing is recorded', async () => {
    const before = (await recorded()).evidenceExcluded.length;
    for (const role of ['complaints-officer', 'custody-officer'] as const) {
      const session = await h.session(role);
      expect((await get(session, `/allegations/${reference}`)).statusCode, role).toBe(403);
      const response = await post(session, outcomes(), FIELDS);
      expect(response.statusCode, role).toBe(403);
    }
    expect((await recorded()).evidenceExcluded).toHaveLength(before);
  });

  test('without its CSRF token, or with another, the form is refused and nothing is appended', async () => {
    const size = await h.store.size();
    const missing = await post(procurator, outcomes(), FIELDS, false);
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('This form has expired');
    const forged = await post(procurator, outcomes(), { ...FIELDS, _csrf: 'not-the-token' }, false);
    expect(forged.statusCode).toBe(403);
    expect(await h.store.size()).toBe(size);
  });
});
