import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditStream } from '../../src/access/read-audit.js';
import { caseStream } from '../../src/domain/cases/events.js';
import { ENGINES } from '../support/engines.js';
import { CASE_A, getPage, postForm, startCaseWorld, type CaseWorld, type Session } from './case-fixtures.js';

/*
 * The case file pages (issue 20) through the real server on both engines: deny by default — the
 * procurator keeps the files of their region, the judge reads those before the courts of theirs,
 * the monitor and the statistician see counts only, no facility role sees anything of a case; the
 * list and its filters, the file read whole (and recorded), the open-case form's round trip with a
 * rule's refusal at its field, the register of officials with one person's cases and an entry
 * changed with its reason, the statistics without personal data, the menu, the allegation's page
 * linking to its case, and the complainant's status check saying where the case stands.
 */

const FORBIDDEN_RU = 'У вас нет доступа к этой странице';
const FORBIDDEN_KK = 'Бұл бетке кіруге рұқсатыңыз жоқ';

/** Latin words a Kazakh or Russian page shows, besides names, codes and what is not language. */
function englishOn(html: string): string[] {
  const shown = html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<code\b[^>]*>[\s\S]*?<\/code>/g, ' ')
    .replace(/<nav class="lang"[\s\S]*?<\/nav>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, ' ')
    .replace(/\buser\d+\b/g, ' ')
    .replace(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g, ' ')
    .replace(/\bUTC[+−-]/g, ' ')
    .replace(/\b(?:Habeas|SHA-256|CSV|RFC)\b/g, ' ');
  return [...new Set([...shown.matchAll(/[A-Za-z]{2,}/g)].map((match) => match[0]))];
}

