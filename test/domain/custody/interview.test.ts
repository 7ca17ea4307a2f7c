import { describe, expect, test } from 'vitest';
import type { RecordInterview } from '../../../src/domain/custody/commands.js';
import type { FindingRecorded } from '../../../src/domain/custody/events.js';
import type { InterviewInput } from '../../../src/domain/custody/inputs.js';
import { InterviewInput as InterviewSchema } from '../../../src/domain/custody/inputs.js';
import { KZ_PACK } from '../../../src/rules/kz/index.js';
import { correct, given, hoursAfter, lastOf, openCustody, record, T0 } from './given.js';

/*
 * kz.custody.interview (seed ¶7, ¶39): an interview of the detained suspect is recorded as it
 * happened, with a finding when it began before the rights were explained, while requested
 * counsel had not arrived (unless the suspect waived counsel in writing), or without a video
 * recording. These are findings, never refusals; refusals are for a record that cannot be true.
 */

const SHA = 'a'.repeat(64);

function interviewInput(overrides: Partial<InterviewInput> = {}): InterviewInput {
  return {
    startedAt: hoursAfter(2),
    endedAt: hoursAfter(3),
    interviewer: { name: 'Бекова А.', position: 'следователь, капитан полиции' },
    present: [{ name: 'Ким Л.', role: 'interpreter' }],
    counsel: 'not-requested',
    interpreter: 'ru',
    recording: { sha256: SHA, size: 734_003_200, mediaType: 'video/mp4' },
    caseNumber: '241100031000123',
    ...overrides,
  };
}

function interview(
  overrides: Partial<InterviewInput> = {},
  now = hoursAfter(4),
  interviewId = 'iv1',
): RecordInterview {
  return { type: 'record-interview', interviewId, input: interviewInput(overrides), now, actor: 'officer-1' };
}

const rightsAt = (hours: number) =>
  record(
    { type: 'rights-explained', at: hoursAfter(hours), language: 'ru', method: 'written' },
    hoursAfter(hours),
  );

const interviewFindings = (findings: FindingRecorded['payload'][]) =>
  findings.filter((finding) => finding.rule === 'kz.custody.interview');

