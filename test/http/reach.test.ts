import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/access/principal.js';
import { createToken } from '../../src/app/accounts.js';
import type { CustodyView } from '../../src/app/custody-views.js';
import { searchPeople } from '../../src/app/person-search.js';
import type { StayView } from '../../src/app/prison-views.js';
import { createFacility } from '../../src/app/registry.js';
import { auditStream } from '../../src/access/read-audit.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Scope on every write path (issue 17 items 4 and 5), through the real server on both engines.
 * Each attack the probe found is reproduced as it was made, and must now be refused:
 *
 *   - a prison officer anywhere closing any police custody episode by naming it on an admission;
 *   - placements against the facility's population (a juvenile into an adult men's prison);
 *   - a custody officer reading anyone by registering a fake arrest of them;
 *   - refusals that named another record's id (and so told where a person is).
 *
 * The regions: Astana (the harness's custody unit, mixed), Almaty (the harness's women's prison,
 * and a men's custody unit here), Karaganda (a men's prison, a remand centre, a juvenile colony).
 */

const HOUR = 3_600_000;
const START = Date.parse('2026-06-01T04:00:00.000Z'); // 09:00 in Kazakhstan

/** Valid IINs (check digit computed): a man born 17 Apr 1988, a woman born 14 Feb 1990, a boy born 1 Jun 2010. */
const IIN_MAN = '880417300128';
const IIN_WOMAN = '900214400236';
const IIN_BOY = '100601500348';
/** Жумабекова Айгерим, born 2 Nov 1995 (the look-up's own), and a valid IIN nobody holds. */
const IIN_LOOKUP = '951102400113';
const IIN_NOBODY = '990101300330';

type Actor = Role | 'almatyCustody' | 'karagandaPrison' | 'remand' | 'colony' | 'women' | 'monitorElsewhere';

