import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createToken } from '../../src/app/accounts.js';
import type { MedicalRecordView } from '../../src/app/medical.js';
import { translator, type Lang } from '../../src/web/i18n.js';
import { refusalText } from '../../src/web/refusal-text.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * The injury report's form (issue 19 items 3 and 7; intl.medical.report) through the real app on
 * SQLite: every section of the Istanbul Protocol in kk, ru and en with the body diagram's regions
 * named in each; without JavaScript, "add another finding" and "attach the photograph" send the
 * form back with every value kept; a missing section comes back at its field in the reader's
 * language; photographs go with the form (multipart), hashed and sealed; a locked signing key
 * keeps the draft and says where to unlock it; the amendment is prefilled with the latest version;
 * no role but medical opens the form.
 */

const NOW = Date.parse('2026-03-10T06:00:00.000Z');
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const PASSPHRASE = 'ключ врача для формы заключения';
const ACCOUNT = 'Меня ударили дубинкой по левой руке в кабинете оперативника. <b>не разметка</b>';

type Session = { cookie: string; csrfToken: string };

let h: Harness;
let doctor: Session;
let examinationId: string;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const errorSummary = (html: string): string =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
const decode = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** A complete report as the form sends it: one finding on the left forearm (front). */
function filled(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    examinationId,
    'consent-examination': 'given',
    'consent-photographs': 'given',
    'consent-sharing': 'refused',
    circumstances: 'Осмотр в медицинском кабинете ИВС, без конвоя.',
    'present-count': '1',
    'present-0-role': 'nurse',
    'present-0-name': 'м/с Ахметова',
    'account-text': ACCOUNT,
    'account-language': 'ru',
    'account-attributed': 'officials',
    'finding-count': '1',
    'finding-0-type': 'bruise',
    'finding-0-site': 'front:forearm-left',
    'finding-0-detail': 'наружная поверхность',
    'finding-0-length': '40',
    'finding-0-width': '12,5',
    'finding-0-shape': 'линейная',
    'finding-0-colour': 'багровая',
    'finding-0-age': '1–2 суток',
    'finding-0-consistency': 'highly-consistent',
    'finding-0-file-scale': 'yes',
    psychological: 'Тревожен, нарушен сон.',
    overall: 'highly-consistent',
    interpretation: 'Следы соответствуют рассказу.',
    treatment: 'Холод.',
    referral: '',
    ...overrides,
  };
}

const newReport = (lang: Lang = 'en') =>
  `/medical/people/${h.personId}/reports/new?examination=${examinationId}&lang=${lang}`;
/** Where the form posts (its `action`). */
const reports = (lang: Lang = 'en') => `/medical/people/${h.personId}/reports?lang=${lang}`;

function post(url: string, fields: Record<string, string>, session: Session = doctor) {
  const body = form({ _csrf: session.csrfToken, ...fields });
  return h.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, cookie: session.cookie },
  });
}

const BOUNDARY = 'habeas-report-form';
/** The form as a browser sends it with enctype="multipart/form-data", a file in `files`. */
function postMultipart(
  url: string,
  fields: Record<string, string>,
  files: Record<string, { type: string; bytes: Buffer }>,
) {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: doctor.csrfToken, ...fields }))
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const [name, file] of Object.entries(files))
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="photo"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return h.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, cookie: doctor.cookie },
  });
}

const jpeg = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    randomBytes(3_000),
    Buffer.from([0xff, 0xd9]),
  ]);

async function record(): Promise<MedicalRecordView> {
  const response = await h.app.inject({
    url: `/api/v1/medical/people/${h.personId}`,
    headers: h.bearer('medical'),
  });
  expect(response.statusCode).toBe(200);
  return response.json<MedicalRecordView>();
}

async function keyCall(path: string, payload?: Record<string, string>) {
  return h.app.inject({
    method: 'POST',
    url: `/api/v1/medical/key${path}`,
    headers: { cookie: doctor.cookie, 'x-csrf-token': doctor.csrfToken },
    ...(payload ? { payload } : {}),
  });
}

