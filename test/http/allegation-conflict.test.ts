import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createToken } from '../../src/app/accounts.js';
import type {
  AllegationSummary,
  ComplaintReceipt,
  ComplaintSummary,
  JudgeAllegationSummary,
} from '../../src/app/complaint-views.js';
import { ClockScheduler } from '../../src/clocks/scheduler.js';
import { fromEntry } from '../../src/domain/complaints/envelope.js';
import { fromBase64 } from '../../src/ledger/hash.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { sealedToWire, sealTo } from '../../src/sealing/seal.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * kz.allegation.conflict (seed ¶5) through the real HTTP server on both engines: a complaint about
 * the actions of the procurator's own office goes to the investigating judge — of the complaint's
 * facility's region — and never reaches any procurator: not their list, count, inbox, view or
 * sealed copy, and no procurator records a decision on it (422 naming the rule). The judge of the
 * region sees it and records the order to investigate; a judge of another region does not see it.
 */

const HOUR = 3_600_000;
const START = Date.parse('2026-06-01T04:00:00.000Z');
const PASSPHRASE = 'жалобы идут прямо в центр';
const PROCURATOR_PASSPHRASE = 'прокуратура читает своим ключом';
const TEST_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const ABOUT_PROCURATORS = { office: 'procurator', region: 'KZ-71' } as const;

