import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deathHoldInput, HABEAS_SYSTEM, placeEvidenceHold, registerFootage } from '../../src/app/footage.js';
import { createFacility } from '../../src/app/registry.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * Issue 18 item 4 on the pages, through the real app (auth hook, CSRF, policy, the services) on a
 * real SQLite store: a recording registered by the facility's officer, its deletion recorded by
 * the governor — refused while an evidence hold covers it — and evidence holds placed and released
 * by the oversight bodies, a hold on an allegation only by the procurator; every page in kk, ru
 * and en, each action offered only to the roles the policy allows.
 */

const HOUR = 3_600_000;
const now = Date.parse('2026-05-04T06:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** `datetime-local` text of a moment at +05:00. */
const local = (ms: number) => new Date(ms + 5 * HOUR).toISOString().slice(0, 16);
const errorSummary = (html: string): string =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

type Session = { cookie: string; csrfToken: string };
let h: Harness;
let prison = '';
let officer: Session;
let governor: Session;
let monitor: Session;
let procurator: Session;
let complaintsOfficer: Session;
let custodyOfficer: Session;

const get = (session: Session, url: string) =>
  h.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

function post(session: Session, url: string, fields: Record<string, string>) {
  return h.app.inject({
    method: 'POST',
    url,
    ...form({ _csrf: session.csrfToken, ...fields }),
    headers: { ...form({}).headers, cookie: session.cookie },
  });
}

const officerPrincipal = () => ({
  id: 'test-officer',
  kind: 'service' as const,
  name: 'test',
  role: 'prison-officer' as const,
  facilities: [prison],
  regions: [],
});

async function recording(place: string, hoursAgo: number): Promise<string> {
  return (
    await registerFootage(
      h.app.habeas,
      officerPrincipal(),
      {
        facilityId: prison,
        camera: 'CAM-09',
        place,
        from: iso(now - hoursAgo * HOUR),
        to: iso(now - (hoursAgo - 1) * HOUR),
        retainUntil: iso(now + 30 * 24 * HOUR),
      },
      new Date(now),
    )
  ).id;
}

beforeAll(async () => {
  h = await startHarness('sqlite', { clock: () => new Date(now) });
  prison = (
    await createFacility(
      h.store,
      { name: 'Учреждение ЕЦ-166/18', kind: 'prison', population: 'men', region: 'KZ-KAR' },
      'test',
    )
  ).id;
  officer = await h.session('prison-officer', { facilities: [prison] });
  governor = await h.session('governor', { facilities: [prison] });
  monitor = await h.session('monitor');
  procurator = await h.session('procurator');
  complaintsOfficer = await h.session('complaints-officer');
  custodyOfficer = await h.session('custody-officer');
});
afterAll(async () => h?.close());

describe('registering a recording (footage.register)', () => {
  test('the facility’s officer registers a recording through the form; it is listed', async () => {
    const list = await get(officer, `/footage?lang=en`);
    expect(list.body).toContain(`href="/footage/new?facility=${prison}"`);
    const page = await get(officer, `/footage/new?lang=en&facility=${prison}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Register a recording');
    // One facility: named, not asked.
    expect(page.body).toContain(`<input type="hidden" name="facilityId" value="${prison}"/>`);
    const response = await post(officer, '/footage/new?lang=en', {
      facilityId: prison,
      camera: 'CAM-31',
      place: 'Прогулочный двор № 2',
      from: local(now - 5 * HOUR),
      'from-offset': '+05:00',
      to: local(now - 4 * HOUR),
      'to-offset': '+05:00',
      retainUntil: local(now + 29 * 24 * HOUR),
      'retainUntil-offset': '+05:00',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect(response.headers.location).toBe(`/footage?facility=${prison}&recorded=registered`);
    const after = await get(officer, `/footage?facility=${prison}&recorded=registered&lang=ru`);
    expect(after.body).toContain('Видеозапись зарегистрирована.');
    expect(after.body).toContain('Прогулочный двор № 2');
    const [row] = await h.store.db
      .selectFrom('footage_refs')
      .selectAll()
      .where('camera', '=', 'CAM-31')
      .execute();
    expect(row).toMatchObject({ from_at: iso(now - 5 * HOUR), to_at: iso(now - 4 * HOUR) });
  });

  test('empty and wrong fields come back in the summary, in the form’s order; a future end is refused', async () => {
    const empty = await post(officer, '/footage/new?lang=en', { facilityId: prison });
    expect(empty.statusCode).toBe(422);
    const summary = errorSummary(empty.body);
    for (const field of ['camera', 'place', 'from', 'to', 'retainUntil'])
      expect(summary, field).toContain(`href="#${field}"`);
    expect(summary.indexOf('#camera')).toBeLessThan(summary.indexOf('#retainUntil'));
    const future = await post(officer, '/footage/new?lang=kk', {
      facilityId: prison,
      camera: 'CAM-31',
      place: 'Двор',
      from: local(now - HOUR),
      'from-offset': '+05:00',
      to: local(now + HOUR),
      'to-offset': '+05:00',
      retainUntil: local(now + 30 * 24 * HOUR),
      'retainUntil-offset': '+05:00',
    });
    expect(future.statusCode).toBe(422);
    expect(errorSummary(future.body)).toContain('<a href="#to">Жазба басталғаннан кейін аяқталуы керек');
  });

  test('oversight and other facilities may not register: no button, a 403 page', async () => {
    expect((await get(monitor, `/footage?facility=${prison}&lang=en`)).body).not.toContain('/footage/new');
    for (const session of [monitor, custodyOfficer]) {
      expect((await get(session, '/footage/new?lang=en')).statusCode).toBe(403);
    }
    const elsewhere = await h.session('prison-officer');
    const refused = await post(elsewhere, '/footage/new?lang=en', {
      facilityId: prison,
      camera: 'CAM-1',
      place: 'Двор',
      from: local(now - 2 * HOUR),
      'from-offset': '+05:00',
      to: local(now - HOUR),
      'to-offset': '+05:00',
      retainUntil: local(now + HOUR),
      'retainUntil-offset': '+05:00',
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('recording a deletion (footage.delete)', () => {
  test('the governor records the deletion with its reason; the reference stays, marked deleted', async () => {
    const id = await recording('Столовая', 30);
    const list = await get(governor, `/footage?facility=${prison}&lang=en`);
    expect(list.body).toContain(`href="/footage/${id}/deletion"`);
    expect((await get(officer, `/footage?facility=${prison}&lang=en`)).body).not.toContain('/deletion');
    const page = await get(governor, `/footage/${id}/deletion?lang=ru`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Удаление видеозаписи');
    const empty = await post(governor, `/footage/${id}/deletion?lang=en`, { reason: ' ' });
    expect(empty.statusCode).toBe(422);
    expect(errorSummary(empty.body)).toContain('<a href="#reason">Say why the recording is deleted</a>');
    const deleted = await post(governor, `/footage/${id}/deletion?lang=en`, {
      reason: 'истёк срок хранения',
    });
    expect(deleted.statusCode).toBe(303);
    expect((await h.store.readStream(`footage/${id}`)).map((stored) => stored.entry.type)).toEqual([
      'footage-registered',
      'footage-deleted',
    ]);
    const again = await get(governor, `/footage/${id}/deletion?lang=en`);
    expect(again.body).toContain('The recording was deleted on');
    expect(again.body).not.toContain('name="reason"');
  });

  test('intl.death.report: a recording under a hold cannot be deleted; the page says so instead of a form', async () => {
    const id = await recording('Камера № 12', 3);
    await placeEvidenceHold(
      h.app.habeas,
      HABEAS_SYSTEM,
      deathHoldInput({ facilityId: prison, diedAt: iso(now - HOUR), recordedAt: iso(now), reference: 's1' }),
      new Date(now),
    );
    const page = await get(governor, `/footage/${id}/deletion?lang=en`);
    expect(page.body).toContain('This recording is under an evidence hold');
    expect(page.body).not.toContain('name="reason"');
    // A form sent anyway is refused, and nothing is recorded.
    const refused = await post(governor, `/footage/${id}/deletion?lang=kk`, { reason: 'мерзімі өтті' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Бұл жазбаға жоюға тыйым салынған');
    expect((await h.store.readStream(`footage/${id}`)).length).toBe(1);
    for (const session of [officer, monitor])
      expect((await get(session, `/footage/${id}/deletion`)).statusCode).toBe(403);
  });
});

describe('evidence holds (evidence-hold.place, .read, .release)', () => {
  const holdFields = (overrides: Record<string, string> = {}) => ({
    facilityId: prison,
    place: 'Коридор ШИЗО',
    from: local(now - 6 * HOUR),
    'from-offset': '+05:00',
    to: local(now + 24 * HOUR),
    'to-offset': '+05:00',
    basis: 'allegation',
    reference: 'ЕРДР № 261975031000777',
    reason: 'заявление о применении силы в коридоре ШИЗО',
    ...overrides,
  });

  test('the complaints authority places a hold on an allegation; the list and the hold show it; only the procurator releases it', async () => {
    expect((await get(complaintsOfficer, '/?lang=en')).body).toContain('href="/evidence-holds"');
    const form = await get(complaintsOfficer, `/evidence-holds/new?lang=en&facility=${prison}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(new RegExp(`<option value="${prison}" selected>`));
    const placed = await post(complaintsOfficer, '/evidence-holds/new?lang=en', holdFields());
    expect(placed.statusCode, errorSummary(placed.body)).toBe(303);
    const location = String(placed.headers.location);
    expect(location).toMatch(/^\/evidence-holds\/[a-z2-7]{26}\?recorded=placed$/);
    const holdId = /\/evidence-holds\/([a-z2-7]{26})/.exec(location)?.[1] ?? '';
    const page = await get(complaintsOfficer, `${location}&lang=ru`);
    expect(page.body).toContain('Запрет наложен');
    expect(page.body).toContain('Заявление о пытках или жестоком обращении');
    // The complaints authority placed it, but a hold on an allegation is the procurator's to release.
    expect(page.body).toContain('снимает только прокурор');
    expect(page.body).not.toContain('action="/evidence-holds/');
    // The read names the hold in the log.
    const reads = await h.store.readStream('audit/evidence-holds');
    expect(reads.at(-1)?.payload).toMatchObject({ records: [`evidence-hold/${holdId}`] });
    // The list, filtered to the active ones, in Kazakh.
    const list = await get(monitor, '/evidence-holds?status=active&lang=kk');
    expect(list.body).toContain(`href="/evidence-holds/${holdId}"`);
    expect(list.body).toContain('Күшінде');
    // A recording in that place and time is marked held for the facility, and may not be deleted.
    const held = await recording('Коридор ШИЗО', 2);
    expect((await get(governor, `/footage/${held}/deletion?lang=en`)).body).toContain(
      'This recording is under an evidence hold',
    );
    // The complaints officer's release is refused; the procurator's is recorded.
    const refused = await post(complaintsOfficer, `/evidence-holds/${holdId}/release?lang=en`, {
      reason: 'дело прекращено',
    });
    expect(refused.statusCode).toBe(422);
    const byProcurator = await get(procurator, `/evidence-holds/${holdId}?lang=en`);
    expect(byProcurator.body).toContain(`action="/evidence-holds/${holdId}/release"`);
    const released = await post(procurator, `/evidence-holds/${holdId}/release?lang=en`, {
      reason: 'уголовное дело прекращено, постановление вступило в силу',
    });
    expect(released.statusCode).toBe(303);
    const after = await get(procurator, `/evidence-holds/${holdId}?recorded=released&lang=en`);
    expect(after.body).toContain('The hold is released.');
    expect(after.body).toContain('уголовное дело прекращено');
    expect(after.body).not.toContain('name="reason"');
  });

  test('the monitor places and releases a hold on other grounds; a missing basis and a period that has not begun are named', async () => {
    const errors = await post(
      monitor,
      '/evidence-holds/new?lang=en',
      holdFields({ basis: '', from: local(now + HOUR), to: local(now + 2 * HOUR), reference: '' }),
    );
    expect(errors.statusCode).toBe(422);
    const summary = errorSummary(errors.body);
    expect(summary).toContain('<a href="#basis">Choose the grounds of the hold</a>');
    expect(summary).toContain('<a href="#reference">Enter the reference</a>');
    const future = await post(
      monitor,
      '/evidence-holds/new?lang=en',
      holdFields({ basis: 'other', from: local(now + HOUR), to: local(now + 2 * HOUR) }),
    );
    expect(errorSummary(future.body)).toContain('<a href="#from">The period must have begun');
    const placed = await post(
      monitor,
      '/evidence-holds/new?lang=en',
      holdFields({ basis: 'other', place: '' }),
    );
    expect(placed.statusCode, errorSummary(placed.body)).toBe(303);
    const location = String(placed.headers.location);
    const page = await get(monitor, `${location}&lang=en`);
    expect(page.body).toContain('Every place of the facility');
    const holdId = /\/evidence-holds\/([a-z2-7]{26})/.exec(location)?.[1] ?? '';
    const released = await post(monitor, `/evidence-holds/${holdId}/release?lang=en`, {
      reason: 'проверка завершена',
    });
    expect(released.statusCode).toBe(303);
  });

  test('facility staff neither see nor place holds: 403 pages, no menu link', async () => {
    for (const session of [officer, governor, custodyOfficer]) {
      expect((await get(session, '/evidence-holds?lang=en')).statusCode).toBe(403);
      expect((await get(session, '/evidence-holds/new?lang=en')).statusCode).toBe(403);
      expect((await get(session, '/?lang=en')).body).not.toContain('href="/evidence-holds"');
    }
    expect((await post(officer, '/evidence-holds/new?lang=en', holdFields())).statusCode).toBe(403);
  });
});
