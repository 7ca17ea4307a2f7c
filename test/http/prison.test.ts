import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/access/principal.js';
import { createToken } from '../../src/app/accounts.js';
import type { StayView } from '../../src/app/prison-views.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { ClockScheduler } from '../../src/clocks/scheduler.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { sealedToWire, sealTo, fromBase64 } from '../../src/sealing/seal.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Remand centres and prisons through the real HTTP server on both engines (issue 5): admission,
 * the discipline rules that refuse (kz.discipline.*) and those that flag (intl.solitary.*), the
 * day-by-day checks the scheduler records, the reprisal watch, scope and clinical confidentiality.
 * Time is the server's injected clock, moved forward by the tests.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-06-01T04:00:00.000Z'); // 09:00 in Kazakhstan

for (const engine of ENGINES) {
  describe(`prison (${engine})`, () => {
    let h: Harness;
    let now = START;
    let scheduler: ClockScheduler;
    let prison: string;
    let lifePrison: string;
    let otherPrison: string;
    const tokens: Partial<Record<string, string>> = {};
    const iso = (ms: number = now) => new Date(ms).toISOString();
    const advance = (ms: number) => {
      now += ms;
    };

    type Actor = 'officer' | 'governor' | 'medical' | 'otherOfficer' | 'otherGovernor' | Role;
    const auth = (actor: Actor) => ({
      authorization: `Bearer ${tokens[actor] ?? h.tokens[actor as Role]}`,
    });

    /**
     * A person registered by the prison's own staff (issue 17: an admission needs the person within
     * the officer's reach; test/http/reach.test.ts covers people registered elsewhere).
     */
    async function person(
      sex: 'female' | 'male',
      birthDate = '1990-01-15',
      facilityId = prison,
    ): Promise<string> {
      return (
        await createPerson(
          h.store,
          {
            familyName: sex === 'female' ? 'Серикова' : 'Серіков',
            givenNames: 'Айжан',
            birthDate,
            sex,
            facilityId,
          },
          'test',
        )
      ).id;
    }

    async function admit(personId: string, facilityId = prison, actor: Actor = 'officer') {
      return h.app.inject({
        method: 'POST',
        url: '/api/v1/prison/admissions',
        headers: auth(actor),
        payload: {
          personId,
          facilityId,
          admittedAt: iso(now - HOUR),
          commitmentOrder: {
            reference: '2-1234/2026',
            authority: 'Есильский районный суд г. Астаны',
            grounds: 'приговор, ст. 190 УК РК',
          },
        },
      });
    }

    async function admitted(
      sex: 'female' | 'male',
      birthDate?: string,
      facilityId = prison,
    ): Promise<string> {
      const response = await admit(await person(sex, birthDate), facilityId);
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as StayView).id;
    }

    const record = (stayId: string, payload: Record<string, unknown>, actor: Actor = 'officer') =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/prison/stays/${stayId}/events`,
        headers: auth(actor),
        payload,
      });

    async function recorded(
      stayId: string,
      payload: Record<string, unknown>,
      actor: Actor = 'officer',
    ): Promise<StayView> {
      const response = await record(stayId, payload, actor);
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as StayView;
    }

    const decide = (stayId: string, measure: string, days?: number, extra: Record<string, unknown> = {}) =>
      record(
        stayId,
        {
          type: 'discipline-decided',
          measure,
          ...(days ? { days } : {}),
          reason: 'нарушение распорядка дня',
          ...extra,
        },
        'governor',
      );

    const examine = (stayId: string, at = iso()) =>
      recorded(
        stayId,
        { type: 'medical-examined', at, hivScreening: 'done', tbScreening: 'done', bodilyHarm: false },
        'medical',
      );

    async function read(stayId: string, actor: Actor = 'officer'): Promise<StayView> {
      const response = await h.app.inject({ url: `/api/v1/prison/stays/${stayId}`, headers: auth(actor) });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as StayView;
    }

    function expectRefused(
      response: { statusCode: number; headers: Record<string, unknown>; body: string },
      rule: string,
    ) {
      expect(response.statusCode, response.body).toBe(422);
      expect(problemOf(response).rule).toBe(rule);
    }

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      scheduler = new ClockScheduler(h.app.habeas, { clock: () => new Date(now) });
      const facility = async (name: string, kind: string, population: string) =>
        (await createFacility(h.store, { name, kind, population, region: 'KZ-KAR' } as never, 'test')).id;
      prison = await facility('Учреждение ЕЦ-166/6', 'prison', 'mixed');
      lifePrison = await facility('Учреждение ЕЦ-166/9 (пожизненное)', 'life-prison', 'men');
      otherPrison = await facility('Учреждение АК-159/1', 'prison', 'men');
      const token = async (name: string, role: Role, facilities: string[]) =>
        (tokens[name] = (await createToken(h.store, { role, name, facilities, regions: [] }, 'test')).token);
      await token('officer', 'prison-officer', [prison, lifePrison]);
      await token('governor', 'governor', [prison, lifePrison]);
      await token('medical', 'medical', [prison, lifePrison]);
      await token('otherOfficer', 'prison-officer', [otherPrison]);
      await token('otherGovernor', 'governor', [otherPrison]);
    });
    afterAll(async () => h?.close());

    test('intl.register.minimum: admission records the commitment order, the deprivation of liberty and opens kz.admission.medical', async () => {
      const response = await admit(await person('male'));
      expect(response.statusCode, response.body).toBe(201);
      const view = response.json() as StayView;
      expect(view.id).toEqual(expect.any(String));
      expect(response.headers.location).toBe(`/api/v1/prison/stays/${view.id}`);
      expect(view).toMatchObject({
        status: 'held',
        facilityId: prison,
        commitmentOrder: { reference: '2-1234/2026', authority: 'Есильский районный суд г. Астаны' },
        deprivedOfLiberty: { at: iso(now - HOUR) },
        regime: { kind: 'general', consecutiveDays: 0 },
      });
      expect(view.clocks).toContainEqual(
        expect.objectContaining({
          rule: 'kz.admission.medical',
          state: 'running',
          dueAt: iso(now - HOUR + DAY),
        }),
      );
      // A bare reference is a commitment order too (issue 5: {personId, facilityId, admittedAt, commitmentOrder}).
      const bare = await h.app.inject({
        method: 'POST',
        url: '/api/v1/prison/admissions',
        headers: auth('officer'),
        payload: {
          personId: await person('male'),
          facilityId: prison,
          admittedAt: iso(),
          commitmentOrder: 'постановление № 7-15',
        },
      });
      expect(bare.statusCode, bare.body).toBe(201);
      // Admission in the future is refused; a police custody unit is not a prison.
      const future = await h.app.inject({
        method: 'POST',
        url: '/api/v1/prison/admissions',
        headers: auth('officer'),
        payload: {
          personId: await person('male'),
          facilityId: prison,
          admittedAt: iso(now + HOUR),
          commitmentOrder: 'x',
        },
      });
      expectRefused(future, 'intl.register.minimum');
    });

    test('intl.register.minimum: a transfer from police custody, recorded by the custody unit, carries the episode over; the prison never writes into it', async () => {
      const personId = await person('male', undefined, h.facilities.astana);
      const arrest = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: h.bearer('custody-officer'),
        payload: {
          personId,
          facilityId: h.facilities.astana,
          apprehendedAt: iso(now - 30 * HOUR),
          place: 'ул. Бейбитшилик 10, Астана',
          grounds: 'ст. 190 УК РК',
          arrestingOfficer: 'капитан Серикбаев',
        },
      });
      expect(arrest.statusCode, arrest.body).toBe(201);
      const custodyId = (arrest.json() as { id: string }).id;
      // The hand-over: the custody unit records the transfer to the prison (issue 17 item 4).
      const transferred = await h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${custodyId}/events`,
        headers: h.bearer('custody-officer'),
        payload: { type: 'transferred', at: iso(now - 2 * HOUR), destinationFacilityId: prison },
      });
      expect(transferred.statusCode, transferred.body).toBe(201);
      const custodyEntries = (await h.store.readStream(`custody/${custodyId}`)).length;
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/prison/admissions',
        headers: auth('officer'),
        payload: {
          personId,
          facilityId: prison,
          admittedAt: iso(now - HOUR),
          commitmentOrder: 'постановление суда № 1-77',
          custodyId,
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const view = response.json() as StayView;
      expect(view).toMatchObject({
        custodyId,
        deprivedOfLiberty: {
          at: iso(now - 30 * HOUR),
          place: 'ул. Бейбитшилик 10, Астана',
          authority: 'капитан Серикбаев',
        },
      });
      const custody = await h.app.inject({
        url: `/api/v1/custody/${custodyId}`,
        headers: h.bearer('monitor'),
      });
      expect(custody.json()).toMatchObject({ status: 'transferred' });
      expect(await h.store.readStream(`custody/${custodyId}`)).toHaveLength(custodyEntries);
      // Someone else's episode cannot be carried over.
      const wrong = await h.app.inject({
        method: 'POST',
        url: '/api/v1/prison/admissions',
        headers: auth('officer'),
        payload: {
          personId: await person('male'),
          facilityId: prison,
          admittedAt: iso(),
          commitmentOrder: 'x',
          custodyId,
        },
      });
      expect(wrong.statusCode).toBe(422);
      expect(problemOf(wrong).detail).toContain('was not handed over to this facility for this person');
    });

    test('one stay held per person: a second admission is refused, even when both arrive at once', async () => {
      const personId = await person('male');
      const answers = await Promise.all(Array.from({ length: 6 }, () => admit(personId)));
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 422, 422, 422, 422, 422]);
      for (const answer of answers.filter((a) => a.statusCode === 422)) {
        expect(problemOf(answer).detail).toMatch(/already held/);
      }
      const held = await h.store.db
        .selectFrom('prison_stays')
        .select('id')
        .where('person_id', '=', personId)
        .where('status', '=', 'held')
        .execute();
      expect(held).toHaveLength(1);
    });

    test('kz.discipline.exempt: a pregnant woman, a juvenile and a woman with her infant are never placed in a punishment block', async () => {
      const pregnant = await admitted('female');
      await recorded(
        pregnant,
        { type: 'vulnerability-recorded', kind: 'pregnant', from: '2026-03-01' },
        'medical',
      );
      expectRefused(await decide(pregnant, 'punishment-block', 5), 'kz.discipline.exempt');
      // The refused attempt stays in the log, visible to oversight; no placement was made.
      const afterRefusal = await read(pregnant, 'monitor');
      expect(afterRefusal.timeline).toContainEqual(
        expect.objectContaining({
          type: 'discipline-refused',
          details: expect.objectContaining({
            measure: 'punishment-block',
            days: 5,
            rule: 'kz.discipline.exempt',
          }),
        }),
      );
      expect(afterRefusal.regime.kind).toBe('general');

      const juvenile = await admitted('male', '2010-02-01');
      expectRefused(await decide(juvenile, 'punishment-block', 5), 'kz.discipline.exempt');

      const mother = await admitted('female');
      await recorded(mother, {
        type: 'vulnerability-recorded',
        kind: 'infant-in-facility',
        from: '2026-05-20',
      });
      expectRefused(await decide(mother, 'punishment-block', 5), 'kz.discipline.exempt');
      expectRefused(await decide(mother, 'solitary', 20), 'kz.discipline.exempt');

      const released = await admitted('female');
      await recorded(
        released,
        {
          type: 'vulnerability-recorded',
          kind: 'released-from-work-pregnancy-childbirth',
          from: '2026-05-01',
        },
        'medical',
      );
      expectRefused(await decide(released, 'punishment-block', 3), 'kz.discipline.exempt');
      // A warning is not a placement: allowed.
      expect((await decide(mother, 'warning')).statusCode).toBe(201);
    });

    test('kz.discipline.punishment-block: 16 days are refused, 15 accepted', async () => {
      const stay = await admitted('male');
      await examine(stay);
      expectRefused(await decide(stay, 'punishment-block', 16), 'kz.discipline.punishment-block');
      const accepted = await decide(stay, 'punishment-block', 15);
      expect(accepted.statusCode, accepted.body).toBe(201);
      expect((accepted.json() as StayView).regime).toMatchObject({
        kind: 'punishment-block',
        consecutiveDays: 1,
        plannedDays: 15,
      });
    });

    test('kz.discipline.medical-before: a person never examined by a doctor is refused a punishment block', async () => {
      const stay = await admitted('male');
      expectRefused(await decide(stay, 'punishment-block', 5), 'kz.discipline.medical-before');
    });

    test('kz.discipline.solitary-prior, kz.discipline.medical-before and kz.discipline.solitary: solitary needs an earlier punishment block and an examination in the previous 24 h, and lasts at most 4 months', async () => {
      const stay = await admitted('male');
      await examine(stay);
      expectRefused(await decide(stay, 'solitary', 30), 'kz.discipline.solitary-prior');
      expect((await decide(stay, 'punishment-block', 5)).statusCode).toBe(201);
      advance(6 * DAY);
      // The last examination is six days old.
      expectRefused(await decide(stay, 'solitary', 30), 'kz.discipline.medical-before');
      await examine(stay);
      expectRefused(await decide(stay, 'solitary', 200), 'kz.discipline.solitary');
      const accepted = await decide(stay, 'solitary', 30);
      expect(accepted.statusCode, accepted.body).toBe(201);
    });

    test('the discipline check names every national rule a measure breaks, in order, and records nothing', async () => {
      const stay = await admitted('male');
      const before = await h.store.readStream(`prison/${stay}`);
      const check = (measure: string, days?: number) =>
        h.app.inject({
          method: 'POST',
          url: `/api/v1/prison/stays/${stay}/discipline-check`,
          headers: auth('governor'),
          payload: { measure, ...(days !== undefined ? { days } : {}) },
        });
      const refused = await check('solitary', 200);
      expect(refused.statusCode, refused.body).toBe(200);
      const verdict = refused.json() as {
        allowed: boolean;
        rule: string;
        code: string;
        breaches: { rule: string; code: string; params: Record<string, unknown> }[];
      };
      expect(verdict.allowed).toBe(false);
      expect(verdict.breaches.map((breach) => [breach.rule, breach.code])).toEqual([
        ['kz.discipline.solitary', 'discipline.solitary-too-long'],
        ['kz.discipline.solitary-prior', 'discipline.solitary-prior'],
        ['kz.discipline.medical-before', 'discipline.medical-before'],
      ]);
      // The first breach is also the verdict's own rule, as for clients that read one.
      expect([verdict.rule, verdict.code]).toEqual([
        'kz.discipline.solitary',
        'discipline.solitary-too-long',
      ]);
      expect(verdict.breaches[0]?.params).toMatchObject({ days: 200, maxMonths: 4 });
      const lawful = await check('warning');
      expect(lawful.json()).toMatchObject({ allowed: true, breaches: [] });
      expect((await h.store.readStream(`prison/${stay}`)).length).toBe(before.length);
    });

    test('intl.solitary.prolonged: a lawful 30-day solitary placement is flagged to the monitor as soon as it is decided', async () => {
      const stay = await admitted('male');
      await examine(stay);
      expect((await decide(stay, 'punishment-block', 3)).statusCode).toBe(201);
      advance(4 * DAY);
      await examine(stay);
      const response = await decide(stay, 'solitary', 30);
      expect(response.statusCode, response.body).toBe(201);
      const view = response.json() as StayView;
      expect(view.findings).toContainEqual(
        expect.objectContaining({ rule: 'intl.solitary.prolonged', kind: 'flag', pack: 'intl' }),
      );
      const monitor = await h.app.inject({
        url: '/api/v1/prison-findings?rule=intl.solitary.prolonged',
        headers: auth('monitor'),
      });
      expect(monitor.statusCode, monitor.body).toBe(200);
      expect((monitor.json() as { items: { stayId: string }[] }).items.map((item) => item.stayId)).toContain(
        stay,
      );
      // The monitor's nationwide view counts the days.
      advance(2 * DAY);
      const separated = await h.app.inject({
        url: '/api/v1/prison/stays?separated=true',
        headers: auth('monitor'),
      });
      expect(separated.statusCode, separated.body).toBe(200);
      const entry = (
        separated.json() as { items: { id: string; regime: { kind: string; consecutiveDays: number } }[] }
      ).items.find((item) => item.id === stay);
      expect(entry?.regime).toMatchObject({ kind: 'solitary', consecutiveDays: 3 });
    });

    test('intl.solitary.prolonged: back-to-back measures growing past 15 consecutive days are flagged on day 16', async () => {
      const stay = await admitted('male');
      await examine(stay);
      expect((await decide(stay, 'punishment-block', 10)).statusCode).toBe(201);
      advance(10 * DAY - HOUR);
      await examine(stay);
      // Decided an hour before the first ends: starts when it ends.
      const second = await decide(stay, 'solitary', 10);
      expect(second.statusCode, second.body).toBe(201);
      expect((second.json() as StayView).findings.map((f) => f.rule)).not.toContain(
        'intl.solitary.prolonged',
      );
      advance(5 * DAY); // day 15 of the run
      await scheduler.tick();
      expect((await read(stay)).findings.map((f) => f.rule)).not.toContain('intl.solitary.prolonged');
      advance(DAY + 2 * HOUR); // day 16
      await scheduler.tick();
      await scheduler.tick();
      const view = await read(stay, 'monitor');
      expect(view.findings.filter((f) => f.rule === 'intl.solitary.prolonged')).toHaveLength(1);
      expect(view.regime.consecutiveDays).toBe(17);
    });

    test('intl.solitary.prolonged and kz.discipline.medical-before: an extension decided mid-placement starts when the placement ends and is flagged on day 16', async () => {
      const stay = await admitted('male');
      await examine(stay);
      expect((await decide(stay, 'punishment-block', 10)).statusCode).toBe(201);
      advance(5 * DAY);
      // No new examination: the extension continues the separation the examination preceded.
      const extension = await decide(stay, 'punishment-block', 10);
      expect(extension.statusCode, extension.body).toBe(201);
      const view = extension.json() as StayView;
      expect(view.discipline.at(-1)?.startsAt).toBe(view.discipline.at(-2)?.endsAt);
      expect(view.regime).toMatchObject({ consecutiveDays: 6, plannedDays: 20 });
      advance(10 * DAY - HOUR); // day 15 of the run
      await scheduler.tick();
      expect((await read(stay)).findings.map((f) => f.rule)).not.toContain('intl.solitary.prolonged');
      advance(2 * HOUR); // day 16
      await scheduler.tick();
      expect(
        (await read(stay, 'monitor')).findings.filter((f) => f.rule === 'intl.solitary.prolonged'),
      ).toHaveLength(1);
      // A new placement after a break of days needs a new examination.
      advance(10 * DAY);
      expectRefused(await decide(stay, 'punishment-block', 5), 'kz.discipline.medical-before');
    });

    test('intl.exercise and kz.life.exercise: a missed day is a finding once the day has ended', async () => {
      const life = await admitted('male', '1975-05-05', lifePrison);
      const ordinary = await admitted('male');
      // The day of admission is not checked; the next one is.
      advance(DAY);
      const day = iso().slice(0, 10); // 09:00+05:00 is the same date in UTC
      await recorded(life, { type: 'exercise-logged', date: day, minutes: 30 });
      await recorded(ordinary, { type: 'exercise-logged', date: day, minutes: 60 });
      await scheduler.tick();
      expect((await read(life)).findings.map((f) => f.detail).join()).not.toContain(day);
      advance(DAY);
      await scheduler.tick();
      const lifeView = await read(life);
      expect(lifeView.lifeSentence).toBe(true);
      // The exercise log is shown day by day (not as timeline entries: one a day for years).
      expect(lifeView.exercise).toContainEqual({ date: day, minutes: 30 });
      expect(lifeView.timeline.map((entry) => entry.type)).not.toContain('exercise-logged');
      expect(lifeView.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ rule: 'kz.life.exercise', detail: expect.stringContaining(day) }),
          expect.objectContaining({ rule: 'intl.exercise', detail: expect.stringContaining(day) }),
        ]),
      );
      const ordinaryView = await read(ordinary);
      expect(ordinaryView.findings.map((f) => f.detail).join()).not.toContain(day);
      expect(ordinaryView.findings.map((f) => f.rule)).not.toContain('kz.life.exercise');
      // Exactly once: another tick the same day adds nothing.
      await scheduler.tick();
      expect((await read(life)).findings).toHaveLength(lifeView.findings.length);
    });

    test('intl.solitary.definition and intl.solitary.exempt: 22 h a day without contact is solitary whatever its name, and a breastfeeding mother is flagged', async () => {
      const stay = await admitted('female');
      await recorded(
        stay,
        { type: 'vulnerability-recorded', kind: 'breastfeeding', from: '2026-05-01' },
        'medical',
      );
      const view = await recorded(stay, {
        type: 'placed',
        unit: 'корпус 3, камера 12',
        localName: 'карантинная камера',
        hoursWithoutContact: 23,
      });
      expect(view.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            rule: 'intl.solitary.definition',
            detail: expect.stringContaining('карантинная камера'),
          }),
          expect.objectContaining({
            rule: 'intl.solitary.exempt',
            detail: expect.stringContaining('breastfeeding'),
          }),
        ]),
      );
      expect(view.regime).toMatchObject({
        kind: 'separation',
        localName: 'карантинная камера',
        consecutiveDays: 1,
      });
      // An ordinary cell (20 h without contact) is not solitary.
      const other = await admitted('male');
      const ordinary = await recorded(other, { type: 'placed', unit: 'отряд 2', hoursWithoutContact: 20 });
      expect(ordinary.findings.map((f) => f.rule)).not.toContain('intl.solitary.definition');
      expect(ordinary.regime.kind).toBe('general');
    });

    test('intl.solitary.health-visits: a day in separation without a visit by health staff is a finding after the day', async () => {
      const stay = await admitted('male');
      await examine(stay);
      expect((await decide(stay, 'punishment-block', 5)).statusCode).toBe(201);
      await recorded(stay, { type: 'health-visit' }, 'medical');
      advance(DAY); // the first day had a visit; the second has none
      await scheduler.tick();
      expect((await read(stay)).findings.map((f) => f.rule)).not.toContain('intl.solitary.health-visits');
      advance(DAY);
      await scheduler.tick();
      const findings = (await read(stay, 'monitor')).findings.filter(
        (f) => f.rule === 'intl.solitary.health-visits',
      );
      expect(findings).toHaveLength(1);
    });

    test('kz.incentives: rewards from the closed list are recorded; anything else is refused', async () => {
      const stay = await admitted('male');
      for (const incentive of ['commendation', 'extra-visits', 'extra-parcels'])
        await recorded(
          stay,
          { type: 'incentive-granted', incentive, note: 'добросовестный труд' },
          'governor',
        );
      const view = await read(stay);
      expect(view.timeline.filter((entry) => entry.type === 'incentive-granted')).toHaveLength(3);
      expect(
        (await record(stay, { type: 'incentive-granted', incentive: 'cash' }, 'governor')).statusCode,
      ).toBe(422);
    });

    test('intl.custody.transfer-notice and kz.complaint.reprisal: an unrequested transfer moves the stay, waits for the family notice, and is watched', async () => {
      const stay = await admitted('male');
      const moved = await recorded(
        stay,
        { type: 'transferred', destinationFacilityId: lifePrison, reason: 'overcrowding' },
        'governor',
      );
      expect(moved.facilityId).toBe(lifePrison);
      expect(moved.clocks).toContainEqual(
        expect.objectContaining({ rule: 'intl.custody.transfer-notice', state: 'running' }),
      );
      const notified = await recorded(stay, {
        type: 'family-notified',
        contact: 'жена, Серикова А.',
        means: 'phone',
      });
      expect(notified.clocks).toContainEqual(
        expect.objectContaining({ rule: 'intl.custody.transfer-notice', state: 'met' }),
      );
      // The destination must be a prison, and not the one holding the person.
      const refused = await record(
        stay,
        { type: 'transferred', destinationFacilityId: h.facilities.astana, reason: 'other' },
        'governor',
      );
      expect(refused.statusCode).toBe(422);
    });

    test('intl.register.minimum and intl.death.report: a death ends the stay with its circumstances and holds the facility’s footage', async () => {
      const stay = await admitted('male');
      const view = await recorded(stay, {
        type: 'died',
        circumstances: 'обнаружен без сознания в камере 14 при утренней проверке',
        cause: 'устанавливается судебно-медицинской экспертизой',
        remainsTo: 'областное бюро СМЭ',
      });
      expect(view.status).toBe('died');
      expect(
        (await record(stay, { type: 'exercise-logged', date: iso().slice(0, 10), minutes: 60 })).statusCode,
      ).toBe(422);
      const holds = await h.app.inject({ url: '/api/v1/evidence-holds', headers: auth('procurator') });
      expect(holds.statusCode, holds.body).toBe(200);
      expect(JSON.stringify(holds.json())).toContain(`prison/${stay}`);
    });

    test('intl.search.women: a personal search of a woman by a male officer is flagged', async () => {
      const stay = await admitted('female');
      const view = await recorded(stay, {
        type: 'search-recorded',
        kind: 'personal',
        searchedBy: 'ст. сержант Ким',
        searcherSex: 'male',
      });
      expect(view.findings).toContainEqual(expect.objectContaining({ rule: 'intl.search.women' }));
    });

    test('kz.admission.medical: clinical results are read by the medical role only', async () => {
      const stay = await admitted('male');
      await recorded(
        stay,
        {
          type: 'medical-examined',
          hivScreening: 'done',
          tbScreening: 'done',
          bodilyHarm: true,
          results: { hiv: 'отрицательный', tb: 'флюорография без патологии' },
        },
        'medical',
      );
      const officerView = JSON.stringify(await read(stay));
      expect(officerView).not.toContain('отрицательный');
      expect(JSON.stringify(await read(stay, 'monitor'))).not.toContain('отрицательный');
      expect(JSON.stringify(await read(stay, 'medical'))).toContain('отрицательный');
      const clock = (await read(stay)).clocks.find((c) => c.rule === 'kz.admission.medical');
      expect(clock?.state).toBe('met');
      // Bodily harm opens a referral for the facility's medical staff.
      const referrals = await h.app.inject({ url: '/api/v1/prison-referrals', headers: auth('medical') });
      expect((referrals.json() as { items: { stayId: string }[] }).items.map((r) => r.stayId)).toContain(
        stay,
      );
      // An officer may not record results.
      const refused = await record(stay, { type: 'medical-examined', results: { hiv: 'x' } });
      expect(refused.statusCode).toBe(403);
    });

    test('kz.complaint.reprisal: a sanction within 90 days of the same person’s complaint is flagged to the monitor and not to the governor', async () => {
      await initSealing(h.dataDir, 'ключ для тестов тюрьмы', {
        kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
      });
      const personId = await person('male');
      const kiosk = (
        await createToken(
          h.store,
          { role: 'kiosk', name: 'kiosk', facilities: [prison], regions: [] },
          'test',
        )
      ).token;
      const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as { publicKey: string };
      const sealed = sealedToWire(
        await sealTo(
          fromBase64(key.publicKey),
          new TextEncoder().encode(
            JSON.stringify({ v: 1, text: 'нет горячей воды', language: 'ru', writtenAt: iso(), media: [] }),
          ),
        ),
      );
      const complaint = await h.app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: { authorization: `Bearer ${kiosk}` },
        payload: {
          facilityId: prison,
          category: 'conditions',
          sealed,
          pin: '4321',
          complainant: { personId },
        },
      });
      expect(complaint.statusCode, complaint.body).toBe(201);
      const reference = (complaint.json() as { reference: string }).reference;
      advance(HOUR);
      const response = await admit(personId);
      expect(response.statusCode, response.body).toBe(201);
      const stay = (response.json() as StayView).id;
      advance(20 * DAY);
      const sanction = await decide(stay, 'reprimand');
      expect(sanction.statusCode, sanction.body).toBe(201);

      const monitor = await h.app.inject({ url: '/api/v1/reprisal-flags', headers: auth('monitor') });
      expect(monitor.statusCode, monitor.body).toBe(200);
      const flags = (
        monitor.json() as { items: { stayId: string; action: string; complaintReference: string | null }[] }
      ).items;
      expect(flags).toContainEqual(
        expect.objectContaining({ stayId: stay, action: 'discipline', complaintReference: reference }),
      );
      expect(JSON.stringify(flags)).not.toContain('горячей');
      const authority = await h.app.inject({
        url: '/api/v1/reprisal-flags',
        headers: auth('complaints-officer'),
      });
      expect(authority.statusCode).toBe(200);
      for (const actor of ['governor', 'officer', 'medical'] as const) {
        const denied = await h.app.inject({ url: '/api/v1/reprisal-flags', headers: auth(actor) });
        expect(denied.statusCode).toBe(403);
      }
      const governorView = JSON.stringify(await read(stay, 'governor'));
      expect(governorView).not.toContain('reprisal');
      expect(governorView).not.toContain(reference);
      // The monitor sees it among the stay's findings and the prison findings; the procurator does not.
      expect((await read(stay, 'monitor')).findings).toContainEqual(
        expect.objectContaining({
          rule: 'kz.complaint.reprisal',
          kind: 'flag',
          detail: expect.stringContaining(reference),
        }),
      );
      const listed = async (actor: Actor) =>
        (
          (
            await h.app.inject({
              url: '/api/v1/prison-findings?rule=kz.complaint.reprisal',
              headers: auth(actor),
            })
          ).json() as {
            items: { stayId: string; rule: string }[];
          }
        ).items;
      expect(await listed('monitor')).toContainEqual(
        expect.objectContaining({ stayId: stay, rule: 'kz.complaint.reprisal' }),
      );
      expect(await listed('procurator')).toEqual([]);
      expect(JSON.stringify(await read(stay, 'procurator'))).not.toContain('kz.complaint.reprisal');
      // A sanction of someone who never complained is not flagged.
      const quiet = await admitted('male');
      expect((await decide(quiet, 'warning')).statusCode).toBe(201);
      const after = (
        await h.app.inject({ url: '/api/v1/reprisal-flags', headers: auth('monitor') })
      ).json() as { items: { stayId: string }[] };
      expect(after.items.map((item) => item.stayId)).not.toContain(quiet);
    });

    test('the prison read models and reprisal flags are rebuilt from the log as they were kept (the scheduler’s next look aside)', async () => {
      const snapshot = async () => ({
        stays: (await h.store.db.selectFrom('prison_stays').selectAll().orderBy('id').execute()).map(
          ({ next_check_at: _next, ...row }) => row,
        ),
        findings: await h.store.db.selectFrom('prison_findings').selectAll().orderBy('seq').execute(),
        referrals: await h.store.db.selectFrom('prison_referrals').selectAll().orderBy('exam_seq').execute(),
        flags: await h.store.db.selectFrom('reprisal_flags').selectAll().orderBy('seq').execute(),
      });
      // Days passed in the tests above without a tick: record what is due first.
      await scheduler.tick();
      const before = await snapshot();
      expect(before.flags.length).toBeGreaterThan(0);
      expect(before.findings.length).toBeGreaterThan(0);
      await h.store.rebuild();
      expect(await snapshot()).toEqual(before);
      // After a rebuild the scheduler looks again and finds nothing new to record.
      const findings = before.findings.length;
      await scheduler.tick();
      expect(await h.store.db.selectFrom('prison_findings').select('seq').execute()).toHaveLength(findings);
    });

    test('random stay events, admissions and checks never make a 500, and a refusal always names its field or rule (property)', async () => {
      const stay = await admitted('female');
      await examine(stay);
      const types = [
        'medical-examined',
        'vulnerability-recorded',
        'vulnerability-ended',
        'placed',
        'breach-reported',
        'discipline-decided',
        'discipline-appealed',
        'appeal-decided',
        'separation-ended',
        'health-visit',
        'exercise-logged',
        'incentive-granted',
        'search-recorded',
        'transferred',
        'family-notified',
        'released',
        'died',
      ];
      const moment = fc.oneof(
        fc.integer({ min: -40 * DAY, max: 2 * DAY }).map((offset) => iso(now + offset)),
        fc.string({ maxLength: 30 }),
      );
      const event = fc.record(
        {
          type: fc.constantFrom(...types, 'nope'),
          at: moment,
          measure: fc.constantFrom('warning', 'punishment-block', 'solitary', 'reduced-diet', 'x', ''),
          days: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constant('7')),
          reason: fc.string({ maxLength: 40 }),
          kind: fc.constantFrom('pregnant', 'juvenile', 'disability', 'personal', 'strip', 'other'),
          from: fc.constantFrom('2026-01-01', '2026-13-01', '2099-01-01', ''),
          date: fc.constantFrom('2026-05-30', '2026-02-30', 'today'),
          minutes: fc.oneof(fc.integer({ min: -10, max: 2000 }), fc.constant(null)),
          hoursWithoutContact: fc.oneof(fc.integer({ min: -1, max: 30 }), fc.double()),
          unit: fc.string({ maxLength: 20 }),
          decisionId: fc.constantFrom('d0', 'd9999', ''),
          outcome: fc.constantFrom('upheld', 'quashed', 'reduced', 'maybe'),
          destinationFacilityId: fc.constantFrom(lifePrison, otherPrison, 'nowhere', prison),
          searcherSex: fc.constantFrom('female', 'male', 'other'),
          searchedBy: fc.string({ maxLength: 20 }),
          contact: fc.string({ maxLength: 20 }),
          means: fc.constantFrom('phone', 'pigeon'),
          incentive: fc.constantFrom('gift', 'cash'),
          circumstances: fc.string({ maxLength: 20 }),
        },
        { requiredKeys: ['type'] },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(event, fc.jsonValue()),
          fc.constantFrom<Actor>('officer', 'governor', 'medical'),
          async (payload, actor) => {
            const response = await h.app.inject({
              method: 'POST',
              url: `/api/v1/prison/stays/${stay}/events`,
              headers: { ...auth(actor), 'content-type': 'application/json' },
              payload: JSON.stringify(payload),
            });
            expect(response.statusCode, JSON.stringify(payload)).toBeLessThan(500);
            if (response.statusCode === 422) {
              const problem = problemOf(response);
              expect(
                problem.rule !== undefined || (problem.issues?.length ?? 0) > 0 || problem.detail.length > 0,
              ).toBe(true);
            }
          },
        ),
        { numRuns: 120 },
      );
      for (const body of ['{"personId":', '[]', 'null', '{"measure":1}']) {
        for (const url of ['/api/v1/prison/admissions', `/api/v1/prison/stays/${stay}/discipline-check`]) {
          const response = await h.app.inject({
            method: 'POST',
            url,
            headers: { ...auth('governor'), 'content-type': 'application/json' },
            payload: body,
          });
          expect(response.statusCode, `${url} ${body}`).toBeLessThan(500);
        }
      }
    });

    test('scope: an officer of another prison gets 403, no token 401, and only the governor decides discipline', async () => {
      const stay = await admitted('male');
      expect(
        (await h.app.inject({ url: `/api/v1/prison/stays/${stay}`, headers: auth('otherOfficer') }))
          .statusCode,
      ).toBe(403);
      expect((await h.app.inject({ url: `/api/v1/prison/stays/${stay}` })).statusCode).toBe(401);
      expect(
        (await record(stay, { type: 'discipline-decided', measure: 'warning', reason: 'x' })).statusCode,
      ).toBe(403);
      expect(
        (await record(stay, { type: 'discipline-decided', measure: 'warning', reason: 'x' }, 'otherGovernor'))
          .statusCode,
      ).toBe(403);
      expect((await admit(await person('male'), prison, 'otherOfficer')).statusCode).toBe(403);
    });

    test('kz.discipline.measures and intl.sanction.prohibited: measures outside the closed list are refused; invalid bodies are 422 naming the field, never 500', async () => {
      const stay = await admitted('male');
      expectRefused(await decide(stay, 'reduced-diet'), 'intl.sanction.prohibited');
      expectRefused(await decide(stay, 'cold-cell'), 'kz.discipline.measures');
      expectRefused(await decide(stay, 'dormitory-removal', 10), 'kz.discipline.measures');
      for (const payload of [
        {},
        { type: 'nope' },
        { type: 'exercise-logged', date: '2026-02-30', minutes: 60 },
        { type: 'discipline-decided', measure: 'warning' },
      ]) {
        const response = await record(stay, payload, 'governor');
        expect(response.statusCode, response.body).toBe(422);
        expect(problemOf(response).rule).toBeUndefined();
      }
    });
  });
}
