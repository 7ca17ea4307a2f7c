import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CustodyView, InterviewView } from '../../src/app/custody-views.js';
import { createToken } from '../../src/app/accounts.js';
import { createPerson } from '../../src/app/registry.js';
import { verifyBundle } from '../../src/ledger/bundle.js';
import { exportBundle } from '../../src/store/export.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * kz.custody.interview through the real HTTP server on both engines (issue 20 item 4): an
 * interview of the detained suspect is recorded by the custody unit with POST
 * /custody/{id}/interviews and answered with its findings, appended with it — before the rights
 * were explained, while requested counsel had not arrived, without a video recording; the episode
 * lists it for the procurator and the monitor, the findings reach the monitor's list, and only a
 * record that cannot be true is refused (422 naming the rule), never an interview for what the
 * rule flags.
 */

const HOUR = 3_600_000;
const START = Date.parse('2026-05-04T06:00:00.000Z');
const SHA = '3f'.repeat(32);

for (const engine of ENGINES) {
  describe(`custody interviews (${engine})`, () => {
    let h: Harness;
    const now = START;
    let custodyId = '';
    const iso = (ms: number) => new Date(ms).toISOString();
    const ago = (hours: number) => iso(now - hours * HOUR);

    const post = (url: string, payload: unknown, headers = h.bearer('custody-officer')) =>
      h.app.inject({ method: 'POST', url, headers, payload: payload as object });
    const interview = (payload: Record<string, unknown>, headers = h.bearer('custody-officer')) =>
      post(`/api/v1/custody/${custodyId}/interviews`, payload, headers);
    const read = async (role: Parameters<Harness['bearer']>[0]): Promise<CustodyView> => {
      const response = await h.app.inject({ url: `/api/v1/custody/${custodyId}`, headers: h.bearer(role) });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as CustodyView;
    };
    const base = {
      interviewer: { name: 'Бекова Алия', position: 'следователь, капитан полиции' },
      present: [{ name: 'Ким Лариса', role: 'interpreter' }],
      interpreter: 'ru',
      caseNumber: '241100031000123',
    };

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      const personId = (
        await createPerson(
          h.store,
          {
            familyName: 'Ермеков',
            givenNames: 'Данияр',
            birthDate: '1990-03-03',
            sex: 'male',
            facilityId: h.facilities.astana,
          },
          'test',
        )
      ).id;
      const arrested = await post('/api/v1/custody', {
        personId,
        facilityId: h.facilities.astana,
        apprehendedAt: ago(5),
        place: 'ул. Кенесары 40, Астана',
        grounds: 'ст. 188 УК РК, кража',
        arrestingOfficer: 'ст. лейтенант Ахметов Б.',
      });
      expect(arrested.statusCode, arrested.body).toBe(201);
      custodyId = (arrested.json() as CustodyView).id;
      const requested = await post(`/api/v1/custody/${custodyId}/events`, {
        type: 'counsel-requested',
        at: ago(4.5),
      });
      expect(requested.statusCode, requested.body).toBe(201);
    });
    afterAll(async () => h?.close());

    test('kz.custody.interview: an interview before the rights, without the requested counsel and unrecorded is recorded (201) with its three findings in the same append', async () => {
      const response = await interview({
        ...base,
        startedAt: ago(4),
        endedAt: ago(3.5),
        counsel: 'not-requested',
        recording: null,
        noRecordingReason: 'видеокамера в кабинете № 4 неисправна',
      });
      expect(response.statusCode, response.body).toBe(201);
      const recorded = response.json() as InterviewView;
      expect(response.headers.location).toBe(
        `/api/v1/custody/${custodyId}#interview-${recorded.interviewId}`,
      );
      expect(recorded).toMatchObject({
        startedAt: ago(4),
        endedAt: ago(3.5),
        interviewer: base.interviewer,
        present: base.present,
        counsel: 'not-requested',
        counselName: null,
        interpreter: 'ru',
        recording: null,
        noRecordingReason: 'видеокамера в кабинете № 4 неисправна',
        caseNumber: '241100031000123',
        recordedAt: iso(now),
      });
      expect(recorded.interviewId).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(recorded.findings.map((finding) => finding.params)).toEqual([
        {
          concern: 'before-rights',
          interviewId: recorded.interviewId,
          startedAt: ago(4),
          rightsExplainedAt: null,
        },
        {
          concern: 'counsel-absent',
          interviewId: recorded.interviewId,
          startedAt: ago(4),
          requestedAt: ago(4.5),
          counsel: 'not-requested',
        },
        { concern: 'not-recorded', interviewId: recorded.interviewId, startedAt: ago(4) },
      ]);
      // One append: the findings follow the interview's entry in the log, recorded at the same moment.
      expect(recorded.findings.map((finding) => finding.seq)).toEqual([
        recorded.seq + 1,
        recorded.seq + 2,
        recorded.seq + 3,
      ]);
      for (const finding of recorded.findings)
        expect(finding).toMatchObject({
          rule: 'kz.custody.interview',
          kind: 'flag',
          at: ago(4),
          pack: 'kz',
          packVersion: '2026.1',
          recordedAt: iso(now),
        });
    });

    test('kz.custody.interview: the procurator and the monitor read the interview and its findings in the episode; the findings reach the monitor’s list', async () => {
      for (const role of ['procurator', 'monitor', 'custody-officer'] as const) {
        const view = await read(role);
        expect(view.interviews, role).toHaveLength(1);
        expect(
          view.interviews[0]?.findings.map((finding) => (finding.params as { concern: string }).concern),
        ).toEqual(['before-rights', 'counsel-absent', 'not-recorded']);
        // The timeline shows the entry at the moment the interview began.
        expect(view.timeline.find((entry) => entry.type === 'interview-recorded')?.at).toBe(ago(4));
      }
      const list = await h.app.inject({
        url: '/api/v1/custody-findings?rule=kz.custody.interview',
        headers: h.bearer('monitor'),
      });
      expect(list.statusCode, list.body).toBe(200);
      const items = (list.json() as { items: { custodyId: string; params?: { concern: string } }[] }).items;
      expect(items.map((item) => item.params?.concern).sort()).toEqual([
        'before-rights',
        'counsel-absent',
        'not-recorded',
      ]);
      expect(items.every((item) => item.custodyId === custodyId)).toBe(true);
    });

    test('kz.custody.interview: after the rights and with counsel arrived, a recorded interview has no finding', async () => {
      for (const event of [
        { type: 'rights-explained', at: ago(3.4), language: 'kk', method: 'written' },
        { type: 'counsel-arrived', at: ago(3.2), counsel: 'Жумабаев Ерлан' },
      ]) {
        const response = await post(`/api/v1/custody/${custodyId}/events`, event);
        expect(response.statusCode, response.body).toBe(201);
      }
      const response = await interview({
        ...base,
        startedAt: '2026-05-04T10:00:00+05:00',
        endedAt: '2026-05-04T10:45:00+05:00',
        present: [
          { name: 'Жумабаев Ерлан', role: 'counsel' },
          { name: 'Ким Лариса', role: 'interpreter' },
        ],
        counsel: 'present',
        counselName: 'Жумабаев Ерлан',
        recording: { sha256: SHA, size: 734_003_200, mediaType: 'video/mp4' },
      });
      expect(response.statusCode, response.body).toBe(201);
      const recorded = response.json() as InterviewView;
      expect(recorded).toMatchObject({
        startedAt: ago(1),
        endedAt: ago(0.25),
        counsel: 'present',
        counselName: 'Жумабаев Ерлан',
        recording: { sha256: SHA, size: 734_003_200, mediaType: 'video/mp4' },
        noRecordingReason: null,
        findings: [],
      });
      expect((await read('procurator')).interviews.map((item) => item.findings.length)).toEqual([3, 0]);
    });

    test('kz.custody.interview: a waiver in writing after the request is not flagged, whatever counsel’s arrival', async () => {
      const response = await interview({
        ...base,
        startedAt: ago(0.9),
        endedAt: ago(0.8),
        counsel: 'waived-in-writing',
        recording: { sha256: SHA, size: 1, mediaType: 'video/webm' },
      });
      expect(response.statusCode, response.body).toBe(201);
      expect((response.json() as InterviewView).findings).toEqual([]);
    });

    test('kz.custody.actual-time, kz.custody.interview: only a record that cannot be true is refused (422 naming the rule, with the reason as data)', async () => {
      const cases: [Record<string, unknown>, string, string, string][] = [
        [
          { startedAt: ago(0.5), endedAt: iso(now + HOUR) },
          'kz.custody.actual-time',
          'moment.future',
          'endedAt',
        ],
        [
          { startedAt: ago(6), endedAt: ago(4.8) },
          'kz.custody.actual-time',
          'moment.before-apprehension',
          'startedAt',
        ],
        [
          { startedAt: ago(0.5), endedAt: ago(0.6) },
          'kz.custody.interview',
          'interview.end-before-start',
          'endedAt',
        ],
        [
          { startedAt: ago(0.5), endedAt: ago(0.4), counsel: 'present' },
          'kz.custody.interview',
          'interview.counsel-name',
          'counselName',
        ],
        [
          { startedAt: ago(0.5), endedAt: ago(0.4), recording: null },
          'kz.custody.interview',
          'interview.no-recording-reason',
          'noRecordingReason',
        ],
      ];
      const before = (await read('custody-officer')).version;
      for (const [change, rule, code] of cases) {
        const response = await interview({
          ...base,
          counsel: 'not-requested',
          recording: { sha256: SHA, size: 10, mediaType: 'video/mp4' },
          ...change,
        });
        expect(response.statusCode, JSON.stringify(change)).toBe(422);
        const problem = problemOf(response) as ReturnType<typeof problemOf> & { code?: string };
        expect(problem.rule, JSON.stringify(change)).toBe(rule);
        expect(problem.code, JSON.stringify(change)).toBe(code);
      }
      // Nothing was written by any of them.
      expect((await read('custody-officer')).version).toBe(before);
    });

    test('kz.custody.interview: a malformed body is 422 at the edge, by field', async () => {
      const valid = {
        ...base,
        startedAt: ago(0.5),
        endedAt: ago(0.4),
        counsel: 'not-requested',
        recording: { sha256: SHA, size: 10, mediaType: 'video/mp4' },
      };
      const bad: [Record<string, unknown>, string][] = [
        [
          { recording: { sha256: SHA.toUpperCase(), size: 10, mediaType: 'video/mp4' } },
          'body.recording.sha256',
        ],
        [{ recording: { sha256: SHA, size: 0, mediaType: 'video/mp4' } }, 'body.recording.size'],
        [{ present: [{ name: 'Сергеев', role: 'guard' }] }, 'body.present.0.role'],
        [{ counsel: 'maybe' }, 'body.counsel'],
        [{ startedAt: '2026-05-04T10:00:00' }, 'body.startedAt'],
        [{ caseNumber: '9'.repeat(65) }, 'body.caseNumber'],
        [{ interviewer: { name: 'Бекова' } }, 'body.interviewer.position'],
        [{ unexpected: true }, 'body'],
      ];
      for (const [change, field] of bad) {
        const response = await interview({ ...valid, ...change });
        expect(response.statusCode, JSON.stringify(change)).toBe(422);
        expect(
          problemOf(response).issues?.map((issue) => issue.field),
          JSON.stringify(change),
        ).toContain(field);
      }
    });

    test('kz.custody.interview: only the custody unit that holds the person records an interview', async () => {
      const body = {
        ...base,
        startedAt: ago(0.5),
        endedAt: ago(0.4),
        counsel: 'not-requested',
        recording: { sha256: SHA, size: 10, mediaType: 'video/mp4' },
      };
      for (const role of ['judge', 'procurator', 'monitor', 'medical'] as const)
        expect((await interview(body, h.bearer(role))).statusCode, role).toBe(403);
      const elsewhere = await createToken(
        h.store,
        {
          role: 'custody-officer',
          name: 'Almaty officer',
          facilities: [h.facilities.almatyWomen],
          regions: [],
        },
        'test',
      );
      expect((await interview(body, { authorization: `Bearer ${elsewhere.token}` })).statusCode).toBe(403);
      expect((await interview(body, {} as { authorization: string })).statusCode).toBe(401);
      const missing = await post('/api/v1/custody/no-such-episode/interviews', body);
      expect(missing.statusCode).toBe(404);
    });

    test('kz.custody.interview: the interview and its findings are entries of the log that verify after export', async () => {
      const lines: string[] = [];
      await exportBundle(h.store, (line) => void lines.push(line), { payloads: true });
      const interviews = lines.filter((line) => line.includes('"type":"interview-recorded"'));
      expect(interviews).toHaveLength(3);
      expect(interviews.some((line) => line.includes(SHA))).toBe(true);
      expect(await verifyBundle(lines, { key: h.store.verifierKey })).toMatchObject({ ok: true });
    });
  });
}
