import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role, Sex } from '../../src/access/principal.js';
import { createUser } from '../../src/app/accounts.js';
import { placeEvidenceHold, registerFootage, HABEAS_SYSTEM, deathHoldInput } from '../../src/app/footage.js';
import { createFacility } from '../../src/app/registry.js';
import { login } from '../../src/app/sessions.js';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { startHarness, PASSWORD, type Harness } from '../http/harness.js';

/*
 * The footage pages through the real app on a real SQLite store: a facility's recordings in kk, ru
 * and en, the kz.cctv.women refusal said plainly on the list and on the view, the view recorded in
 * the log, and the held recordings marked.
 */

const HOUR = 3_600_000;
const now = Date.parse('2026-05-04T06:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

let h: Harness;
let menPrison = '';
let womenFootage = '';
let menFootage = '';
const cookies: Record<string, string> = {};
let users = 0;

async function session(who: string, role: Role, facilities: string[], sex?: Sex): Promise<void> {
  const username = `footage${++users}`;
  await createUser(
    h.store,
    { username, password: PASSWORD, name: who, role, facilities, regions: [], ...(sex ? { sex } : {}) },
    'test',
  );
  const result = await login(h.store, { username, password: PASSWORD, ip: '127.0.0.1' });
  if (!result) throw new Error('login failed');
  cookies[who] = `${SESSION_COOKIE}=${h.app.signCookie(result.sessionId)}`;
}

const get = (who: string, url: string) => h.app.inject({ url, headers: { cookie: cookies[who] ?? '' } });

beforeAll(async () => {
  h = await startHarness('sqlite', { clock: () => new Date(now) });
  menPrison = (
    await createFacility(
      h.store,
      { name: 'ИК-12', kind: 'prison', population: 'men', region: 'KZ-KAR' },
      'test',
    )
  ).id;
  const women = h.facilities.almatyWomen;
  await session('female officer', 'prison-officer', [women], 'female');
  await session('male officer', 'prison-officer', [women], 'male');
  await session('men officer', 'prison-officer', [menPrison], 'male');
  const principal = (facility: string, sex: Sex) => ({
    id: `test-${facility}`,
    kind: 'service' as const,
    name: 'test',
    role: 'prison-officer' as const,
    facilities: [facility],
    regions: [],
    sex,
  });
  const footage = {
    camera: 'CAM-07',
    from: iso(now - 2 * HOUR),
    to: iso(now - HOUR),
    retainUntil: iso(now + 30 * 24 * HOUR),
  };
  womenFootage = (
    await registerFootage(
      h.app.habeas,
      principal(women, 'female'),
      { ...footage, facilityId: women, place: 'Коридор, отряд 3' },
      new Date(now),
    )
  ).id;
  menFootage = (
    await registerFootage(
      h.app.habeas,
      principal(menPrison, 'male'),
      { ...footage, facilityId: menPrison, place: 'Камера 14' },
      new Date(now),
    )
  ).id;
  await placeEvidenceHold(
    h.app.habeas,
    HABEAS_SYSTEM,
    deathHoldInput({
      facilityId: menPrison,
      diedAt: iso(now - 30 * 60_000),
      recordedAt: iso(now),
      reference: 's1',
    }),
    new Date(now),
  );
});
afterAll(async () => h?.close());

describe('footage pages', () => {
  test('kz.cctv.women: the list tells a male official of a women’s facility plainly that he may not view, in kk, ru and en', async () => {
    const expected = {
      en: "In a women's facility only female officials view footage.",
      ru: 'В женском учреждении записи просматривают только сотрудники-женщины.',
      kk: 'Әйелдер мекемесінде жазбаларды тек әйел қызметкерлер қарайды.',
    };
    for (const [lang, text] of Object.entries(expected)) {
      const page = await get('male officer', `/footage?lang=${lang}`);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.body).toContain(text);
      // The rule is named beside the sentence, as a code, not inside it.
      expect(page.body).toContain(`</strong> <code class="rule-id">kz.cctv.women</code>`);
      expect(page.body).toContain('Коридор, отряд 3');
      expect(page.body).not.toContain(`href="/footage/${womenFootage}"`);
    }
  });

  test('kz.cctv.women: the view page refuses a male official with the rule, and records nothing', async () => {
    const page = await get('male officer', `/footage/${womenFootage}?lang=en`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('You may not view this recording');
    expect(page.body).toContain('kz.cctv.women');
    expect(await h.store.readStream(`audit/footage/${womenFootage}`)).toEqual([]);
  });

  test('a female official of the facility follows the link and the view is recorded in the log', async () => {
    const list = await get('female officer', '/footage?lang=ru');
    expect(list.body).toContain(`href="/footage/${womenFootage}"`);
    expect(list.body).not.toContain('kz.cctv.women');
    const page = await get('female officer', `/footage/${womenFootage}?lang=ru`);
    expect(page.statusCode, page.body).toBe(200);
    const [read] = await h.store.readStream(`audit/footage/${womenFootage}`);
    expect(read?.entry.type).toBe('record-read');
    expect(page.body).toContain(`Этот просмотр зафиксирован в журнале (запись № ${read?.entry.seq}).`);
    expect(page.body).toContain('CAM-07');
  });

  test('intl.death.report: a held recording is marked on the list, and a male official of a men’s facility may view it', async () => {
    const list = await get('men officer', '/footage?lang=kk');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Дәлел ретінде сақталады');
    expect(list.body).toContain(`href="/footage/${menFootage}"`);
    expect((await get('men officer', `/footage/${menFootage}?lang=kk`)).statusCode).toBe(200);
  });

  test('another facility’s recording is a 403 page; without a session, the sign-in page', async () => {
    expect((await get('men officer', `/footage/${womenFootage}?lang=en`)).statusCode).toBe(403);
    const anonymous = await h.app.inject({ url: '/footage' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/login');
    expect((await get('men officer', '/footage/not*an*id')).statusCode).toBe(404);
  });
});