for (const engine of ENGINES) {
  describe(`scope on every write path (${engine})`, () => {
    let h: Harness;
    const now = START;
    const iso = (ms: number = now) => new Date(ms).toISOString();
    const tokens: Partial<Record<Actor, string>> = {};
    const auth = (actor: Actor) => ({ authorization: `Bearer ${tokens[actor] ?? h.tokens[actor as Role]}` });
    let almatyCustody = '';
    let karagandaPrison = '';
    let remand = '';
    let colony = '';

    /** A person registered at Astana's custody unit (outside every other facility's scope). */
    async function registered(
      identityDocuments: { kind: string; number: string }[] = [],
      person: { sex?: 'female' | 'male'; birthDate?: string; familyName?: string } = {},
    ): Promise<string> {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: auth('custody-officer'),
        payload: {
          familyName: person.familyName ?? 'Абенов',
          givenNames: 'Ерлан',
          birthDate: person.birthDate ?? '1988-04-17',
          sex: person.sex ?? 'male',
          ...(identityDocuments.length > 0 ? { identityDocuments } : {}),
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { id: string }).id;
    }

    const arrest = (
      actor: Actor,
      personId: string,
      facilityId: string,
      extra: Record<string, unknown> = {},
    ) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: auth(actor),
        payload: {
          personId,
          facilityId,
          apprehendedAt: iso(now - 2 * HOUR),
          place: 'ул. Бейбитшилик 10, Астана',
          grounds: 'ст. 190 УК РК',
          arrestingOfficer: 'капитан Серикбаев',
          ...extra,
        },
      });

    const admit = (actor: Actor, personId: string, facilityId: string, extra: Record<string, unknown> = {}) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/prison/admissions',
        headers: auth(actor),
        payload: {
          personId,
          facilityId,
          admittedAt: iso(now - HOUR),
          commitmentOrder: 'постановление суда № 1-77',
          ...extra,
        },
      });

    const recordCustody = (
      custodyId: string,
      payload: Record<string, unknown>,
      actor: Actor = 'custody-officer',
    ) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${custodyId}/events`,
        headers: auth(actor),
        payload,
      });

    async function arrested(personId: string): Promise<string> {
      const response = await arrest('custody-officer', personId, h.facilities.astana);
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as CustodyView).id;
    }

    const custodyOf = async (custodyId: string): Promise<CustodyView> =>
      (
        await h.app.inject({ url: `/api/v1/custody/${custodyId}`, headers: auth('monitor') })
      ).json() as CustodyView;

    /** Who wrote into a stream: the actors of its entries. */
    const writersOf = async (stream: string): Promise<string[]> =>
      (await h.store.readStream(stream)).map((stored) => stored.entry.actor);

    const accountOf = async (actor: Actor): Promise<string> => {
      const row = await h.store.db
        .selectFrom('accounts')
        .select('id')
        .where('name', '=', `${actor} reach`)
        .executeTakeFirstOrThrow();
      return row.id;
    };

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      const facility = async (name: string, kind: string, population: string, region: string) =>
        (await createFacility(h.store, { name, kind, population, region } as never, 'test')).id;
      almatyCustody = await facility('ИВС ДП г. Алматы', 'police-custody', 'men', 'KZ-ALA');
      karagandaPrison = await facility('Учреждение АК-159/1', 'prison', 'men', 'KZ-KAR');
      remand = await facility('СИЗО г. Караганды', 'remand-centre', 'mixed', 'KZ-KAR');
      colony = await facility('Воспитательная колония', 'prison', 'juveniles', 'KZ-KAR');
      const token = async (actor: Actor, role: Role, facilities: string[], regions: string[] = []) =>
        (tokens[actor] = (
          await createToken(h.store, { role, name: `${actor} reach`, facilities, regions }, 'test')
        ).token);
      await token('almatyCustody', 'custody-officer', [almatyCustody]);
      await token('karagandaPrison', 'prison-officer', [karagandaPrison]);
      await token('remand', 'prison-officer', [remand]);
      await token('colony', 'prison-officer', [colony]);
      await token('women', 'prison-officer', [h.facilities.almatyWomen]);
      await token('monitorElsewhere', 'monitor', [], ['KZ-ALA']);
    });
    afterAll(async () => h?.close());

    describe('issue 17 item 4: a write into a custody stream needs the custody unit', () => {
      test('attack: a prison officer of another region names an open custody episode on an admission — refused, and the custody stream is untouched', async () => {
        const personId = await registered([{ kind: 'iin', number: IIN_MAN }]);
        const custodyId = await arrested(personId);
        const before = await writersOf(`custody/${custodyId}`);

        // As the probe made it: no document, someone else's episode.
        const attack = await admit('karagandaPrison', personId, karagandaPrison, { custodyId });
        expect(attack.statusCode).toBe(422);
        expect(problemOf(attack).detail).not.toContain(custodyId);
        expect(attack.body).not.toContain('Бейбитшилик');
        expect(attack.body).not.toContain('Серикбаев');

        // Even holding the person's document, an episode still in custody is not the prison's to close.
        const withDocument = await admit('karagandaPrison', personId, karagandaPrison, {
          custodyId,
          identityDocument: { kind: 'iin', number: IIN_MAN },
        });
        expect(withDocument.statusCode).toBe(422);
        const problem = problemOf(withDocument);
        expect(problem.issues?.map((issue) => issue.field)).toEqual(['body.custodyId']);
        expect(problem.detail).toMatch(/ask it to record the transfer/);
        for (const secret of [custodyId, 'ИВС', 'Бейбитшилик', 'Серикбаев'])
          expect(withDocument.body).not.toContain(secret);

        expect(await writersOf(`custody/${custodyId}`)).toEqual(before);
        const episode = await custodyOf(custodyId);
        expect(episode.status).toBe('in-custody');
        expect(episode.clocks.find((clock) => clock.rule === 'kz.custody.limit')?.state).toBe('running');
        expect(
          await h.store.db
            .selectFrom('prison_stays')
            .select('id')
            .where('person_id', '=', personId)
            .execute(),
        ).toEqual([]);
      });

      test('hand-over: the custody unit records the transfer; only the facility it names admits, once, and never writes into the custody stream', async () => {
        const personId = await registered();
        const custodyId = await arrested(personId);
        const transferred = await recordCustody(custodyId, {
          type: 'transferred',
          destinationFacilityId: remand,
          reason: 'постановление суда о содержании под стражей',
        });
        expect(transferred.statusCode, transferred.body).toBe(201);
        const custodyWriters = await writersOf(`custody/${custodyId}`);

        // Another facility cannot carry the episode over, even one the person could be held in.
        const elsewhere = await admit('karagandaPrison', personId, karagandaPrison, { custodyId });
        expect(elsewhere.statusCode).toBe(422);
        expect(problemOf(elsewhere).detail).not.toContain('СИЗО');

        // The facility named: the hand-over brings the person within reach, no document needed.
        const admitted = await admit('remand', personId, remand, { custodyId });
        expect(admitted.statusCode, admitted.body).toBe(201);
        const stay = admitted.json() as StayView;
        expect(stay).toMatchObject({
          custodyId,
          deprivedOfLiberty: {
            at: iso(now - 2 * HOUR),
            place: 'ул. Бейбитшилик 10, Астана',
            authority: 'капитан Серикбаев',
          },
        });
        expect(stay.timeline[0]?.details).toMatchObject({ reachedBy: 'hand-over' });
        expect(await writersOf(`custody/${custodyId}`)).toEqual(custodyWriters);
        expect((await custodyOf(custodyId)).status).toBe('transferred');

        // Released, the person cannot be admitted again on the same hand-over.
        const released = await h.app.inject({
          method: 'POST',
          url: `/api/v1/prison/stays/${stay.id}/events`,
          headers: auth('remand'),
          payload: { type: 'released', reason: 'освобождён судом' },
        });
        expect(released.statusCode, released.body).toBe(201);
        const again = await admit('remand', personId, remand, { custodyId });
        expect(again.statusCode).toBe(422);
        expect(problemOf(again)).toMatchObject({ detail: expect.stringMatching(/already admitted/) });
      });

      test('a prison admission names no custody episode it was not handed: the old "closes an open episode" path is gone', async () => {
        const personId = await registered([{ kind: 'iin', number: IIN_MAN }]);
        const other = await registered();
        const custodyId = await arrested(other);
        const response = await admit('karagandaPrison', personId, karagandaPrison, {
          custodyId,
          identityDocument: { kind: 'iin', number: IIN_MAN },
        });
        expect(response.statusCode).toBe(422);
        expect(problemOf(response).detail).toMatch(/not handed over to this facility/);
        expect((await custodyOf(custodyId)).status).toBe('in-custody');
      });
    });

    describe('kz.placement.separation', () => {
      test('kz.placement.separation: a juvenile is never admitted to an adult men’s prison (the probe’s case), a woman never to a men’s, a man never to a women’s, an adult never to a colony for juveniles', async () => {
        const boy = await registered([{ kind: 'iin', number: IIN_BOY }], { birthDate: '2010-06-01' });
        const woman = await registered([{ kind: 'iin', number: IIN_WOMAN }], {
          sex: 'female',
          birthDate: '1990-02-14',
          familyName: 'Серикова',
        });
        const man = await registered([{ kind: 'iin', number: IIN_MAN }]);
        const refused = async (response: Awaited<ReturnType<typeof admit>>) => {
          expect(response.statusCode, response.body).toBe(422);
          expect(problemOf(response)).toMatchObject({ rule: 'kz.placement.separation' });
        };
        await refused(
          await admit('karagandaPrison', boy, karagandaPrison, {
            identityDocument: { kind: 'iin', number: IIN_BOY },
          }),
        );
        await refused(
          await admit('karagandaPrison', woman, karagandaPrison, {
            identityDocument: { kind: 'iin', number: IIN_WOMAN },
          }),
        );
        await refused(
          await admit('women', man, h.facilities.almatyWomen, {
            identityDocument: { kind: 'iin', number: IIN_MAN },
          }),
        );
        await refused(
          await admit('colony', man, colony, { identityDocument: { kind: 'iin', number: IIN_MAN } }),
        );
        const boyInColony = await admit('colony', boy, colony, {
          identityDocument: { kind: 'iin', number: IIN_BOY },
        });
        expect(boyInColony.statusCode, boyInColony.body).toBe(201);
      });

      test('kz.placement.separation: a transfer between prisons goes only where the person may be held', async () => {
        const man = await registered([{ kind: 'iin', number: IIN_MAN }]);
        const admitted = await admit('remand', man, remand, {
          identityDocument: { kind: 'iin', number: IIN_MAN },
        });
        expect(admitted.statusCode, admitted.body).toBe(201);
        const stayId = (admitted.json() as StayView).id;
        const transfer = (destinationFacilityId: string) =>
          h.app.inject({
            method: 'POST',
            url: `/api/v1/prison/stays/${stayId}/events`,
            headers: auth('remand'),
            payload: { type: 'transferred', destinationFacilityId, reason: 'overcrowding' },
          });
        for (const destination of [h.facilities.almatyWomen, colony]) {
          const response = await transfer(destination);
          expect(response.statusCode, response.body).toBe(422);
          expect(problemOf(response)).toMatchObject({ rule: 'kz.placement.separation' });
        }
        expect((await transfer(karagandaPrison)).statusCode).toBe(201);
      });

      test('kz.placement.separation: a juvenile is never arrested into a men’s custody unit, nor transferred out of custody into an adult prison', async () => {
        const boy = await registered([{ kind: 'iin', number: IIN_BOY }], { birthDate: '2010-06-01' });
        const refused = await arrest('almatyCustody', boy, almatyCustody, {
          identityDocument: { kind: 'iin', number: IIN_BOY },
        });
        expect(refused.statusCode, refused.body).toBe(422);
        expect(problemOf(refused)).toMatchObject({ rule: 'kz.placement.separation' });
        const custodyId = await arrested(boy);
        const transfer = await recordCustody(custodyId, {
          type: 'transferred',
          destinationFacilityId: karagandaPrison,
        });
        expect(transfer.statusCode).toBe(422);
        expect(problemOf(transfer)).toMatchObject({ rule: 'kz.placement.separation' });
        expect(
          (await recordCustody(custodyId, { type: 'transferred', destinationFacilityId: colony })).statusCode,
        ).toBe(201);
      });
    });

    describe('issue 17 item 5: a person is registered only within reach', () => {
      test('attack: a custody officer elsewhere registers a fake arrest to read someone — refused without saying whether they exist', async () => {
        const victim = await registered([{ kind: 'iin', number: IIN_MAN }]);
        await arrested(victim);
        const read = () => h.app.inject({ url: `/api/v1/people/${victim}`, headers: auth('almatyCustody') });
        expect((await read()).statusCode).toBe(403);

        const fake = await arrest('almatyCustody', victim, almatyCustody);
        expect(fake.statusCode).toBe(422);
        const problem = problemOf(fake);
        expect(problem.detail).toMatch(/identity document/);
        for (const secret of ['Абенов', 'Ерлан', '1988', 'ИВС г. Астаны', victim])
          expect(fake.body).not.toContain(secret);
        expect((await read()).statusCode).toBe(403);

        // A person who does not exist gets the very same answer.
        const nobody = await arrest('almatyCustody', 'nobodyatall', almatyCustody);
        expect([nobody.statusCode, problemOf(nobody).detail]).toEqual([fake.statusCode, problem.detail]);
        // A wrong document: one answer for a real person and for nobody.
        const wrong = { identityDocument: { kind: 'passport', number: 'N0000001' } };
        const wrongReal = await arrest('almatyCustody', victim, almatyCustody, wrong);
        const wrongNobody = await arrest('almatyCustody', 'nobodyatall', almatyCustody, wrong);
        expect(wrongReal.statusCode).toBe(422);
        expect(problemOf(wrongReal).detail).toBe(problemOf(wrongNobody).detail);
        expect(
          await h.store.db
            .selectFrom('custody_episodes')
            .select('id')
            .where('facility_id', '=', almatyCustody)
            .execute(),
        ).toEqual([]);
      });

      test('refusals never name another record: already in custody or already held says nothing of where', async () => {
        const personId = await registered([{ kind: 'iin', number: IIN_MAN }]);
        const custodyId = await arrested(personId);
        const again = await arrest('almatyCustody', personId, almatyCustody, {
          identityDocument: { kind: 'iin', number: IIN_MAN },
        });
        expect(again.statusCode).toBe(422);
        expect(problemOf(again).detail).toMatch(/already in custody/);
        for (const secret of [custodyId, 'ИВС г. Астаны', 'Бейбитшилик'])
          expect(again.body).not.toContain(secret);

        const held = await registered([{ kind: 'iin', number: IIN_WOMAN }], {
          sex: 'female',
          birthDate: '1990-02-14',
        });
        const first = await admit('remand', held, remand, {
          identityDocument: { kind: 'iin', number: IIN_WOMAN },
        });
        expect(first.statusCode, first.body).toBe(201);
        const stayId = (first.json() as StayView).id;
        const second = await admit('women', held, h.facilities.almatyWomen, {
          identityDocument: { kind: 'iin', number: IIN_WOMAN },
        });
        expect(second.statusCode).toBe(422);
        expect(problemOf(second).detail).toMatch(/already held/);
        for (const secret of [stayId, 'СИЗО', 'Караганд']) expect(second.body).not.toContain(secret);
      });

      test('by document: the arrest of a person registered elsewhere records how they were reached, and the monitor sees it', async () => {
        const personId = await registered([
          { kind: 'passport', number: 'n 1234-5678' },
          { kind: 'iin', number: IIN_MAN },
        ]);
        const response = await arrest('almatyCustody', personId, almatyCustody, {
          identityDocument: { kind: 'passport', number: 'N12345678' },
        });
        expect(response.statusCode, response.body).toBe(201);
        const episode = response.json() as CustodyView;
        expect(episode.timeline[0]?.details).toMatchObject({ reachedBy: 'document' });
        const entry = (await h.store.readStream(`custody/${episode.id}`))[0];
        expect(entry?.payload).toMatchObject({
          reachedBy: 'document',
          identityDocument: { kind: 'passport', number: 'N12345678' },
        });
        // Held at the Almaty unit now, the person is within its reach (as for any arrest).
        expect(
          (await h.app.inject({ url: `/api/v1/people/${personId}`, headers: auth('almatyCustody') }))
            .statusCode,
        ).toBe(200);

        const list = await h.app.inject({ url: '/api/v1/people-reached', headers: auth('monitor') });
        expect(list.statusCode, list.body).toBe(200);
        const items = (list.json() as { items: Record<string, unknown>[] }).items;
        expect(items).toContainEqual(
          expect.objectContaining({
            record: 'arrest',
            recordId: episode.id,
            personId,
            facilityId: almatyCustody,
            reachedBy: 'document',
            documentKind: 'passport',
            actor: await accountOf('almatyCustody'),
            actorName: 'almatyCustody reach',
          }),
        );
        // Arrests of people within scope are not listed; the list is read-audited; scope by region holds.
        expect(items.every((item) => item.reachedBy !== 'scope')).toBe(true);
        expect((await h.store.readStream(auditStream('person-reach'))).length).toBeGreaterThan(0);
        const regional = await h.app.inject({
          url: `/api/v1/people-reached?facility=${karagandaPrison}`,
          headers: auth('monitorElsewhere'),
        });
        expect(regional.statusCode).toBe(403);
        const almaty = await h.app.inject({
          url: '/api/v1/people-reached',
          headers: auth('monitorElsewhere'),
        });
        expect(
          (almaty.json() as { items: { facilityId: string }[] }).items.every(
            (item) => item.facilityId === almatyCustody || item.facilityId === h.facilities.almatyWomen,
          ),
        ).toBe(true);
        for (const role of ['custody-officer', 'prison-officer', 'statistician', 'admin'] as const)
          expect(
            (await h.app.inject({ url: '/api/v1/people-reached', headers: auth(role) })).statusCode,
          ).toBe(403);
      });

      test('a person with no document on record is reached only within scope: elsewhere they are registered anew', async () => {
        const personId = await registered();
        const response = await arrest('almatyCustody', personId, almatyCustody, {
          identityDocument: { kind: 'iin', number: IIN_MAN },
        });
        expect(response.statusCode).toBe(422);
        expect(problemOf(response).detail).toMatch(/does not identify this person/);
        // Registered at the Almaty unit, the same man is within its reach.
        const anew = await h.app.inject({
          method: 'POST',
          url: '/api/v1/people',
          headers: auth('almatyCustody'),
          payload: {
            familyName: 'Абенов',
            givenNames: 'Ерлан',
            birthDate: '1988-04-17',
            sex: 'male',
            identityDocuments: [{ kind: 'iin', number: IIN_MAN }],
          },
        });
        const arrestedAnew = await arrest('almatyCustody', (anew.json() as { id: string }).id, almatyCustody);
        expect(arrestedAnew.statusCode, arrestedAnew.body).toBe(201);
        expect((arrestedAnew.json() as CustodyView).timeline[0]?.details).toMatchObject({
          reachedBy: 'scope',
        });
      });
    });

    describe('the identity-document look-up', () => {
      test('POST /people/lookup answers only names, birth date and sex, for the staff who register arrests and admissions, and records the read', async () => {
        const personId = await registered([{ kind: 'iin', number: IIN_LOOKUP }], {
          sex: 'female',
          birthDate: '1995-11-02',
          familyName: 'Жумабекова',
        });
        await arrested(personId);
        const before = (await h.store.readStream(auditStream('person-lookup'))).length;
        const lookup = (actor: Actor, body: unknown) =>
          h.app.inject({
            method: 'POST',
            url: '/api/v1/people/lookup',
            headers: auth(actor),
            payload: body as object,
          });
        const response = await lookup('karagandaPrison', { kind: 'iin', number: '951 102 400 113' });
        expect(response.statusCode, response.body).toBe(200);
        const { matches } = response.json() as { matches: Record<string, unknown>[] };
        expect(matches).toEqual([
          {
            id: personId,
            familyName: 'Жумабекова',
            givenNames: 'Ерлан',
            patronymic: null,
            birthDate: '1995-11-02',
            sex: 'female',
          },
        ]);
        for (const secret of ['custody', 'facility', 'ИВС', 'Бейбитшилик'])
          expect(response.body).not.toContain(secret);
        const audit = await h.store.readStream(auditStream('person-lookup'));
        expect(audit.length).toBe(before + 1);
        expect(audit.at(-1)?.payload).toMatchObject({ records: [`person/${personId}`] });
        // Nothing found: nothing recorded; a bad IIN names the field; other roles may not look.
        expect((await lookup('karagandaPrison', { kind: 'iin', number: IIN_NOBODY })).json()).toEqual({
          matches: [],
        });
        expect((await h.store.readStream(auditStream('person-lookup'))).length).toBe(before + 1);
        const bad = await lookup('karagandaPrison', { kind: 'iin', number: '951102400114' });
        expect(bad.statusCode).toBe(422);
        expect(problemOf(bad).issues?.map((issue) => issue.field)).toEqual(['body.number']);
        for (const role of ['monitor', 'medical', 'statistician', 'admin', 'kiosk'] as const)
          expect((await lookup(role, { kind: 'iin', number: IIN_LOOKUP })).statusCode).toBe(403);
        expect(
          (
            await h.app.inject({
              method: 'POST',
              url: '/api/v1/people/lookup',
              payload: { kind: 'iin', number: IIN_LOOKUP },
            })
          ).statusCode,
        ).toBe(401);
      });

      test('the search by name finds a person registered elsewhere only once handed over to the officer’s facility, never custody elsewhere', async () => {
        const personId = await registered([], { familyName: 'Тулегенов', birthDate: '1979-09-09' });
        const custodyId = await arrested(personId);
        const principalOf = async (actor: Actor) => {
          const row = await h.store.db
            .selectFrom('accounts')
            .selectAll()
            .where('id', '=', await accountOf(actor))
            .executeTakeFirstOrThrow();
          return {
            id: row.id,
            kind: 'service' as const,
            name: row.name,
            role: row.role as Role,
            facilities: JSON.parse(row.facilities) as string[],
            regions: [],
          };
        };
        const query = { name: 'тулегенов', birthDate: '1979-09-09' };
        const search = async (actor: Actor) =>
          (await searchPeople(h.store, await principalOf(actor), query)).matches;
        // Registered and held at Astana: out of every prison's scope, so not found by name.
        expect(await search('remand')).toEqual([]);
        await recordCustody(custodyId, { type: 'transferred', destinationFacilityId: remand });
        const [handedOver] = await search('remand');
        expect(handedOver).toMatchObject({
          id: personId,
          reach: 'hand-over',
          handOver: { custodyId, facilityName: 'ИВС г. Астаны' },
          heldStayId: null,
        });
        expect(await search('karagandaPrison')).toEqual([]);
        const admitted = await admit('remand', personId, remand, { custodyId });
        expect(admitted.statusCode, admitted.body).toBe(201);
        const [after] = await search('remand');
        expect(after).toMatchObject({
          reach: 'scope',
          handOver: null,
          heldStayId: (admitted.json() as StayView).id,
        });
        expect(await search('karagandaPrison')).toEqual([]);
      });

      test('POST /people keeps identity documents, normalised, and GET /people/{id} shows them to those in scope', async () => {
        const personId = await registered([
          { kind: 'passport', number: 'n 1234-5678' },
          { kind: 'iin', number: IIN_MAN },
        ]);
        const read = await h.app.inject({
          url: `/api/v1/people/${personId}`,
          headers: auth('custody-officer'),
        });
        expect(read.statusCode).toBe(200);
        expect((read.json() as { identityDocuments: unknown[] }).identityDocuments).toEqual([
          { kind: 'iin', number: IIN_MAN, issuedBy: null },
          { kind: 'passport', number: 'N12345678', issuedBy: null },
        ]);
        const bad = await h.app.inject({
          method: 'POST',
          url: '/api/v1/people',
          headers: auth('custody-officer'),
          payload: {
            familyName: 'Абенов',
            givenNames: 'Ерлан',
            birthDate: '1988-04-17',
            sex: 'male',
            identityDocuments: [{ kind: 'iin', number: '880417300129' }],
          },
        });
        expect(bad.statusCode).toBe(422);
        expect(problemOf(bad).issues?.map((issue) => issue.field)).toEqual([
          'body.identityDocuments.0.number',
        ]);
      });

      test('the read models of documents and reach are rebuilt from the log as they were kept', async () => {
        const snapshot = async () => ({
          documents: await h.store.db
            .selectFrom('person_documents')
            .selectAll()
            .orderBy('person_id')
            .orderBy('kind')
            .execute(),
          reach: await h.store.db.selectFrom('person_reach').selectAll().orderBy('seq').execute(),
        });
        const before = await snapshot();
        expect(before.documents.length).toBeGreaterThan(0);
        expect(before.reach.length).toBeGreaterThan(0);
        await h.store.rebuild();
        expect(await snapshot()).toEqual(before);
      });
    });
  });
}