describe('kz.custody.interview', () => {
  test('kz.custody.interview: the rule is in the kz pack as a flag citing seed ¶7 and ¶39', () => {
    expect(KZ_PACK.rules['kz.custody.interview']).toMatchObject({
      id: 'kz.custody.interview',
      pack: 'kz',
      kind: 'flag',
      source: 'seed ¶7, ¶39',
    });
  });

  test('kz.custody.interview: an interview after the rights, with counsel not requested and a recording, is recorded with no finding', () => {
    const then = given([openCustody(), rightsAt(0.5)]).when(interview());
    const [recorded] = then.events();
    expect(recorded).toEqual({
      type: 'interview-recorded',
      payload: {
        interviewId: 'iv1',
        startedAt: hoursAfter(2),
        endedAt: hoursAfter(3),
        interviewer: { name: 'Бекова А.', position: 'следователь, капитан полиции' },
        present: [{ name: 'Ким Л.', role: 'interpreter' }],
        counsel: 'not-requested',
        counselName: null,
        interpreter: 'ru',
        recording: { sha256: SHA, size: 734_003_200, mediaType: 'video/mp4' },
        noRecordingReason: null,
        caseNumber: '241100031000123',
        recordedAt: hoursAfter(4),
      },
    });
    expect(interviewFindings(then.findings())).toEqual([]);
  });

  test('kz.custody.interview: an interview begun before the rights were explained is recorded, flagged in the same decision, with when they were', () => {
    const scenario = given([openCustody(), rightsAt(2.5)]);
    const then = scenario.when(interview());
    expect(then.events()[0]?.type).toBe('interview-recorded');
    expect(interviewFindings(then.findings())).toEqual([
      {
        key: 'kz.custody.interview@iv1/before-rights',
        rule: 'kz.custody.interview',
        kind: 'flag',
        at: hoursAfter(2),
        detail: `interview iv1 begun at ${hoursAfter(2)} before the rights were explained at ${hoursAfter(2.5)}`,
        params: {
          concern: 'before-rights',
          interviewId: 'iv1',
          startedAt: hoursAfter(2),
          rightsExplainedAt: hoursAfter(2.5),
        },
        pack: 'kz',
        packVersion: '2026.1',
      },
    ]);
  });

  test('kz.custody.interview: rights never explained flag the interview, saying none is recorded', () => {
    const findings = interviewFindings(given([openCustody()]).when(interview()).findings());
    expect(findings.map((finding) => finding.params)).toEqual([
      { concern: 'before-rights', interviewId: 'iv1', startedAt: hoursAfter(2), rightsExplainedAt: null },
    ]);
  });

  test('kz.custody.interview: rights explained exactly when the interview began are before it', () => {
    expect(
      interviewFindings(
        given([openCustody(), rightsAt(2)])
          .when(interview())
          .findings(),
      ),
    ).toEqual([]);
  });

  test('kz.custody.interview: a correction that moves the rights later than the interview makes the next interview flagged (corrections never help)', () => {
    let scenario = given([openCustody(), rightsAt(0.5)]);
    const rights = lastOf(scenario.state, 'rights-explained');
    scenario = scenario.then(correct(rights!.seq, 'at', '2026-03-10T13:30:00+05:00', hoursAfter(4)));
    const findings = interviewFindings(scenario.when(interview({}, hoursAfter(5))).findings());
    expect(findings.map((finding) => finding.params)).toEqual([
      {
        concern: 'before-rights',
        interviewId: 'iv1',
        startedAt: hoursAfter(2),
        rightsExplainedAt: hoursAfter(2.5),
      },
    ]);
  });

  test('kz.custody.interview: counsel requested and not arrived by the start flags the interview', () => {
    const findings = interviewFindings(
      given([
        openCustody(),
        rightsAt(0.5),
        record({ type: 'counsel-requested', at: hoursAfter(1) }, hoursAfter(1)),
      ])
        .when(interview())
        .findings(),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        key: 'kz.custody.interview@iv1/counsel-absent',
        at: hoursAfter(2),
        params: {
          concern: 'counsel-absent',
          interviewId: 'iv1',
          startedAt: hoursAfter(2),
          requestedAt: hoursAfter(1),
          counsel: 'not-requested',
        },
      }),
    ]);
  });

  test('kz.custody.interview: counsel who arrived after the start does not meet it', () => {
    const findings = interviewFindings(
      given([
        openCustody(),
        rightsAt(0.5),
        record({ type: 'counsel-requested', at: hoursAfter(1) }, hoursAfter(1)),
        record({ type: 'counsel-arrived', at: hoursAfter(2.5), counsel: 'Жумабаев Е.' }, hoursAfter(2.5)),
      ])
        .when(interview({ counsel: 'present', counselName: 'Жумабаев Е.' }))
        .findings(),
    );
    expect(findings.map((finding) => finding.params)).toEqual([
      {
        concern: 'counsel-absent',
        interviewId: 'iv1',
        startedAt: hoursAfter(2),
        requestedAt: hoursAfter(1),
        counsel: 'present',
      },
    ]);
  });

  test('kz.custody.interview: counsel who arrived before the start meets the request', () => {
    const findings = interviewFindings(
      given([
        openCustody(),
        rightsAt(0.5),
        record({ type: 'counsel-requested', at: hoursAfter(1) }, hoursAfter(1)),
        record({ type: 'counsel-arrived', at: hoursAfter(1.5), counsel: 'Жумабаев Е.' }, hoursAfter(1.5)),
      ])
        .when(interview({ counsel: 'present', counselName: 'Жумабаев Е.' }))
        .findings(),
    );
    expect(findings).toEqual([]);
  });

  test('kz.custody.interview: a second request after counsel came and went is unanswered again', () => {
    const findings = interviewFindings(
      given([
        openCustody(),
        rightsAt(0.5),
        record({ type: 'counsel-requested', at: hoursAfter(0.6) }, hoursAfter(0.6)),
        record({ type: 'counsel-arrived', at: hoursAfter(0.8), counsel: 'Жумабаев Е.' }, hoursAfter(0.8)),
        record({ type: 'counsel-requested', at: hoursAfter(1.5) }, hoursAfter(1.5)),
      ])
        .when(interview())
        .findings(),
    );
    expect(findings.map((finding) => finding.params)).toEqual([
      expect.objectContaining({ concern: 'counsel-absent', requestedAt: hoursAfter(1.5) }),
    ]);
  });

  test('kz.custody.interview: counsel waived in writing after the request is not flagged', () => {
    const findings = interviewFindings(
      given([
        openCustody(),
        rightsAt(0.5),
        record({ type: 'counsel-requested', at: hoursAfter(1) }, hoursAfter(1)),
      ])
        .when(interview({ counsel: 'waived-in-writing' }))
        .findings(),
    );
    expect(findings).toEqual([]);
  });

  test('kz.custody.interview: a request made after the interview began does not flag it', () => {
    const findings = interviewFindings(
      given([
        openCustody(),
        rightsAt(0.5),
        record({ type: 'counsel-requested', at: hoursAfter(2.5) }, hoursAfter(2.5)),
      ])
        .when(interview())
        .findings(),
    );
    expect(findings).toEqual([]);
  });

  test('kz.custody.interview: an interview without a recording is recorded with its reason, and flagged', () => {
    const then = given([openCustody(), rightsAt(0.5)]).when(
      interview({ recording: null, noRecordingReason: 'камера в кабинете № 4 неисправна' }),
    );
    expect(then.events()[0]).toMatchObject({
      type: 'interview-recorded',
      payload: { recording: null, noRecordingReason: 'камера в кабинете № 4 неисправна' },
    });
    expect(interviewFindings(then.findings())).toEqual([
      expect.objectContaining({
        key: 'kz.custody.interview@iv1/not-recorded',
        kind: 'flag',
        params: { concern: 'not-recorded', interviewId: 'iv1', startedAt: hoursAfter(2) },
      }),
    ]);
  });

  test('kz.custody.interview: all three at once are three findings, each once, in the same decision', () => {
    const then = given([
      openCustody(),
      record({ type: 'counsel-requested', at: hoursAfter(1) }, hoursAfter(1)),
    ]).when(interview({ recording: null, noRecordingReason: 'не записывали' }));
    expect(interviewFindings(then.findings()).map((finding) => finding.key)).toEqual([
      'kz.custody.interview@iv1/before-rights',
      'kz.custody.interview@iv1/counsel-absent',
      'kz.custody.interview@iv1/not-recorded',
    ]);
    // The same interview id again decides nothing: it is recorded once.
    expect(
      then
        .and()
        .when(interview({}, hoursAfter(5)))
        .events(),
    ).toEqual([]);
  });

  test('kz.custody.interview: each interview is judged on its own (a second one after the rights is not flagged)', () => {
    const scenario = given([openCustody()]).then(interview()).then(rightsAt(3.5));
    const second = scenario.when(
      interview({ startedAt: hoursAfter(4), endedAt: hoursAfter(4.5) }, hoursAfter(5), 'iv2'),
    );
    expect(interviewFindings(second.findings())).toEqual([]);
    expect(scenario.state.findings.map((recorded) => recorded.finding.key)).toContain(
      'kz.custody.interview@iv1/before-rights',
    );
  });

  test('kz.custody.interview: an interview may be recorded after the person left, if it began while they were held', () => {
    const scenario = given([
      openCustody(),
      rightsAt(0.5),
      record({ type: 'released', at: hoursAfter(5) }, hoursAfter(5)),
    ]);
    expect(scenario.when(interview({}, hoursAfter(6))).events()[0]?.type).toBe('interview-recorded');
    scenario
      .when(interview({ startedAt: hoursAfter(5.5), endedAt: hoursAfter(5.8) }, hoursAfter(6)))
      .thenRefuses({
        rule: 'kz.custody.interview',
        field: 'startedAt',
        reason: {
          code: 'interview.after-custody',
          params: { startedAt: hoursAfter(5.5), leftAt: hoursAfter(5) },
        },
      } as never);
  });
});