beforeAll(async () => {
  h = await startHarness('sqlite', { clock: () => new Date(NOW), clinicianKdf: KDF });
  const arrest = await h.app.inject({
    method: 'POST',
    url: '/api/v1/custody',
    headers: h.bearer('custody-officer'),
    payload: {
      personId: h.personId,
      facilityId: h.facilities.astana,
      apprehendedAt: new Date(NOW - 3 * 3_600_000).toISOString(),
      place: 'ул. Кенесары 40, Астана',
      grounds: 'ст. 188 УК РК, кража',
      arrestingOfficer: 'ст. лейтенант Ахметов Б.',
    },
  });
  expect(arrest.statusCode, arrest.body).toBe(201);
  const examined = await h.app.inject({
    method: 'POST',
    url: `/api/v1/medical/people/${h.personId}/examinations`,
    headers: h.bearer('medical'),
    payload: {
      examination: 'on-arrest',
      episode: { context: 'custody', id: arrest.json<{ id: string }>().id },
      at: new Date(NOW - 3_600_000).toISOString(),
      place: 'ИВС г. Астаны, медицинский кабинет',
      present: [{ role: 'nurse', name: 'м/с Ахметова' }],
      injuriesNoted: true,
    },
  });
  expect(examined.statusCode, examined.body).toBe(201);
  examinationId = examined.json<{ examinationId: string }>().examinationId;
  doctor = await h.session('medical');
  const created = await keyCall('', { passphrase: PASSPHRASE });
  expect(created.statusCode, created.body).toBe(201);
});

afterAll(async () => h?.close());

