import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/access/principal.js';
import { auditStream } from '../../src/access/read-audit.js';
import { createToken } from '../../src/app/accounts.js';
import { SEARCH_LIMIT } from '../../src/app/person-search.js';
import { createFacility } from '../../src/app/registry.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Issue 18 items 2 and 10 through the real server on both engines: the search of the register
 * within each role's scope (a name finds nobody outside it; an identity document reaches a person
 * registered elsewhere only for the staff who register arrests and admissions, and says only who
 * they are), every answer naming someone recorded as a read; a person's custody and prison history
 * to those entitled to each record; and corrections of a person's details as entries beside the
 * registration, which the read models show and a replay of the log gives again.
 */

const HOUR = 3_600_000;
const now = Date.parse('2026-06-01T04:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** Valid IINs: a woman born 9 March 1994; one nobody holds. */
const IIN_WOMAN = '940309400120';
const IIN_NOBODY = '990101300330';

type Caller = Role | 'almatyCustody' | 'almatyMedical' | 'womenOfficer' | 'monitorAlmaty';

for (const engine of ENGINES) {
  describe(`search, history and corrections of people (${engine})`, () => {
    let h: Harness;
    const tokens: Partial<Record<Caller, string>> = {};
    const auth = (caller: Caller) => ({
      authorization: `Bearer ${tokens[caller] ?? h.tokens[caller as Role]}`,
    });
    const search = (caller: Caller, body: unknown) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/people/search',
        headers: auth(caller),
        payload: body as object,
      });
    const matchesOf = async (caller: Caller, body: unknown) => {
      const response = await search(caller, body);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { matches: Record<string, unknown>[]; more: boolean }).matches;
    };
    const lookups = async () => (await h.store.readStream(auditStream('person-lookup'))).length;
    let personId = '';
    let custodyId = '';
    let stayId = '';

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      const almatyUnit = (
        await createFacility(
          h.store,
          { name: 'ИВС ДП г. Алматы', kind: 'police-custody', population: 'mixed', region: 'KZ-ALA' },
          'test',
        )
      ).id;
      const token = async (caller: Caller, role: Role, facilities: string[], regions: string[] = []) => {
        tokens[caller] = (
          await createToken(h.store, { role, name: `${caller} search`, facilities, regions }, 'test')
        ).token;
      };
      await token('almatyCustody', 'custody-officer', [almatyUnit]);
      await token('almatyMedical', 'medical', [almatyUnit]);
      await token('womenOfficer', 'prison-officer', [h.facilities.almatyWomen]);
      await token('monitorAlmaty', 'monitor', [], ['KZ-ALA']);

      // Registered at Astana, arrested there, handed over to the women's prison and admitted.
      const registered = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: auth('custody-officer'),
        payload: {
          familyName: 'Юлдашева',
          givenNames: 'Мадина',
          birthDate: '1994-03-09',
          sex: 'female',
          identityDocuments: [{ kind: 'iin', number: IIN_WOMAN }],
        },
      });
      expect(registered.statusCode, registered.body).toBe(201);
      personId = (registered.json() as { id: string }).id;
      const arrest = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: auth('custody-officer'),
        payload: {
          personId,
          facilityId: h.facilities.astana,
          apprehendedAt: iso(now - 30 * HOUR),
          place: 'г. Астана, ул. Кенесары, 40',
          grounds: 'ст. 190 УК РК',
          arrestingOfficer: 'капитан Серикбаев',
        },
      });
      expect(arrest.statusCode, arrest.body).toBe(201);
      custodyId = (arrest.json() as { id: string }).id;
      const transfer = await h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${custodyId}/events`,
        headers: auth('custody-officer'),
        payload: {
          type: 'transferred',
          at: iso(now - 3 * HOUR),
          destinationFacilityId: h.facilities.almatyWomen,
        },
      });
      expect(transfer.statusCode, transfer.body).toBe(201);
      const admission = await h.app.inject({
        method: 'POST',
        url: '/api/v1/prison/admissions',
        headers: auth('womenOfficer'),
        payload: {
          personId,
          facilityId: h.facilities.almatyWomen,
          admittedAt: iso(now - 2 * HOUR),
          commitmentOrder: 'постановление суда № 1-94',
          custodyId,
        },
      });
      expect(admission.statusCode, admission.body).toBe(201);
      stayId = (admission.json() as { id: string }).id;
    });
    afterAll(async () => h?.close());

    describe('the search (issue 18 item 10)', () => {
      test('by the beginnings of names, letter case aside, within the searcher’s scope; every answer naming someone is a read', async () => {
        const before = await lookups();
        const [found] = await matchesOf('custody-officer', { name: 'юлдаш МАД' });
        expect(found).toEqual({
          id: personId,
          familyName: 'Юлдашева',
          givenNames: 'Мадина',
          patronymic: null,
          birthDate: '1994-03-09',
          sex: 'female',
          reach: 'scope',
          heldStayId: null,
          handOver: null,
        });
        expect(await lookups()).toBe(before + 1);
        const read = (await h.store.readStream(auditStream('person-lookup'))).at(-1);
        expect(read?.payload).toMatchObject({
          records: [`person/${personId}`],
          actorRole: 'custody-officer',
        });
        // A birth date alone, and together with a name.
        expect(await matchesOf('custody-officer', { birthDate: '1994-03-09' })).toHaveLength(1);
        expect(await matchesOf('custody-officer', { name: 'юлд', birthDate: '1994-03-10' })).toEqual([]);
        // Nobody found: nothing recorded.
        const nobody = await lookups();
        expect(await matchesOf('custody-officer', { name: 'Несуществующая' })).toEqual([]);
        expect(await lookups()).toBe(nobody);
      });

      test('a name finds nobody outside the searcher’s scope: another unit, a regional monitor elsewhere, a doctor elsewhere', async () => {
        for (const caller of ['almatyCustody', 'almatyMedical'] as const)
          expect(await matchesOf(caller, { name: 'Юлдашева' }), caller).toEqual([]);
        // The women's prison holds her: its officer finds her by name, with the stay open there.
        const [held] = await matchesOf('womenOfficer', { name: 'Юлдашева' });
        expect(held).toMatchObject({ id: personId, reach: 'scope', heldStayId: stayId });
        // The Almaty monitor's region holds the women's prison; national roles find her too.
        for (const caller of [
          'monitorAlmaty',
          'monitor',
          'procurator',
          'complaints-officer',
          'judge',
        ] as const)
          expect(await matchesOf(caller, { name: 'Юлдашева' }), caller).toHaveLength(1);
      });

      test('an identity document reaches a person registered elsewhere only for the staff who register arrests and admissions, and names only who they are', async () => {
        const byDocument = await search('almatyCustody', {
          identityDocument: { kind: 'iin', number: '9403 0940 0120' },
        });
        expect(byDocument.statusCode).toBe(200);
        const [match] = (byDocument.json() as { matches: Record<string, unknown>[] }).matches;
        expect(match).toEqual({
          id: personId,
          familyName: 'Юлдашева',
          givenNames: 'Мадина',
          patronymic: null,
          birthDate: '1994-03-09',
          sex: 'female',
          reach: 'document',
          heldStayId: null,
          handOver: null,
        });
        for (const secret of ['ИВС г. Астаны', 'Женская колония', custodyId, stayId])
          expect(byDocument.body).not.toContain(secret);
        // A doctor may not reach anyone by a document (no person.lookup); nobody holds another IIN.
        expect(
          await matchesOf('almatyMedical', { identityDocument: { kind: 'iin', number: IIN_WOMAN } }),
        ).toEqual([]);
        expect(
          await matchesOf('almatyCustody', { identityDocument: { kind: 'iin', number: IIN_NOBODY } }),
        ).toEqual([]);
        // A name given with the document must be hers too.
        expect(
          await matchesOf('almatyCustody', {
            name: 'Иванова',
            identityDocument: { kind: 'iin', number: IIN_WOMAN },
          }),
        ).toEqual([]);
      });

      test('too little to tell anyone apart is a 422 naming the field; roles that read no records may not search', async () => {
        const empty = await search('custody-officer', {});
        expect(empty.statusCode).toBe(422);
        expect(problemOf(empty).issues?.map((issue) => issue.field)).toEqual(['body.name']);
        expect(problemOf(await search('custody-officer', { name: 'Ю' })).issues?.[0]?.field).toBe(
          'body.name',
        );
        const badIin = await search('custody-officer', {
          identityDocument: { kind: 'iin', number: '940309400121' },
        });
        expect(problemOf(badIin).issues?.[0]?.field).toBe('body.identityDocument.number');
        for (const role of ['statistician', 'admin', 'kiosk'] as const)
          expect((await search(role, { name: 'Юлдашева' })).statusCode, role).toBe(403);
        const anonymous = await h.app.inject({
          method: 'POST',
          url: '/api/v1/people/search',
          payload: { name: 'Юлдашева' },
        });
        expect(anonymous.statusCode).toBe(401);
      });

      test(`at most ${SEARCH_LIMIT} people, and \`more\` says the search must say more`, async () => {
        for (let i = 0; i < SEARCH_LIMIT + 1; i++) {
          const response = await h.app.inject({
            method: 'POST',
            url: '/api/v1/people',
            headers: auth('custody-officer'),
            payload: {
              familyName: `Однофамильцев`,
              givenNames: `Иван ${i}`,
              birthDate: '1980-01-01',
              sex: 'male',
            },
          });
          expect(response.statusCode).toBe(201);
        }
        const response = await search('custody-officer', { name: 'однофамильцев' });
        const body = response.json() as { matches: unknown[]; more: boolean };
        expect(body.matches).toHaveLength(SEARCH_LIMIT);
        expect(body.more).toBe(true);
      });
    });

    describe('the person’s history (issue 18 item 10)', () => {
      const historyOf = async (caller: Caller) => {
        const response = await h.app.inject({ url: `/api/v1/people/${personId}`, headers: auth(caller) });
        expect(response.statusCode, response.body).toBe(200);
        return (response.json() as { history: { custody: { id: string }[]; stays: { id: string }[] } })
          .history;
      };

      test('custody episodes and prison stays, each only to those entitled to read that record, and the read names them', async () => {
        const monitor = await historyOf('monitor');
        expect(monitor.custody).toEqual([
          {
            id: custodyId,
            facilityId: h.facilities.astana,
            facilityName: 'ИВС г. Астаны',
            apprehendedAt: iso(now - 30 * HOUR),
            endedAt: iso(now - 3 * HOUR),
            status: 'transferred',
          },
        ]);
        expect(monitor.stays).toEqual([
          {
            id: stayId,
            facilityId: h.facilities.almatyWomen,
            facilityName: 'Женская колония',
            admittedAt: iso(now - 2 * HOUR),
            endedAt: null,
            status: 'held',
          },
        ]);
        const read = (await h.store.readStream(auditStream(`person/${personId}`))).at(-1);
        expect(read?.payload).toMatchObject({ records: [`custody/${custodyId}`, `prison/${stayId}`] });
        // The custody unit reads its episode, not the prison stay; the prison the reverse.
        expect(await historyOf('custody-officer')).toMatchObject({ custody: [{ id: custodyId }], stays: [] });
        expect(await historyOf('womenOfficer')).toMatchObject({ custody: [], stays: [{ id: stayId }] });
        // The complaints authority reads people's records, not custody or prison records.
        expect(await historyOf('complaints-officer')).toEqual({ custody: [], stays: [] });
      });
    });

    describe('corrections of a person’s details (issue 18 item 2)', () => {
      const correct = (caller: Caller, id: string, body: unknown) =>
        h.app.inject({
          method: 'POST',
          url: `/api/v1/people/${id}/corrections`,
          headers: auth(caller),
          payload: body as object,
        });

      test('a correction is an entry beside the registration: the record shows the corrected details and what each replaced', async () => {
        const corrected = await correct('custody-officer', personId, {
          citizenship: 'uz',
          languages: ['uz', 'ru'],
          patronymic: 'Рустамовна',
          reason: 'гражданство и языки по паспорту гражданина Республики Узбекистан',
        });
        expect(corrected.statusCode, corrected.body).toBe(201);
        const { seq } = corrected.json() as { id: string; seq: number };
        const stream = await h.store.readStream(`person/${personId}`);
        expect(stream.map((stored) => stored.entry.type)).toEqual(['person-registered', 'person-corrected']);
        const registration = stream[0]!;
        expect(registration.payload).toMatchObject({ citizenship: null, languages: [], patronymic: null });
        expect(stream[1]?.entry).toMatchObject({ seq, actor: expect.any(String) });

        const record = (
          await h.app.inject({ url: `/api/v1/people/${personId}`, headers: auth('monitor') })
        ).json() as Record<string, unknown>;
        expect(record).toMatchObject({
          citizenship: 'UZ',
          languages: ['uz', 'ru'],
          patronymic: 'Рустамовна',
        });
        expect(record.corrections).toEqual([
          {
            seq,
            correctedAt: iso(now),
            actor: stream[1]?.entry.actor,
            actorName: 'custody-officer test',
            reason: 'гражданство и языки по паспорту гражданина Республики Узбекистан',
            changes: [
              { field: 'patronymic', from: null, to: 'Рустамовна', correctsSeq: registration.entry.seq },
              { field: 'citizenship', from: null, to: 'UZ', correctsSeq: registration.entry.seq },
              { field: 'languages', from: [], to: ['uz', 'ru'], correctsSeq: registration.entry.seq },
            ],
          },
        ]);
        // The search finds her by the corrected name.
        expect(await matchesOf('custody-officer', { name: 'рустамовна' })).toHaveLength(1);
      });

      test('the staff of any facility holding the person may correct; nobody else; nothing to change is a 422', async () => {
        expect(
          (
            await correct('womenOfficer', personId, {
              sex: 'female',
              birthDate: '1994-03-08',
              reason: 'по паспорту',
            })
          ).statusCode,
        ).toBe(201);
        for (const caller of ['almatyCustody', 'monitor', 'medical', 'complaints-officer', 'admin'] as const)
          expect(
            (await correct(caller, personId, { birthDate: '1994-03-07', reason: 'x' })).statusCode,
            caller,
          ).toBe(403);
        const unchanged = await correct('custody-officer', personId, {
          birthDate: '1994-03-08',
          reason: 'проверка',
        });
        expect(unchanged.statusCode).toBe(422);
        const noReason = await correct('custody-officer', personId, { birthDate: '1994-03-01' });
        expect(problemOf(noReason).issues?.map((issue) => issue.field)).toEqual(['body.reason']);
        expect(
          (await correct('custody-officer', 'nobody', { birthDate: '1994-03-01', reason: 'x' })).statusCode,
        ).toBe(404);
      });

      test('a corrected document reaches the person by its new number only; the read models equal a replay of the log', async () => {
        const corrected = await correct('custody-officer', personId, {
          identityDocuments: [{ kind: 'passport', number: 'fa 7654321', issuedBy: 'Республика Узбекистан' }],
          reason: 'ИИН внесён ошибочно: у лица паспорт Республики Узбекистан',
        });
        expect(corrected.statusCode, corrected.body).toBe(201);
        expect(
          await matchesOf('almatyCustody', { identityDocument: { kind: 'iin', number: IIN_WOMAN } }),
        ).toEqual([]);
        expect(
          await matchesOf('almatyCustody', { identityDocument: { kind: 'passport', number: 'FA7654321' } }),
        ).toMatchObject([{ id: personId, reach: 'document' }]);
        expect(await h.store.checkReadModels()).toMatchObject({ ok: true });
        const snapshot = async () => ({
          people: await h.store.db.selectFrom('people').selectAll().orderBy('id').execute(),
          documents: await h.store.db
            .selectFrom('person_documents')
            .selectAll()
            .orderBy('person_id')
            .execute(),
        });
        const before = await snapshot();
        await h.store.rebuild();
        expect(await snapshot()).toEqual(before);
      });

      test('a correction erased from the log takes the person out of the read model, as a replay does', async () => {
        const other = await h.app.inject({
          method: 'POST',
          url: '/api/v1/people',
          headers: auth('custody-officer'),
          payload: { familyName: 'Стираемов', givenNames: 'Олег', birthDate: '1970-05-05', sex: 'male' },
        });
        const id = (other.json() as { id: string }).id;
        expect(
          (await correct('custody-officer', id, { citizenship: 'KZ', reason: 'по паспорту' })).statusCode,
        ).toBe(201);
        const [, correction] = await h.store.readStream(`person/${id}`);
        await h.store.erase(correction!.entry.seq, 'cli:dpo', 'request of the data subject');
        expect(
          (await h.app.inject({ url: `/api/v1/people/${id}`, headers: auth('monitor') })).statusCode,
        ).toBe(404);
        expect(await h.store.checkReadModels()).toMatchObject({ ok: true });
      });
    });
  });
}