describe('kz.custody.interview: refusals are for a record that cannot be true or is incomplete', () => {
  const scenario = given([openCustody(), rightsAt(0.5)]);

  test('kz.custody.actual-time: a start or an end in the future is refused with the moment', () => {
    scenario
      .when(interview({ startedAt: hoursAfter(3), endedAt: hoursAfter(5) }, hoursAfter(4)))
      .thenRefuses({
        rule: 'kz.custody.actual-time',
        field: 'endedAt',
        reason: { code: 'moment.future', params: { at: hoursAfter(5) } },
      } as never);
    scenario
      .when(interview({ startedAt: hoursAfter(5), endedAt: hoursAfter(6) }, hoursAfter(4)))
      .thenRefuses({
        field: 'startedAt',
        reason: { code: 'moment.future', params: { at: hoursAfter(5) } },
      } as never);
  });

  test('kz.custody.actual-time: a start before the apprehension is refused', () => {
    scenario.when(interview({ startedAt: hoursAfter(-1), endedAt: hoursAfter(1) })).thenRefuses({
      rule: 'kz.custody.actual-time',
      field: 'startedAt',
      reason: { code: 'moment.before-apprehension', params: { at: hoursAfter(-1), apprehendedAt: T0 } },
    } as never);
  });

  test('kz.custody.interview: an end at or before the start is refused', () => {
    for (const endedAt of [hoursAfter(2), hoursAfter(1.5)])
      scenario.when(interview({ endedAt })).thenRefuses({
        rule: 'kz.custody.interview',
        field: 'endedAt',
        reason: { code: 'interview.end-before-start', params: { startedAt: hoursAfter(2), endedAt } },
      } as never);
  });

  test('kz.custody.interview: counsel present needs a name; a name without counsel present is refused', () => {
    scenario.when(interview({ counsel: 'present' })).thenRefuses({
      rule: 'kz.custody.interview',
      field: 'counselName',
      reason: { code: 'interview.counsel-name', params: {} },
    } as never);
    scenario.when(interview({ counsel: 'waived-in-writing', counselName: 'Жумабаев Е.' })).thenRefuses({
      field: 'counselName',
      reason: { code: 'interview.counsel-name-without-counsel', params: { counsel: 'waived-in-writing' } },
    } as never);
  });

  test('kz.custody.interview: no recording needs a reason; a recording needs none', () => {
    scenario.when(interview({ recording: null })).thenRefuses({
      rule: 'kz.custody.interview',
      field: 'noRecordingReason',
      reason: { code: 'interview.no-recording-reason', params: {} },
    } as never);
    scenario.when(interview({ noRecordingReason: 'сбой' })).thenRefuses({
      field: 'noRecordingReason',
      reason: { code: 'interview.reason-with-recording', params: {} },
    } as never);
  });

  test('kz.custody.interview: no episode, no interview', () => {
    given().when(interview()).thenRefuses({});
  });
});