/** The page's text: inline tags dropped, others a space, no-break spaces (numbers, money) plain ones. */
const textOf = (html: string) =>
  html
    .replace(/<\/?(?:span|strong|time|a|del|em|code)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');

for (const engine of ENGINES) {
  describe(`case file pages (${engine})`, () => {
    const clock = { now: Date.parse('2026-01-20T05:00:00.000Z') };
    let w: CaseWorld;
    const get = (session: Session | null, url: string) => getPage(w, session, url);
    const post = (session: Session, url: string, fields: Record<string, string>) =>
      postForm(w, session, url, fields);
    const file = () => `/cases/${w.caseA}`;

    beforeAll(async () => {
      w = await startCaseWorld(engine, clock);
    }, 180_000);
    afterAll(async () => w?.h.close());

    test('deny by default: no facility role, administrator or complaints officer sees anything of a case; the monitor and the statistician see counts only; the public is sent to sign in', async () => {
      const pages = () => [
        '/cases',
        file(),
        '/cases/new',
        '/officials',
        `/officials/${w.officials.ermekov}`,
        '/officials/new',
        `/officials/${w.officials.ermekov}/edit`,
      ];
      for (const session of [w.custodyOfficer, w.prisonOfficer, w.medical, w.complaintsOfficer, w.admin]) {
        for (const url of [...pages(), '/cases/statistics']) {
          const page = await get(session, `${url}?lang=kk`);
          expect(page.statusCode, url).toBe(403);
          expect(page.body).toContain(FORBIDDEN_KK);
          expect(page.body).not.toContain(CASE_A);
        }
        expect((await post(session, '/cases/new', { number: '1' })).statusCode).toBe(403);
        expect((await post(session, '/officials/new', { name: 'x' })).statusCode).toBe(403);
      }
      for (const session of [w.monitor, w.statistician]) {
        for (const url of pages()) {
          const page = await get(session, `${url}?lang=ru`);
          expect(page.statusCode, url).toBe(403);
          expect(page.body).toContain(FORBIDDEN_RU);
        }
        expect((await get(session, '/cases/statistics?lang=ru')).statusCode).toBe(200);
      }
      // The judge reads, never writes: no open form, no register form.
      for (const url of ['/cases/new', '/officials/new', `/officials/${w.officials.ermekov}/edit`])
        expect((await get(w.judge, url)).statusCode, url).toBe(403);
      const anonymous = await get(null, '/cases');
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe('/login?next=%2Fcases');
    });

    test('scope: a judge of another region and a procurator of another region find no such case; the list shows them none', async () => {
      for (const session of [w.judgeAlmaty, w.procuratorAlmaty]) {
        expect((await get(session, file())).statusCode).toBe(404);
        const list = await get(session, '/cases?lang=ru');
        expect(list.statusCode).toBe(200);
        expect(list.body).not.toContain(CASE_A);
        expect(list.body).toContain('Нет дел, подходящих под эти условия.');
      }
    });

    test('the menu: case files and officials for the procurator and the judge, case statistics for the monitor and the statistician, none for a facility role', async () => {
      const links = async (session: Session) => {
        const home = (await get(session, '/?lang=en')).body;
        return ['/cases', '/officials', '/cases/statistics'].filter((href) =>
          home.includes(`class="nav__link" href="${href}"`),
        );
      };
      expect(await links(w.procurator)).toEqual(['/cases', '/officials', '/cases/statistics']);
      expect(await links(w.judge)).toEqual(['/cases', '/officials', '/cases/statistics']);
      expect(await links(w.monitor)).toEqual(['/cases/statistics']);
      expect(await links(w.statistician)).toEqual(['/cases/statistics']);
      for (const session of [w.custodyOfficer, w.prisonOfficer, w.medical, w.admin])
        expect(await links(session)).toEqual([]);
    });

    test('the list: the procurator’s and the judge’s, status in words, filters by status, number, tag and period, a CSV of the same rows', async () => {
      const list = await get(w.procurator, '/cases?lang=ru');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`href="${file()}"`);
      expect(textOf(list.body)).toContain('Рассмотрено судом');
      expect(list.body).toContain('href="/cases/new"');
      const judge = await get(w.judge, '/cases?lang=kk');
      expect(judge.body).toContain(CASE_A);
      expect(textOf(judge.body)).toContain('Сотта қаралды');
      expect(judge.body).not.toContain('href="/cases/new"');
      const shows = async (query: string) =>
        (await get(w.procurator, `/cases?${query}`)).body.includes(CASE_A);
      expect(await shows('status=decided')).toBe(true);
      expect(await shows('status=investigation')).toBe(false);
      expect(await shows('number=2615000310001')).toBe(true);
      expect(await shows('number=999')).toBe(false);
      expect(await shows('tag=january-2022')).toBe(true);
      expect(await shows('tag=other-event')).toBe(false);
      expect(await shows('openedFrom=2026-01-01&openedTo=2026-02-01')).toBe(true);
      expect(await shows('openedFrom=2026-02-02')).toBe(false);
      const csv = await get(w.procurator, '/cases?format=csv&lang=en');
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain(`${CASE_A},146 ч. 2,january-2022,"February 1, 2026"`);
      expect(csv.body).toContain('Decided by the court');
    });

    test('the file read whole: defendants with their suspension clock, sentences in words, void and excluded documents, compensation paid; the judge without the step links; each read recorded', async () => {
      const before = (await w.h.store.readStream(auditStream(caseStream(w.caseA)))).length;
      const page = await get(w.procurator, `${file()}?lang=ru`);
      expect(page.statusCode).toBe(200);
      const text = textOf(page.body);
      expect(text).toContain('Уголовное дело 261500031000101');
      expect(text).toContain('Прокуратура г. Астаны');
      expect(text).toContain('присоединено — учитывается');
      // Ermekov: suspended in time, convicted to imprisonment and a fine in tenge.
      expect(text).toContain(
        'Отстранён 2 февраля 2026 г. в 18:00 (UTC+05:00), распорядился: Начальник ДП г. Астаны',
      );
      expect(text).toContain('Осуждён по статье 146 ч. 2: Лишение свободы, 60 мес.; Штраф, 1 500 000 ₸');
      // Saparov: never suspended, reclassified, suspended sentence, plea agreement.
      expect(text).toContain('Не отстранён — срок истёк Срок истёк 4 февраля 2026 г. в 09:00 (UTC+05:00).');
      expect(text).toContain('переквалифицировано: не статья о пытках');
      expect(text).toContain('Лишение свободы, 24 мес.; условно, испытательный срок 24 мес.');
      expect(text).toContain('процессуальное соглашение');
      // Documents by digest: the void decision struck through, the confession excluded.
      expect(page.body).toMatch(/<del>Постановление об отказе в начале досудебного расследования<\/del>/);
      expect(text).toContain('недействителен: установлены пытки');
      expect(text).toContain('исключён из доказательств');
      expect(page.body).toMatch(/<code class="case-digest" title="[0-9a-f]{64}">[0-9a-f]{12}…<\/code>/);
      // Compensation of the fund, paid in full, and how long it took from the allegation.
      expect(text).toContain('Фонд компенсации потерпевшим');
      expect(text).toContain('выплачено полностью');
      expect(text).toContain('40 дн.');
      // The findings in words.
      expect(text).toContain('не отстранено от должности в течение 24 ч.');
      // The step links of the procurator (the forms are another page's).
      expect(page.body).toContain(`href="${file()}/documents"`);
      expect(page.body).toContain(`href="${file()}/defendants/${w.officials.saparov}/suspension"`);
      expect(page.body).not.toContain(`href="${file()}/defendants/${w.officials.ermekov}/suspension"`);
      expect(page.body).toContain(`href="${file()}/defendants/${w.officials.ermekov}/appeals"`);
      expect(englishOn(page.body)).toEqual([]);

      const judge = await get(w.judge, `${file()}?lang=kk`);
      expect(judge.statusCode).toBe(200);
      expect(judge.body).not.toContain(`href="${file()}/`);
      expect(textOf(judge.body)).toContain('Сіз бұл материалдарды оқисыз');
      expect(textOf(judge.body)).toContain('Жәбірленушілерге өтемақы қоры');
      expect(englishOn(judge.body)).toEqual([]);
      const after = (await w.h.store.readStream(auditStream(caseStream(w.caseA)))).length;
      expect(after - before).toBe(2);
    });

    test('kz.cases.joined: the open-case form prefilled from an allegation, its errors at their fields with everything typed kept, a refusal in the rule’s words, then the case opened and the allegation’s page naming it', async () => {
      const free = w.complaints[2] ?? '';
      const prefilled = await get(w.procurator, `/cases/new?complaint=${free}&lang=ru`);
      expect(prefilled.statusCode).toBe(200);
      expect(prefilled.body).toMatch(new RegExp(`<textarea[^>]*id="complaints"[^>]*>${free}</textarea>`));
      expect(englishOn(prefilled.body)).toEqual([]);

      const empty = await post(w.procurator, '/cases/new?lang=ru', { complaints: free });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('id="number-error"');
      expect(textOf(empty.body)).toContain('Введите номер дела');
      expect(textOf(empty.body)).toContain('Введите статью');
      expect(textOf(empty.body)).toContain('Введите дату возбуждения дела');
      expect(textOf(empty.body)).toContain('Введите орган расследования');

      const fields = {
        number: '261500031000202',
        article: '146 ч. 1',
        openedOn: '2026-05-02',
        investigatingBody: 'Прокуратура г. Астаны',
        tags: 'monitoring-visit',
      };
      const taken = await post(w.procurator, '/cases/new?lang=ru', {
        ...fields,
        complaints: `${free}\n${w.complaints[0] ?? ''}`,
      });
      expect(taken.statusCode).toBe(422);
      const error =
        /<p class="field__error" id="complaints-error">([\s\S]*?)<\/p>/.exec(taken.body)?.[1] ?? '';
      expect(textOf(error)).toContain(`уже приобщено к делу ${CASE_A}`);
      expect(taken.body).toContain('value="261500031000202"');

      const exOfficio = await post(w.procurator, '/cases/new?lang=en', {
        ...fields,
        exOfficioBasis: 'Сообщение НПМ о следах побоев',
      });
      expect(exOfficio.statusCode).toBe(422);
      expect(exOfficio.body).toContain('id="region-error"');
      expect(textOf(exOfficio.body)).toContain('a case opened ex officio has no allegation to take it from');

      const opened = await post(w.procurator, '/cases/new', { ...fields, complaints: free });
      expect(opened.statusCode, opened.body).toBe(303);
      const location = String(opened.headers.location);
      expect(location).toMatch(/^\/cases\/[A-Za-z0-9_-]+\?recorded=opened$/);
      const shown = await get(w.procurator, `${location}&lang=ru`);
      expect(textOf(shown.body)).toContain('Дело возбуждено и записано в журнал.');
      expect(textOf(shown.body)).toContain('город Астана');
      expect(shown.body).toContain(free);
      expect((await get(w.procurator, '/cases?lang=ru')).body).toContain('261500031000202');

      // The allegation's page names its case; one in no case offers to open or join one.
      const inCase = await get(w.procurator, `/allegations/${free}?lang=ru`);
      expect(textOf(inCase.body)).toContain(
        'В уголовном деле (Расследуется с 2 мая 2026 г.): 261500031000202',
      );
      expect(inCase.body).toContain('href="/cases?number=261500031000202"');
      const other = w.complaints[3] ?? '';
      const notYet = await get(w.procurator, `/allegations/${other}?lang=ru`);
      expect(notYet.body).toContain(`href="/cases/new?complaint=${other}"`);
      expect(notYet.body).toContain(`href="/cases?joinComplaint=${other}"`);
      const join = await get(w.procurator, `/cases?joinComplaint=${other}&lang=ru`);
      expect(textOf(join.body)).toContain(`Выберите дело, к которому присоединить сообщение ${other}.`);
      expect(join.body).toContain(`href="${file()}/allegations?kind=complaint&reference=${other}"`);
    });

    test('the register of officials: search by name and region, one person’s cases, registering one with errors at the fields, changing an entry with its reason', async () => {
      const found = await get(w.procurator, `/officials?q=${encodeURIComponent('ермеков')}&lang=ru`);
      expect(found.body).toContain('Ермеков Бауыржан Маратович');
      expect(found.body).not.toContain('Сапаров');
      expect((await get(w.procurator, '/officials?region=KZ-75')).body).not.toContain('Ермеков');
      expect((await get(w.judge, '/officials?region=KZ-71')).body).toContain('Ермеков');

      const official = await get(w.procurator, `/officials/${w.officials.ermekov}?lang=ru`);
      expect(official.statusCode).toBe(200);
      expect(official.body).toContain(`href="${file()}"`);
      expect(textOf(official.body)).toContain('Осуждён');
      expect(textOf(official.body)).toContain('ИВС г. Астаны');
      expect(official.body).toContain(`href="/officials/${w.officials.ermekov}/edit"`);
      expect((await get(w.judge, `/officials/${w.officials.ermekov}`)).body).not.toContain('/edit"');
      // The judge of Almaty sees the official, but none of the Astana cases naming him.
      expect((await get(w.judgeAlmaty, `/officials/${w.officials.ermekov}`)).body).not.toContain(CASE_A);

      const wrong = await post(w.procurator, '/officials/new?lang=ru', { name: '', position: 'следователь' });
      expect(wrong.statusCode).toBe(422);
      expect(textOf(wrong.body)).toContain('Введите ФИО');
      expect(textOf(wrong.body)).toContain('Выберите ведомство');
      expect(textOf(wrong.body)).toContain('Выберите регион');
      expect(wrong.body).toContain('value="следователь"');
      const registered = await post(w.procurator, '/officials/new', {
        name: 'Омаров Асхат Серикович',
        position: 'следователь',
        agency: 'investigation',
        facilityId: '',
        unit: 'СУ ДП г. Алматы',
        region: 'KZ-75',
      });
      expect(registered.statusCode, registered.body).toBe(303);
      const page = String(registered.headers.location);
      expect(page).toMatch(/^\/officials\/[A-Za-z0-9_-]+\?recorded=registered$/);
      const omarov = page.slice('/officials/'.length, page.indexOf('?'));

      const noReason = await post(w.procurator, `/officials/${omarov}/edit?lang=ru`, {
        name: 'Омаров Асхат Серикович',
        position: 'старший следователь',
        agency: 'investigation',
        unit: 'СУ ДП г. Алматы',
        region: 'KZ-75',
        reason: '',
      });
      expect(noReason.statusCode).toBe(422);
      expect(textOf(noReason.body)).toContain('Укажите причину изменения');
      const changed = await post(w.procurator, `/officials/${omarov}/edit`, {
        name: 'Омаров Асхат Серикович',
        position: 'старший следователь',
        agency: 'investigation',
        unit: 'СУ ДП г. Алматы',
        region: 'KZ-75',
        reason: 'Назначен приказом от 12 мая',
      });
      expect(changed.statusCode, changed.body).toBe(303);
      const after = textOf((await get(w.procurator, `/officials/${omarov}?recorded=updated&lang=ru`)).body);
      expect(after).toContain('Запись изменена; прежние сведения сохранены.');
      expect(after).toContain('старший следователь');
      expect(after).toContain('Прежние сведения');
      expect(after).toContain(
        'Омаров Асхат Серикович; следователь; Орган расследования; СУ ДП г. Алматы; город Алматы',
      );
    });

    test('the case statistics: counts only — no name, no case number — by region and period, as a CSV too', async () => {
      const page = await get(w.monitor, '/cases/statistics?lang=ru');
      expect(page.statusCode).toBe(200);
      const text = textOf(page.body);
      expect(text).not.toContain('261500031000');
      expect(text).not.toContain('Ермеков');
      expect(text).not.toContain('Абенов');
      expect(text).toMatch(/Уголовные дела \d+/);
      expect(text).toContain('в течение 24 ч после установления');
      expect(text).toContain('Условные осуждения kz.torture.sentencing 1');
      expect(text).toContain('Выплаченная сумма kz.redress.fund 500 000 ₸');
      expect(englishOn(page.body)).toEqual([]);
      const elsewhere = textOf((await get(w.statistician, '/cases/statistics?region=KZ-75&lang=ru')).body);
      expect(elsewhere).toContain('Условные осуждения kz.torture.sentencing 0');
      const before = textOf(
        (await get(w.statistician, '/cases/statistics?openedTo=2026-01-31&lang=ru')).body,
      );
      expect(before).toContain('Условные осуждения kz.torture.sentencing 0');
      const csv = await get(w.statistician, '/cases/statistics?format=csv&lang=en');
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('Suspended sentences,1,kz.torture.sentencing');
    });

    test('the complainant’s status check (issue 20 item 7): once the allegation is in a case, its number and where it stands since when — nothing else of the file', async () => {
      const status = await w.h.app.inject({
        url: `/api/v1/complaints/${w.complaints[1] ?? ''}/status?pin=2468`,
        headers: w.h.bearer('kiosk'),
      });
      expect(status.statusCode, status.body).toBe(200);
      expect(status.json()).toEqual({
        reference: w.complaints[1],
        status: expect.any(String),
        updatedAt: expect.any(String),
        case: { number: CASE_A, status: 'decided', since: '2026-02-02' },
      });
      const answers = await w.h.app.inject({
        method: 'POST',
        url: `/api/v1/complaints/${w.complaints[0] ?? ''}/answers`,
        headers: w.h.bearer('kiosk'),
        payload: { pin: '2468' },
      });
      expect(answers.statusCode, answers.body).toBe(200);
      expect((answers.json() as { case: unknown }).case).toEqual({
        number: CASE_A,
        status: 'decided',
        since: '2026-02-01',
      });
      const none = await w.h.app.inject({
        url: `/api/v1/complaints/${w.complaints[3] ?? ''}/status?pin=2468`,
        headers: w.h.bearer('kiosk'),
      });
      expect((none.json() as { case: unknown }).case).toBeNull();
    });
  });
}