describe('the injury report form (intl.medical.report)', () => {
  const WORDS: Record<Lang, { title: string; region: string; section: string; english: string[] }> = {
    en: {
      title: 'Injury report (Istanbul Protocol)',
      region: 'Left forearm',
      section: '1. Informed consent',
      english: [],
    },
    ru: {
      title: 'Заключение о телесных повреждениях',
      region: 'Левое предплечье',
      section: '1. Информированное согласие',
      english: [
        'Injury report',
        'Informed consent',
        'Left forearm',
        'Add another finding',
        'Choose a region',
      ],
    },
    kk: {
      title: 'Дене жарақаттары туралы қорытынды',
      region: 'Сол білек',
      section: '1. Ақпараттандырылған келісім',
      english: [
        'Injury report',
        'Informed consent',
        'Left forearm',
        'Add another finding',
        'Choose a region',
      ],
    },
  };
  for (const lang of ['kk', 'ru', 'en'] as const)
    test(`intl.medical.report: every section of the Protocol, the body diagram's regions named — ${lang}`, async () => {
      const response = await h.app.inject({ url: newReport(lang), headers: { cookie: doctor.cookie } });
      expect(response.statusCode, response.body).toBe(200);
      const html = decode(response.body);
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(WORDS[lang].title);
      expect(html).toContain(WORDS[lang].section);
      // Every section of ReportInput has its field.
      for (const name of [
        'consent-examination',
        'consent-photographs',
        'consent-sharing',
        'circumstances',
        'present-0-role',
        'staff-reason',
        'account-text',
        'account-language',
        'account-interpreter',
        'account-attributed',
        'finding-0-type',
        'finding-0-site',
        'finding-0-length',
        'finding-0-width',
        'finding-0-shape',
        'finding-0-colour',
        'finding-0-age',
        'finding-0-consistency',
        'finding-0-file',
        'finding-0-file-scale',
        'finding-0-file-taken',
        'psychological',
        'overall',
        'interpretation',
        'treatment',
        'referral',
      ])
        expect(html, name).toContain(`name="${name}"`);
      // The region list without JavaScript: a select grouped by view, in the reader's language.
      expect(html).toMatch(/<select[^>]*name="finding-0-site"/);
      expect(html).toContain(`<option value="front:forearm-left">${WORDS[lang].region}`);
      expect(html).toContain('role="listbox"');
      expect(html).toMatch(
        /<form[^>]*action="\/medical\/people\/[^"]+\/reports"[^>]*enctype="multipart\/form-data"/,
      );
      // The examination's presence is the default of the report's.
      expect(html).toContain('value="м/с Ахметова"');
      for (const english of WORDS[lang].english) expect(html, english).not.toContain(english);
    });

  test('intl.medical.report: a missing section comes back at its field in the reader’s language, every value kept', async () => {
    const response = await post(reports('kk'), filled({ psychological: '' }));
    expect(response.statusCode).toBe(422);
    const html = decode(response.body);
    const kk = translator('kk');
    const sentence = refusalText(kk, {
      reason: { code: 'medical.section-missing', params: { section: 'psychological-findings' } },
    });
    expect(errorSummary(html)).toContain(sentence);
    expect(errorSummary(html)).toContain('href="#psychological"');
    expect(html).toContain('id="psychological-error"');
    // Every value as sent: the account (escaped, not markup), the region chosen, the sizes, the answers.
    expect(html).toContain(ACCOUNT);
    expect(response.body).not.toContain('<b>не разметка</b>');
    expect(html).toContain('<option value="front:forearm-left" selected>');
    expect(html).toContain('value="12,5"');
    expect(html).toMatch(/value="highly-consistent" checked/);
    expect(html).toContain('Сызбада белгіленді: Сол білек (алдыңғы жағы)');
    expect((await record()).reports).toEqual([]);
  });

  test('intl.medical.report: a finding without its place on the diagram is named, in Russian', async () => {
    const response = await post(reports('ru'), filled({ 'finding-0-site': '' }));
    expect(response.statusCode).toBe(422);
    const ru = translator('ru');
    expect(errorSummary(decode(response.body))).toContain(
      refusalText(ru, {
        reason: { code: 'medical.finding-incomplete', params: { finding: 1, part: 'site' } },
      }),
    );
    expect(errorSummary(response.body)).toContain('href="#finding-0-site"');
  });

  test('intl.medical.report: police in the room without a reason is refused at the reason, in English', async () => {
    const response = await post(
      reports('en'),
      filled({ 'present-count': '2', 'present-1-role': 'police', 'present-1-name': 'конвоир Б.' }),
    );
    expect(response.statusCode).toBe(422);
    expect(errorSummary(decode(response.body))).toContain('Police or prison staff were present');
    expect(errorSummary(response.body)).toContain('href="#staff-reason"');
    expect(decode(response.body)).toContain('value="конвоир Б."');
  });

  test('without JavaScript, “add another finding” sends the form back with one more empty finding, every value kept', async () => {
    const response = await post(reports('ru'), filled({ action: 'add-finding' }));
    expect(response.statusCode).toBe(200);
    const html = decode(response.body);
    expect(html).toContain('name="finding-count" value="2"');
    expect(html).toMatch(/<select[^>]*name="finding-1-site"/);
    expect(html).toContain('Повреждение 2');
    expect(html).toContain('<option value="front:forearm-left" selected>');
    expect(html).toContain('value="линейная"');
    expect(html).toContain(ACCOUNT);
    expect(errorSummary(html)).toBe('');
    // Another person, and a finding removed again.
    const more = await post(reports('ru'), filled({ action: 'add-person' }));
    expect(decode(more.body)).toContain('name="present-count" value="2"');
    const removed = await post(
      reports('ru'),
      filled({ 'finding-count': '2', 'finding-1-type': 'burn', action: 'remove-finding-0' }),
    );
    expect(decode(removed.body)).toContain('name="finding-count" value="1"');
    expect(decode(removed.body)).toMatch(/<option value="burn" selected/);
    expect((await record()).reports).toEqual([]);
  });

  test('photographs go with the form: hashed and sealed as they arrive, attached to their finding, a wrong type refused at its field', async () => {
    const photo = jpeg();
    const attached = await postMultipart(
      reports('en'),
      filled({
        action: 'attach-0',
        'finding-0-file-taken': '2026-03-10T10:30',
        'finding-0-file-taken-offset': '+05:00',
      }),
      { 'finding-0-file': { type: 'image/jpeg', bytes: photo } },
    );
    expect(attached.statusCode, attached.body.slice(0, 500)).toBe(200);
    const html = decode(attached.body);
    expect(html).toContain(`name="finding-0-photo-0-sha256" value="${sha256(photo)}"`);
    expect(html).toContain('name="finding-0-photo-0-taken" value="2026-03-10T05:30:00.000Z"');
    expect(html).toContain('name="finding-0-photo-0-scale" value="yes"');
    expect(html).toContain(`href="/api/v1/medical/people/${h.personId}/photos/${sha256(photo)}?purpose=`);
    expect(html).toContain(ACCOUNT);
    const served = await h.app.inject({
      url: `/api/v1/medical/people/${h.personId}/photos/${sha256(photo)}`,
      headers: { cookie: doctor.cookie },
    });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(photo)).toBe(true);

    const refused = await postMultipart(reports('kk'), filled({ action: 'attach-0' }), {
      'finding-0-file': {
        type: 'image/gif',
        bytes: Buffer.concat([Buffer.from('GIF89a'), randomBytes(100)]),
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(decode(refused.body))).toContain(translator('kk').attr('reportForm.error.photoType'));
    expect(errorSummary(refused.body)).toContain('href="#finding-0-file"');
    expect(decode(refused.body)).toContain(ACCOUNT);
  });

  test('kz.medical.system: a locked signing key keeps the draft and says where to unlock it; unlocked, the report is signed and shown', async () => {
    expect((await keyCall('/lock')).statusCode).toBe(204);
    const photo = jpeg();
    const locked = await postMultipart(reports('ru'), filled(), {
      'finding-0-file': { type: 'image/jpeg', bytes: photo },
    });
    expect(locked.statusCode).toBe(409);
    const html = decode(locked.body);
    expect(html).toContain(translator('ru').attr('reportForm.key.locked'));
    expect(html).toMatch(/<a href="\/medical\/key" target="_blank"/);
    expect(html).toContain(ACCOUNT);
    expect(html).toContain(`name="finding-0-photo-0-sha256" value="${sha256(photo)}"`);
    expect((await record()).reports).toEqual([]);

    expect((await keyCall('/unlock', { passphrase: PASSPHRASE })).statusCode).toBe(200);
    const fields = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="(finding-0-photo-[^"]+)" value="([^"]*)"/g)].map(
        (match) => [match[1] ?? '', match[2] ?? ''],
      ),
    );
    const signed = await post(reports('ru'), filled({ 'finding-0-photo-count': '1', ...fields }));
    expect(signed.statusCode, signed.body.slice(0, 400)).toBe(303);
    const [report] = (await record()).reports;
    expect(signed.headers.location).toBe(`/medical/people/${h.personId}/reports/${report?.reportId}`);
    const content = report?.versions[0]?.content;
    expect(content?.physicalFindings[0]).toMatchObject({
      site: { view: 'front', region: 'forearm-left', detail: 'наружная поверхность' },
      size: { lengthMm: 40, widthMm: 12.5 },
      photographs: [{ sha256: sha256(photo), withScale: true, takenAt: new Date(NOW).toISOString() }],
    });
    expect(content?.account.text).toBe(ACCOUNT);
    expect(content?.circumstances.present).toEqual([{ role: 'nurse', name: 'м/с Ахметова' }]);
  });

  test('intl.medical.report: the amendment is prefilled with the latest version and needs its reason', async () => {
    const [report] = (await record()).reports;
    if (!report) throw new Error('no report to amend');
    const amend = `/medical/people/${h.personId}/reports/${report.reportId}/amend?lang=en`;
    const page = await h.app.inject({ url: amend, headers: { cookie: doctor.cookie } });
    expect(page.statusCode).toBe(200);
    const html = decode(page.body);
    expect(html).toContain('Amend the report (version 1)');
    expect(html).toContain(ACCOUNT);
    expect(html).toContain('<option value="front:forearm-left" selected>');
    expect(html).toContain('name="amends" value="1"');
    expect(html).toMatch(/action="\/medical\/people\/[^"]+\/reports\/[^"]+\/amendments"/);
    const url = `/medical/people/${h.personId}/reports/${report.reportId}/amendments?lang=en`;
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="(finding-0-photo-[^"]+)" value="([^"]*)"/g)].map(
        (match) => [match[1] ?? '', match[2] ?? ''],
      ),
    );
    const base = filled({ amends: '1', 'finding-0-photo-count': '1', ...hidden, 'finding-0-length': '45' });
    const unreasoned = await post(url, base);
    expect(unreasoned.statusCode).toBe(422);
    expect(errorSummary(unreasoned.body)).toContain('href="#reason"');
    expect(decode(unreasoned.body)).toContain('value="45"');
    const amended = await post(url, { ...base, reason: 'Размер уточнён при повторном измерении.' });
    expect(amended.statusCode, amended.body.slice(0, 400)).toBe(303);
    const versions = (await record()).reports[0]?.versions ?? [];
    expect(versions.map((version) => version.content.physicalFindings[0]?.size.lengthMm)).toEqual([40, 45]);
  });

  test('kz.medical.second-opinion: the form names the report a second opinion reviews', async () => {
    const [report] = (await record()).reports;
    const forensic = (
      await createToken(
        h.store,
        { role: 'medical', name: 'Д-р Бекенова', facilities: [h.facilities.astana], regions: [] },
        'test',
      )
    ).token;
    expect(forensic).toBeTruthy();
    const response = await h.app.inject({
      url: `/medical/people/${h.personId}/reports/new?examination=${examinationId}&secondOpinionOf=${report?.reportId}&lang=en`,
      headers: { cookie: doctor.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Second opinion (Istanbul Protocol)');
    expect(response.body).toContain(`name="secondOpinionOf" value="${report?.reportId}"`);
  });

  test('kz.medical.system: no other role opens the form or posts it', async () => {
    for (const role of ['custody-officer', 'governor', 'procurator', 'admin', 'monitor'] as const) {
      const session = await h.session(role);
      const page = await h.app.inject({ url: newReport('en'), headers: { cookie: session.cookie } });
      expect(page.statusCode, role).toBe(403);
      expect(page.body, role).not.toContain('м/с Ахметова');
      const sent = await post(reports('en'), filled(), session);
      expect(sent.statusCode, role).toBe(403);
    }
  });
});