describe('kz.custody.interview: the input', () => {
  const valid = {
    startedAt: '2026-03-10T13:00:00+05:00',
    endedAt: '2026-03-10T14:00:00+05:00',
    interviewer: { name: 'Бекова А.', position: 'следователь' },
    counsel: 'not-requested',
    recording: { sha256: SHA, size: 1, mediaType: 'video/mp4' },
  };

  test('kz.custody.interview: times come out in UTC, present defaults to nobody, the interpreter is a canonical BCP 47 tag', () => {
    const parsed = InterviewSchema.parse({ ...valid, interpreter: 'uz-cyrl' });
    expect(parsed).toMatchObject({
      startedAt: '2026-03-10T08:00:00.000Z',
      endedAt: '2026-03-10T09:00:00.000Z',
      present: [],
      interpreter: 'uz-Cyrl',
    });
  });

  test('kz.custody.interview: the digest is 64 lowercase hex digits, the size positive, the media type a type/subtype; roles a closed list', () => {
    const bad = [
      { recording: { ...valid.recording, sha256: SHA.toUpperCase() } },
      { recording: { ...valid.recording, sha256: SHA.slice(1) } },
      { recording: { ...valid.recording, size: 0 } },
      { recording: { ...valid.recording, mediaType: 'mp4' } },
      { present: [{ name: 'Иванов', role: 'guard' }] },
      { interpreter: 'not a tag!' },
      { caseNumber: '1'.repeat(65) },
      { counsel: 'maybe' },
      { startedAt: '2026-03-10T13:00:00' },
    ];
    for (const change of bad)
      expect(InterviewSchema.safeParse({ ...valid, ...change }).success, JSON.stringify(change)).toBe(false);
    expect(InterviewSchema.safeParse({ ...valid, caseNumber: '1'.repeat(64) }).success).toBe(true);
  });
});