for (const engine of ENGINES) {
  describe(`kz.allegation.conflict (${engine})`, () => {
    let h: Harness;
    let now = START;
    let scheduler: ClockScheduler;
    const iso = (ms: number = now) => new Date(ms).toISOString();
    /** Astana's procurator and judges, and Almaty's judge (national tokens are the harness's own). */
    const tokens: Record<'procurator@astana' | 'judge@astana' | 'judge@almaty', string> = {
      'procurator@astana': '',
      'judge@astana': '',
      'judge@almaty': '',
    };
    type Who = Parameters<Harness['bearer']>[0] | keyof typeof tokens;
    const headers = (who: Who) =>
      who in tokens
        ? { authorization: `Bearer ${tokens[who as keyof typeof tokens]}` }
        : h.bearer(who as Parameters<Harness['bearer']>[0]);
    const get = (url: string, who: Who) => h.app.inject({ url, headers: headers(who) });
    const post = (url: string, who: Who, payload: unknown) =>
      h.app.inject({ method: 'POST', url, headers: headers(who), payload: payload as object });

    async function sealed(text: string, recipient: 'authority' | 'procurator' = 'authority') {
      const url = recipient === 'procurator' ? '/api/v1/sealing/procurator-key' : '/api/v1/sealing/key';
      const key = (await h.app.inject({ url })).json() as { publicKey: string };
      const content = { v: 1, text, language: 'ru', writtenAt: iso(), media: [] };
      return sealedToWire(
        await sealTo(fromBase64(key.publicKey), new TextEncoder().encode(JSON.stringify(content))),
      );
    }

    async function complain(text: string, extra: Record<string, unknown>): Promise<string> {
      const response = await post('/api/v1/complaints', 'kiosk', {
        facilityId: h.facilities.astana,
        category: 'torture-or-ill-treatment',
        sealed: await sealed(text),
        pin: '2468',
        ...extra,
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as ComplaintReceipt).reference;
    }

    const allegations = async (who: Who) => {
      const response = await get('/api/v1/allegations', who);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: AllegationSummary[] }).items.map((item) => item.reference);
    };
    const inbox = async (who: Who) => {
      const response = await get('/api/v1/complaints', who);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: ComplaintSummary[] }).items;
    };
    const judgeList = async (who: Who) => {
      const response = await get('/api/v1/judge/allegations', who);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: JudgeAllegationSummary[] }).items;
    };

    let conflict = '';
    let ordinary = '';

    beforeAll(async () => {
      h = await startHarness(engine, {
        clock: () => new Date(now),
        unlockRateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
      });
      scheduler = new ClockScheduler(h.app.habeas, { clock: () => new Date(now) });
      await initSealing(h.dataDir, PASSPHRASE, { kdf: TEST_KDF });
      await initSealing(h.dataDir, PROCURATOR_PASSPHRASE, { kdf: TEST_KDF, recipient: 'procurator' });
      const token = async (role: 'procurator' | 'judge', regions: string[]) =>
        (
          await createToken(
            h.store,
            { role, name: `${role} ${regions.join()}`, facilities: [], regions },
            'test',
          )
        ).token;
      tokens['procurator@astana'] = await token('procurator', ['KZ-71']);
      tokens['judge@astana'] = await token('judge', ['KZ-AST']);
      tokens['judge@almaty'] = await token('judge', ['KZ-75']);
      for (const who of ['procurator', 'procurator@astana'] as const) {
        const unlocked = await post('/api/v1/sealing/unlock', who, { passphrase: PROCURATOR_PASSPHRASE });
        expect(unlocked.statusCode, unlocked.body).toBe(204);
      }
      // A torture allegation about the procurator's own office, and an ordinary one.
      conflict = await complain('Прокурор угрожал мне на допросе', { concerns: ABOUT_PROCURATORS });
      ordinary = await complain('Избили в дежурной части', {
        sealedFor: { procurator: await sealed('Избили в дежурной части', 'procurator') },
      });
    });
    afterAll(async () => h?.close());

    test('kz.allegation.conflict: a complaint about the procurator’s office is never sealed to the procurator’s key (422 naming the rule)', async () => {
      const refused = await post('/api/v1/complaints', 'kiosk', {
        facilityId: h.facilities.astana,
        category: 'torture-or-ill-treatment',
        sealed: await sealed('Прокурор угрожал'),
        sealedFor: { procurator: await sealed('Прокурор угрожал', 'procurator') },
        concerns: ABOUT_PROCURATORS,
        pin: '2468',
      });
      expect(refused.statusCode).toBe(422);
      expect(problemOf(refused)).toMatchObject({ rule: 'kz.allegation.conflict' });
      // Its stream holds only the authority's copy, under the one public type every complaint entry has.
      const row = await h.store.db
        .selectFrom('complaints')
        .select(['id', 'allegation', 'status'])
        .where('reference', '=', conflict)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ allegation: 2, status: 'referred-to-investigating-judge' });
      const history = await h.store.readStream(`complaint/${row.id}`);
      expect(new Set(history.map((stored) => stored.entry.type))).toEqual(new Set(['complaint-entry']));
      const [submitted, routed] = history.map((stored) =>
        fromEntry({ type: stored.entry.type, payload: stored.payload }),
      );
      expect(submitted?.payload).not.toHaveProperty('sealedFor');
      expect(routed?.payload).toMatchObject({ to: 'investigating-judge', rule: 'kz.allegation.conflict' });
    });

    test('kz.allegation.conflict: no procurator lists, counts, opens or decides it — national or of the region', async () => {
      for (const who of ['procurator', 'procurator@astana'] as const) {
        const listed = await allegations(who);
        expect(listed).toContain(ordinary);
        expect(listed).not.toContain(conflict);
        expect((await inbox(who)).map((item) => item.reference)).not.toContain(conflict);
        expect((await inbox(who)).map((item) => item.reference)).toContain(ordinary);
        // By its reference: the 403 any complaint that is not the procurator's allegation gets.
        const opened = await get(`/api/v1/complaints/${conflict}`, who);
        expect(opened.statusCode).toBe(403);
        expect(problemOf(opened).rule).toBe('kz.torture.referral');
        // No decision and no outcome: refused naming the rule, with the office as data.
        const decided = await post(`/api/v1/allegations/${conflict}/decisions`, who, {
          decision: 'investigation-opened',
        });
        expect(decided.statusCode).toBe(422);
        expect(JSON.parse(decided.body)).toMatchObject({
          rule: 'kz.allegation.conflict',
          code: 'allegation.conflict',
          params: { office: 'procurator', region: 'KZ-71' },
        });
        const outcome = await post(`/api/v1/allegations/${conflict}/outcomes`, who, {
          kind: 'evidence-excluded',
          at: iso(now - HOUR),
          description: 'признание',
        });
        expect(outcome.statusCode).toBe(422);
        expect(problemOf(outcome).rule).toBe('kz.allegation.conflict');
        // The judge's list is not the procurator's.
        expect((await get('/api/v1/judge/allegations', who)).statusCode).toBe(403);
        expect((await get(`/api/v1/judge/allegations/${conflict}`, who)).statusCode).toBe(403);
      }
      // Nor through the pages: the procurator's list, its count, and the allegation's own page (404).
      const session = await h.session('procurator', { regions: ['KZ-71'] });
      const page = await h.app.inject({ url: '/allegations', headers: { cookie: session.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(ordinary);
      expect(page.body).not.toContain(conflict);
      const csv = await h.app.inject({ url: '/allegations?format=csv', headers: { cookie: session.cookie } });
      expect(csv.body).not.toContain(conflict);
      expect(csv.body.trim().split('\n')).toHaveLength(2);
      const direct = await h.app.inject({
        url: `/allegations/${conflict}`,
        headers: { cookie: session.cookie },
      });
      expect(direct.statusCode).toBe(404);
      expect(
        (await h.app.inject({ url: '/judge/allegations', headers: { cookie: session.cookie } })).statusCode,
      ).toBe(403);
    });

    test('kz.allegation.conflict: the judge of the facility’s region sees it — the facts, no text — and records the order at once', async () => {
      for (const who of ['judge', 'judge@astana'] as const) {
        const items = await judgeList(who);
        expect(items.map((item) => item.reference)).toEqual([conflict]);
        expect(items[0]).toMatchObject({
          reference: conflict,
          source: 'kiosk',
          facilityId: h.facilities.astana,
          category: 'torture-or-ill-treatment',
          status: 'referred-to-investigating-judge',
          concerns: ABOUT_PROCURATORS,
          routedAt: iso(START),
          rerouted: null,
          orderDueAt: iso(START + 24 * HOUR),
          orders: [],
        });
        expect(items[0]).not.toHaveProperty('content');
        expect(JSON.stringify(items[0])).not.toContain('угрожал');
      }
      const one = await get(`/api/v1/judge/allegations/${conflict}`, 'judge@astana');
      expect(one.statusCode, one.body).toBe(200);
      // A complaint that is not with the judge is 404 to the judge, whatever it is.
      expect((await get(`/api/v1/judge/allegations/${ordinary}`, 'judge@astana')).statusCode).toBe(404);
      now += 2 * HOUR;
      const future = await post(`/api/v1/judge/allegations/${conflict}/order`, 'judge@astana', {
        orderedAt: iso(now + HOUR),
        investigateBy: 'Агентство по противодействию коррупции, г. Астана',
      });
      expect(future.statusCode).toBe(422);
      expect(problemOf(future).rule).toBe('kz.allegation.conflict');
      const ordered = await post(`/api/v1/judge/allegations/${conflict}/order`, 'judge@astana', {
        orderedAt: iso(now - HOUR),
        investigateBy: 'Агентство по противодействию коррупции, г. Астана',
        caseNumber: '267100031000123',
      });
      expect(ordered.statusCode, ordered.body).toBe(201);
      expect(ordered.json()).toMatchObject({
        status: 'under-investigation',
        caseNumber: '267100031000123',
        orders: [
          {
            orderedAt: iso(now - HOUR),
            investigateBy: 'Агентство по противодействию коррупции, г. Астана',
            caseNumber: '267100031000123',
          },
        ],
        clocks: [{ rule: 'kz.allegation.conflict', state: 'met' }],
      });
      // The complainant's status lookup says it is being investigated; the procurator still sees nothing.
      const status = await get(`/api/v1/complaints/${conflict}/status?pin=2468`, 'kiosk');
      expect(status.json()).toMatchObject({ status: 'under-investigation' });
      expect(await allegations('procurator@astana')).not.toContain(conflict);
    });

    test('kz.allegation.conflict: the judge of another region neither sees it nor orders on it (403)', async () => {
      expect(await judgeList('judge@almaty')).toEqual([]);
      expect((await get(`/api/v1/judge/allegations/${conflict}`, 'judge@almaty')).statusCode).toBe(403);
      const order = await post(`/api/v1/judge/allegations/${conflict}/order`, 'judge@almaty', {
        orderedAt: iso(now - HOUR),
        investigateBy: 'ДВД г. Алматы',
      });
      expect(order.statusCode).toBe(403);
      expect(problemOf(order).rule).toBe('kz.allegation.conflict');
      const filtered = await get(`/api/v1/judge/allegations?facility=${h.facilities.astana}`, 'judge@almaty');
      expect(filtered.statusCode).toBe(403);
    });

    test('kz.allegation.conflict: the complaints authority reroutes a complaint it read — the procurator’s allegation leaves the procurator’s list — and records one received on paper', async () => {
      const rerouted = await post(`/api/v1/complaints/${ordinary}/route`, 'complaints-officer', {
        to: 'investigating-judge',
        concerns: { office: 'investigator', region: 'KZ-AST' },
        reason: 'В жалобе описаны угрозы следователя на допросе',
      });
      expect(rerouted.statusCode, rerouted.body).toBe(201);
      expect(rerouted.json()).toMatchObject({
        status: 'referred-to-investigating-judge',
        withJudge: {
          concerns: { office: 'investigator', region: 'KZ-71' },
          rerouted: { from: 'torture-or-ill-treatment' },
        },
      });
      expect(await allegations('procurator')).not.toContain(ordinary);
      expect(
        (
          await post(`/api/v1/allegations/${ordinary}/decisions`, 'procurator', {
            decision: 'joined',
            caseNumber: '1',
          })
        ).statusCode,
      ).toBe(422);
      const again = await post(`/api/v1/complaints/${ordinary}/route`, 'complaints-officer', {
        to: 'investigating-judge',
        concerns: ABOUT_PROCURATORS,
        reason: 'ещё раз',
      });
      expect(again.statusCode).toBe(422);
      expect(problemOf(again).rule).toBe('kz.allegation.conflict');
      // The authority does not answer it; nor does it go back to the procurator.
      expect(
        (await post(`/api/v1/complaints/${ordinary}/answer`, 'complaints-officer', { answer: 'Ответ' }))
          .statusCode,
      ).toBe(422);
      const back = await post(`/api/v1/complaints/${ordinary}/route`, 'complaints-officer', {
        to: 'procurator',
        reason: 'обратно',
      });
      expect(back.statusCode).toBe(422);
      expect(problemOf(back).rule).toBe('kz.allegation.conflict');

      const received = await post('/api/v1/complaints/received', 'complaints-officer', {
        facilityId: h.facilities.astana,
        channel: 'lawyer',
        category: 'other',
        text: 'Следователь применил незаконные методы допроса',
        concerns: { office: 'investigator', region: 'KZ-71' },
      });
      expect(received.statusCode, received.body).toBe(201);
      const paper = (received.json() as { reference: string }).reference;
      const listed = (await judgeList('judge@astana')).map((item) => item.reference);
      expect(listed).toEqual(expect.arrayContaining([conflict, ordinary, paper]));
      expect(await judgeList('judge@almaty')).toEqual([]);
      expect(await allegations('procurator')).not.toContain(paper);
      // The complainant's lookup: with the investigating judge.
      const status = await get(`/api/v1/complaints/${ordinary}/status?pin=2468`, 'kiosk');
      expect(status.json()).toMatchObject({ status: 'referred-to-investigating-judge' });
    });

    test('kz.allegation.conflict: no order within 24 h is a breach the scheduler records, which the judge sees', async () => {
      now += 25 * HOUR;
      await scheduler.tick();
      const items = await judgeList('judge@astana');
      const late = items.find((item) => item.reference === ordinary);
      expect(late?.findings).toEqual([
        expect.objectContaining({
          rule: 'kz.allegation.conflict',
          kind: 'breach',
          params: { hours: 24, routedAt: late?.routedAt, office: 'investigator', region: 'KZ-71' },
        }),
      ]);
      // The one ordered in time has none.
      expect(items.find((item) => item.reference === conflict)?.findings).toEqual([]);
    });
  });
}
