import { describe, expect, test } from 'vitest';
import { custodyClocks, dueFindings } from '../../../src/clocks/custody.js';
import { clockAt } from '../../../src/clocks/clock-at.js';
import { custodyDecider } from '../../../src/domain/custody/decide.js';
import type { CustodyEvent } from '../../../src/domain/custody/events.js';
import { injuryReferrals } from '../../../src/domain/custody/referrals.js';
import { initialCustodyState } from '../../../src/domain/custody/state.js';
import { DEFAULT_CUSTODY_RULES, resolveCustodyRules } from '../../../src/rules/custody-rules.js';
import { correct, dueAt, given, hoursAfter, juvenile, lastOf, openCustody, record, T0 } from './given.js';

const rules = DEFAULT_CUSTODY_RULES;
const clock = (scenario: { state: Parameters<typeof custodyClocks>[0] }, key: string) => {
  const found = custodyClocks(scenario.state, rules).find((c) => c.key === key);
  if (!found) throw new Error(`no clock ${key}`);
  return found;
};

describe('kz.custody.limit', () => {
  test('kz.custody.limit: a juvenile apprehended 25 h ago is recorded as a breach at registration', () => {
    const findings = given()
      .when(openCustody({ person: juvenile, now: hoursAfter(25) }))
      .findings();
    const limit = findings.find((finding) => finding.rule === 'kz.custody.limit');
    expect(limit).toEqual({
      key: 'kz.custody.limit',
      rule: 'kz.custody.limit',
      kind: 'breach',
      at: hoursAfter(24),
      detail: `juvenile held 24 h without court approval (limit 24 h from apprehension at ${T0})`,
      params: { juvenile: true, hours: 24, apprehendedAt: T0 },
      pack: 'kz',
      packVersion: '2026.1',
    });
  });

  test("kz.custody.limit: an adult's limit is due exactly 48 h after apprehension", () => {
    const scenario = given([openCustody()]);
    expect(clock(scenario, 'kz.custody.limit')).toMatchObject({
      startedAt: T0,
      dueAt: '2026-03-12T06:00:00.000Z',
      kind: 'breach',
      outcome: 'running',
    });
  });

  test('kz.custody.limit: a juvenile is under 18 at arrest, from the birth date', () => {
    const opened = given()
      .when(openCustody({ person: juvenile }))
      .events()[0];
    expect(opened).toMatchObject({ type: 'custody-opened', payload: { juvenile: true } });
    expect(clock(given([openCustody({ person: juvenile })]), 'kz.custody.limit').dueAt).toBe(hoursAfter(24));
  });

  test('kz.custody.limit: a court approval before the deadline meets the limit and it is never found', () => {
    const scenario = given([
      openCustody(),
      record({ type: 'court-decision', decision: 'approved', court: 'Astana city court' }, hoursAfter(40)),
    ]);
    const limit = clock(scenario, 'kz.custody.limit');
    expect(limit).toMatchObject({ outcome: 'met', endedAt: hoursAfter(40) });
    expect(clockAt(limit, hoursAfter(100)).state).toBe('met');
    expect(dueFindings(scenario.state, rules, hoursAfter(100)).map((f) => f.payload.rule)).not.toContain(
      'kz.custody.limit',
    );
  });

  test('kz.custody.limit: a court refusal also ends the limit (the court decided)', () => {
    const scenario = given([
      openCustody(),
      record({ type: 'court-decision', decision: 'refused', court: 'Astana city court' }, hoursAfter(10)),
    ]);
    expect(clock(scenario, 'kz.custody.limit').outcome).toBe('met');
  });

  test('kz.custody.limit: the scheduler records the breach when 48 h pass without a court', () => {
    const scenario = given([openCustody()]);
    expect(
      scenario
        .when(dueAt(hoursAfter(47.99)))
        .findings()
        .map((f) => f.rule),
    ).not.toContain('kz.custody.limit');
    const limit = scenario
      .when(dueAt(hoursAfter(48)))
      .findings()
      .find((f) => f.rule === 'kz.custody.limit');
    expect(limit).toMatchObject({ kind: 'breach', at: hoursAfter(48) });
    expect(limit?.detail).toBe(
      `adult held 48 h without court approval (limit 48 h from apprehension at ${T0})`,
    );
  });

  test('kz.custody.limit: a second court approval is refused', () => {
    given([
      openCustody(),
      record({ type: 'court-decision', decision: 'approved', court: 'C' }, hoursAfter(5)),
    ])
      .when(record({ type: 'court-decision', decision: 'approved', court: 'C' }, hoursAfter(6)))
      .thenRefuses({ rule: 'kz.custody.limit', field: 'decision' });
  });

  test('kz.custody.limit: release stops the limit', () => {
    const scenario = given([openCustody(), record({ type: 'released' }, hoursAfter(3))]);
    expect(clock(scenario, 'kz.custody.limit')).toMatchObject({ outcome: 'stopped', endedAt: hoursAfter(3) });
    expect(scenario.state.status).toBe('released');
  });
});

describe('kz.custody.actual-time', () => {
  test('kz.custody.actual-time: the apprehension and the moment the record was drawn up are both kept', () => {
    const [opened] = given()
      .when(openCustody({ now: hoursAfter(1) }))
      .events();
    expect(opened).toMatchObject({ payload: { apprehendedAt: T0, recordedAt: hoursAfter(1) } });
  });

  test('kz.custody.actual-time: a record drawn up more than 3 h after the apprehension is flagged', () => {
    const findings = given()
      .when(openCustody({ now: hoursAfter(3.5) }))
      .findings();
    expect(findings).toContainEqual({
      key: 'kz.custody.actual-time',
      rule: 'kz.custody.actual-time',
      kind: 'flag',
      at: hoursAfter(3.5),
      detail: `record drawn up 3.5 h after the apprehension at ${T0} (more than 3 h)`,
      params: { apprehendedAt: T0, recordedAt: hoursAfter(3.5), maxHours: 3 },
      pack: 'kz',
      packVersion: '2026.1',
    });
    const onTime = given()
      .when(openCustody({ now: hoursAfter(3) }))
      .findings();
    expect(onTime.map((f) => f.rule)).not.toContain('kz.custody.actual-time');
  });

  test('kz.custody.actual-time: an apprehension in the future is refused', () => {
    given()
      .when(openCustody({ apprehendedAt: hoursAfter(1), now: T0 }))
      .thenRefuses({ rule: 'kz.custody.actual-time', field: 'apprehendedAt' });
  });

  test('kz.custody.actual-time: a safeguard stated in the future, or before the apprehension, is refused', () => {
    const scenario = given([openCustody()]);
    scenario
      .when(record({ type: 'counsel-requested', at: hoursAfter(2) }, hoursAfter(1)))
      .thenRefuses({ rule: 'kz.custody.actual-time', field: 'at' });
    scenario
      .when(record({ type: 'counsel-requested', at: hoursAfter(-1) }, hoursAfter(1)))
      .thenRefuses({ field: 'at' });
  });

  test('kz.custody.actual-time: a correction is a new event naming the entry; the original stays', () => {
    const scenario = given([openCustody()]);
    const openedSeq = scenario.seqOf(0);
    const next = scenario.then(correct(openedSeq, 'place', 'Астана, пр. Абая 3', hoursAfter(2)));
    expect(next.state.timeline.map((item) => item.event.type).slice(0, 2)).toEqual([
      'custody-opened',
      'custody-corrected',
    ]);
    expect(next.state.opened?.place).toBe('Астана, пр. Республики 12');
    expect(next.state.timeline[1]?.event).toEqual({
      type: 'custody-corrected',
      payload: {
        correctsSeq: openedSeq,
        field: 'place',
        from: 'Астана, пр. Республики 12',
        to: 'Астана, пр. Абая 3',
        reason: 'typing error',
        correctedAt: hoursAfter(2),
      },
    });
  });

  test('kz.custody.actual-time: corrections never extend the limit (a later corrected apprehension keeps the earlier in force)', () => {
    const scenario = given([openCustody()]);
    const later = scenario.then(
      correct(scenario.seqOf(0), 'apprehendedAt', '2026-03-10T14:00:00+05:00', hoursAfter(4)),
    );
    expect(lastOf(later.state, 'custody-corrected')?.payload).toMatchObject({ from: T0, to: hoursAfter(3) });
    expect(clock(later, 'kz.custody.limit')).toMatchObject({ startedAt: T0, dueAt: hoursAfter(48) });
    const earlier = later.then(correct(scenario.seqOf(0), 'apprehendedAt', hoursAfter(-2), hoursAfter(5)));
    expect(clock(earlier, 'kz.custody.limit')).toMatchObject({
      startedAt: hoursAfter(-2),
      dueAt: hoursAfter(46),
    });
  });

  test('kz.custody.actual-time: corrections never make a late safeguard look in time', () => {
    // Examined at 8 h (late: the medical clock is due at 6 h); the time is then "corrected" to 2 h.
    const late = given([
      openCustody(),
      record({ type: 'medical-examined', examinedBy: 'Dr Ахметова', injuriesSeen: false }, hoursAfter(8)),
    ]);
    expect(late.state.findings.map((f) => f.finding.rule)).toContain('kz.custody.medical');
    const corrected = late.then(correct(late.seqOf(1), 'at', hoursAfter(2), hoursAfter(9)));
    expect(clock(corrected, 'kz.custody.medical')).toMatchObject({ outcome: 'met', endedAt: hoursAfter(8) });
    expect(clockAt(clock(corrected, 'kz.custody.medical'), hoursAfter(9)).state).toBe('breached');
  });

  test('kz.custody.actual-time: a correction to a later time of a safeguard makes it late, and is found at once', () => {
    const scenario = given([
      openCustody(),
      record({ type: 'rights-explained', language: 'kk', method: 'oral' }, hoursAfter(0.75)),
    ]);
    const findings = scenario
      .when(correct(scenario.seqOf(1), 'at', hoursAfter(1.5), hoursAfter(2)))
      .findings();
    expect(findings.map((f) => f.key)).toEqual(['kz.custody.rights']);
  });

  test('kz.custody.actual-time: corrections are refused for entries not in the stream, fields that do not apply, bad or future times', () => {
    const scenario = given([openCustody(), record({ type: 'counsel-requested' }, hoursAfter(1))]);
    scenario.when(correct(999, 'place', 'x', hoursAfter(2))).thenRefuses({ field: 'correctsSeq' });
    scenario
      .when(correct(scenario.seqOf(0), 'at', hoursAfter(1), hoursAfter(2)))
      .thenRefuses({ field: 'field' });
    scenario.when(correct(scenario.seqOf(1), 'place', 'x', hoursAfter(2))).thenRefuses({ field: 'field' });
    scenario
      .when(correct(scenario.seqOf(1), 'at', '2026-03-10 07:00', hoursAfter(2)))
      .thenRefuses({ field: 'to' });
    scenario
      .when(correct(scenario.seqOf(1), 'at', '2026-03-10T07:00:00', hoursAfter(2)))
      .thenRefuses({ field: 'to' });
    scenario
      .when(correct(scenario.seqOf(1), 'at', hoursAfter(3), hoursAfter(2)))
      .thenRefuses({ rule: 'kz.custody.actual-time', field: 'to' });
    scenario
      .when(correct(scenario.seqOf(0), 'apprehendedAt', hoursAfter(3), hoursAfter(2)))
      .thenRefuses({ rule: 'kz.custody.actual-time', field: 'to' });
    scenario
      .when(correct(scenario.seqOf(1), 'at', hoursAfter(-1), hoursAfter(2)))
      .thenRefuses({ field: 'to' });
    scenario
      .when(correct(scenario.seqOf(1), 'at', hoursAfter(1), hoursAfter(2)))
      .thenRefuses({ field: 'to' });
  });

  test('kz.custody.actual-time: the from of a correction is the value stated just before it', () => {
    const scenario = given([openCustody()]);
    const twice = scenario
      .then(correct(scenario.seqOf(0), 'grounds', 'first correction', hoursAfter(1)))
      .then(correct(scenario.seqOf(0), 'grounds', 'second correction', hoursAfter(2)));
    expect(lastOf(twice.state, 'custody-corrected')?.payload).toMatchObject({
      from: 'first correction',
      to: 'second correction',
    });
  });
});

describe('kz.custody.rights', () => {
  test('kz.custody.rights: rights not explained within 1 h are flagged', () => {
    const scenario = given([openCustody()]);
    expect(scenario.when(dueAt(hoursAfter(0.99))).findings()).toEqual([]);
    expect(scenario.when(dueAt(hoursAfter(1))).findings()).toEqual([
      {
        key: 'kz.custody.rights',
        rule: 'kz.custody.rights',
        kind: 'flag',
        at: hoursAfter(1),
        detail: `rights not explained within 1 h of apprehension at ${T0}`,
        params: { hours: 1, apprehendedAt: T0 },
        pack: 'kz',
        packVersion: '2026.1',
      },
    ]);
  });

  test('kz.custody.rights: rights explained within 1 h meet the clock', () => {
    const scenario = given([
      openCustody(),
      record({ type: 'rights-explained', language: 'kk', method: 'oral-and-written' }, hoursAfter(0.8)),
    ]);
    expect(clock(scenario, 'kz.custody.rights')).toMatchObject({ outcome: 'met', endedAt: hoursAfter(0.8) });
    expect(
      scenario
        .when(dueAt(hoursAfter(5)))
        .findings()
        .map((f) => f.rule),
    ).not.toContain('kz.custody.rights');
  });

  test('kz.custody.rights: a deployment may allow 2 h', () => {
    const twoHours = resolveCustodyRules({ 'kz.custody.rights': { hours: 2 } });
    const scenario = given([openCustody()], twoHours);
    expect(custodyClocks(scenario.state, twoHours).find((c) => c.rule === 'kz.custody.rights')?.dueAt).toBe(
      hoursAfter(2),
    );
    expect(scenario.when(dueAt(hoursAfter(1.5))).findings()).toEqual([]);
  });
});

describe('kz.custody.counsel', () => {
  test('kz.custody.counsel: a request unanswered after 3 h is flagged', () => {
    const scenario = given([openCustody(), record({ type: 'counsel-requested' }, hoursAfter(1))]);
    const key = `kz.custody.counsel@v1`;
    expect(clock(scenario, key)).toMatchObject({ startedAt: hoursAfter(1), dueAt: hoursAfter(4) });
    const findings = scenario.when(dueAt(hoursAfter(4))).findings();
    expect(findings.find((f) => f.key === key)).toMatchObject({
      rule: 'kz.custody.counsel',
      kind: 'flag',
      at: hoursAfter(4),
      detail: `counsel requested at ${hoursAfter(1)} had not arrived within 3 h`,
    });
  });

  test('kz.custody.counsel: counsel arriving after the request meets it; an arrival before the request does not', () => {
    const scenario = given([
      openCustody(),
      record({ type: 'counsel-arrived', counsel: 'Адвокат Исаев' }, hoursAfter(0.6)),
      record({ type: 'counsel-requested' }, hoursAfter(1)),
      record({ type: 'counsel-arrived', counsel: 'Адвокат Исаев' }, hoursAfter(2)),
    ]);
    expect(clock(scenario, 'kz.custody.counsel@v2')).toMatchObject({
      outcome: 'met',
      endedAt: hoursAfter(2),
    });
    const unanswered = given([
      openCustody(),
      record({ type: 'counsel-arrived', counsel: 'Адвокат Исаев' }, hoursAfter(0.6)),
      record({ type: 'counsel-requested' }, hoursAfter(1)),
    ]);
    expect(clock(unanswered, 'kz.custody.counsel@v2').outcome).toBe('running');
  });

  test('kz.custody.counsel: a request recorded late is found in the same decision', () => {
    const findings = given([openCustody()])
      .when(record({ type: 'counsel-requested', at: hoursAfter(1) }, hoursAfter(4.5)))
      .findings();
    expect(findings.map((f) => f.key)).toContain('kz.custody.counsel@v1');
  });
});

describe('kz.custody.medical', () => {
  test('kz.custody.medical: no medical examination within 6 h is flagged', () => {
    const scenario = given([openCustody()]);
    const findings = scenario.when(dueAt(hoursAfter(6))).findings();
    expect(findings.find((f) => f.rule === 'kz.custody.medical')).toMatchObject({
      kind: 'flag',
      at: hoursAfter(6),
      detail: `no medical examination within 6 h of apprehension at ${T0}`,
    });
    const examined = scenario.then(
      record({ type: 'medical-examined', examinedBy: 'Dr Ахметова', injuriesSeen: true }, hoursAfter(5)),
    );
    expect(clock(examined, 'kz.custody.medical').outcome).toBe('met');
  });
});

describe('kz.custody.family', () => {
  const opened = given([openCustody()]);

  test('kz.custody.family: a delay needs its reason and the official who authorised it', () => {
    opened
      .when(record({ type: 'family-notified', outcome: 'delayed', authorisedBy: 'Maj. Ким' }, hoursAfter(1)))
      .thenRefuses({ rule: 'kz.custody.family', field: 'reason' });
    opened
      .when(
        record(
          { type: 'family-notified', outcome: 'delayed', reason: 'risk to the investigation' },
          hoursAfter(1),
        ),
      )
      .thenRefuses({ rule: 'kz.custody.family', field: 'authorisedBy' });
    const events = opened
      .when(
        record(
          {
            type: 'family-notified',
            outcome: 'delayed',
            reason: 'risk to the investigation',
            authorisedBy: 'Maj. Ким',
          },
          hoursAfter(1),
        ),
      )
      .events();
    expect(events[0]).toEqual({
      type: 'family-notified',
      payload: {
        at: hoursAfter(1),
        outcome: 'delayed',
        contact: null,
        means: null,
        reason: 'risk to the investigation',
        authorisedBy: 'Maj. Ким',
      },
    });
  });

  test('kz.custody.family: notified needs who was told', () => {
    opened
      .when(record({ type: 'family-notified', outcome: 'notified', means: 'phone' }, hoursAfter(1)))
      .thenRefuses({ field: 'contact' });
  });

  test('kz.custody.family: a family not notified within 3 h is flagged; any outcome meets the clock', () => {
    expect(
      opened
        .when(dueAt(hoursAfter(3)))
        .findings()
        .find((f) => f.rule === 'kz.custody.family'),
    ).toMatchObject({
      kind: 'flag',
      at: hoursAfter(3),
      detail: `family not notified within 3 h of apprehension at ${T0}`,
    });
    const declined = opened.then(record({ type: 'family-notified', outcome: 'declined' }, hoursAfter(2)));
    expect(clock(declined, 'kz.custody.family')).toMatchObject({ outcome: 'met', endedAt: hoursAfter(2) });
  });
});

describe('kz.custody.injury-log', () => {
  test('kz.custody.injury-log: an injury entry is logged with who saw it and opens a medical referral', () => {
    const injured = given([openCustody()]).then(
      record(
        { type: 'injury-recorded', observedBy: 'Sgt. Омаров', description: 'bruising, left forearm' },
        hoursAfter(0.5),
      ),
    );
    const entry = lastOf(injured.state, 'injury-recorded');
    expect(entry && { type: entry.type, payload: entry.payload }).toEqual({
      type: 'injury-recorded',
      payload: { at: hoursAfter(0.5), observedBy: 'Sgt. Омаров', description: 'bruising, left forearm' },
    });
    expect(injuryReferrals(injured.state)).toEqual([
      { injurySeq: entry?.seq, openedAt: hoursAfter(0.5), status: 'open' },
    ]);
    const examined = injured.then(
      record({ type: 'medical-examined', examinedBy: 'Dr Ахметова', injuriesSeen: true }, hoursAfter(1)),
    );
    expect(injuryReferrals(examined.state)[0]?.status).toBe('examined');
  });
});

describe('kz.custody.deposition', () => {
  const requested = given([openCustody()]).then(
    record({ type: 'judicial-requested', kind: 'deposition' }, hoursAfter(2)),
  );

  test('kz.custody.deposition: the request gets an id, and a judge who has not ruled within 24 h is a breach', () => {
    expect(lastOf(requested.state, 'judicial-requested')?.payload).toMatchObject({
      requestId: 'jr1',
      kind: 'deposition',
    });
    const found = requested
      .when(dueAt(hoursAfter(26)))
      .findings()
      .find((f) => f.rule === 'kz.custody.deposition');
    expect(found).toEqual({
      key: 'kz.custody.deposition@jr1',
      rule: 'kz.custody.deposition',
      kind: 'breach',
      at: hoursAfter(26),
      detail: `no ruling by a judge on the deposition request jr1 within 24 h of the request at ${hoursAfter(2)}`,
      params: { hours: 24, requestId: 'jr1', request: 'deposition', requestedAt: hoursAfter(2) },
      pack: 'kz',
      packVersion: '2026.1',
    });
  });

  test('kz.custody.deposition: a ruling meets the request; release does not stop it (a judge must still decide)', () => {
    const released = requested.then(record({ type: 'released' }, hoursAfter(3)));
    expect(clock(released, 'kz.custody.deposition@jr1').outcome).toBe('running');
    const ruled = released.then(
      record(
        { type: 'judicial-ruled', requestId: 'jr1', ruling: 'granted', court: 'Investigating judge, Astana' },
        hoursAfter(20),
      ),
    );
    expect(clock(ruled, 'kz.custody.deposition@jr1')).toMatchObject({
      outcome: 'met',
      endedAt: hoursAfter(20),
    });
  });

  test('kz.custody.deposition: a ruling on an unknown or already ruled request is refused', () => {
    requested
      .when(
        record({ type: 'judicial-ruled', requestId: 'jr9', ruling: 'granted', court: 'C' }, hoursAfter(3)),
      )
      .thenRefuses({ rule: 'kz.custody.deposition', field: 'requestId' });
    requested
      .then(
        record({ type: 'judicial-ruled', requestId: 'jr1', ruling: 'refused', court: 'C' }, hoursAfter(3)),
      )
      .when(
        record({ type: 'judicial-ruled', requestId: 'jr1', ruling: 'granted', court: 'C' }, hoursAfter(4)),
      )
      .thenRefuses({ field: 'requestId' });
  });
});

describe('intl.register.minimum', () => {
  test('intl.register.minimum: the arrest record holds the time, place, grounds, officer, authority and admission', () => {
    const [opened] = given()
      .when(openCustody({ orderingAuthority: 'Investigator Жумабаев, Astana police department' }))
      .events();
    expect(opened).toEqual({
      type: 'custody-opened',
      payload: {
        custodyId: 'c1',
        personId: 'p1',
        facilityId: 'f1',
        apprehendedAt: T0,
        recordedAt: hoursAfter(0.5),
        place: 'Астана, пр. Республики 12',
        grounds: 'suspected theft (Criminal Code art. 188)',
        arrestingOfficer: 'Lt. Серіков А.',
        orderingAuthority: 'Investigator Жумабаев, Astana police department',
        juvenile: false,
        foreignNational: false,
        languages: ['kk', 'ru'],
        reachedBy: 'scope',
        identityDocument: null,
      },
    });
  });

  test('intl.register.minimum: a transfer records its destination and time; not to the same facility', () => {
    const opened = given([openCustody()]);
    opened
      .when(record({ type: 'transferred', destinationFacilityId: 'f1' }, hoursAfter(2)))
      .thenRefuses({ field: 'destinationFacilityId' });
    const [transferred] = opened
      .when(
        record(
          { type: 'transferred', destinationFacilityId: 'sizo-1', reason: 'court order' },
          hoursAfter(2),
        ),
      )
      .events();
    expect(transferred).toEqual({
      type: 'transferred',
      payload: { at: hoursAfter(2), destinationFacilityId: 'sizo-1', reason: 'court order' },
    });
  });

  test('intl.register.minimum: once the person has left, the episode is closed to new safeguards', () => {
    given([openCustody(), record({ type: 'released', reason: 'no charges' }, hoursAfter(2))])
      .when(record({ type: 'medical-examined', examinedBy: 'Dr', injuriesSeen: false }, hoursAfter(3)))
      .thenRefuses({});
  });
});

describe('intl.custody.transfer-notice', () => {
  const transferred = given([
    openCustody(),
    record(
      { type: 'family-notified', outcome: 'notified', contact: 'wife', means: 'phone' },
      hoursAfter(0.9),
    ),
    record({ type: 'transferred', destinationFacilityId: 'sizo-1' }, hoursAfter(10)),
  ]);

  test('intl.custody.transfer-notice: the family not notified within 3 h of a transfer is flagged', () => {
    const key = 'intl.custody.transfer-notice@v2';
    expect(clock(transferred, key).outcome).toBe('running');
    expect(transferred.when(dueAt(hoursAfter(13))).findings()).toEqual([
      {
        key,
        rule: 'intl.custody.transfer-notice',
        kind: 'flag',
        at: hoursAfter(13),
        detail: `family not notified within 3 h of the transfer at ${hoursAfter(10)}`,
        params: { hours: 3, transferredAt: hoursAfter(10) },
        pack: 'intl',
        packVersion: '2026.1',
      },
    ]);
  });

  test('intl.custody.transfer-notice: a notification after the transfer is accepted on the closed episode and meets it', () => {
    const notified = transferred.then(
      record(
        { type: 'family-notified', outcome: 'notified', contact: 'wife', means: 'phone' },
        hoursAfter(11),
      ),
    );
    expect(clock(notified, 'intl.custody.transfer-notice@v2')).toMatchObject({
      outcome: 'met',
      endedAt: hoursAfter(11),
    });
    transferred.when(record({ type: 'counsel-requested' }, hoursAfter(11))).thenRefuses({});
  });

  test('intl.custody.transfer-notice: a notice recorded before the transfer, even at the same moment, was about the arrest', () => {
    const sameMoment = given([
      openCustody(),
      record(
        { type: 'family-notified', outcome: 'notified', contact: 'brother', means: 'phone' },
        hoursAfter(0.9),
      ),
      record({ type: 'transferred', destinationFacilityId: 'sizo-1', at: hoursAfter(0.9) }, hoursAfter(0.95)),
    ]);
    expect(clock(sameMoment, 'intl.custody.transfer-notice@v2').outcome).toBe('running');
  });
});

describe('intl.custody.consular', () => {
  const foreigner = { birthDate: '1990-01-01', citizenship: 'UZ', languages: ['uz'] };

  test('intl.custody.consular: a foreign national not told of the consulate within 24 h is flagged; nationals have no clock', () => {
    const scenario = given([openCustody({ person: foreigner })]);
    expect(scenario.state.opened?.foreignNational).toBe(true);
    const found = scenario
      .when(dueAt(hoursAfter(24)))
      .findings()
      .find((f) => f.rule === 'intl.custody.consular');
    expect(found).toMatchObject({ kind: 'flag', pack: 'intl', at: hoursAfter(24) });
    expect(custodyClocks(given([openCustody()]).state, rules).map((c) => c.rule)).not.toContain(
      'intl.custody.consular',
    );
    expect(
      custodyClocks(given([openCustody({ person: { ...foreigner, citizenship: null } })]).state, rules).map(
        (c) => c.rule,
      ),
    ).not.toContain('intl.custody.consular');
  });

  test('intl.custody.consular: if the person asks, the clock runs until the consulate is notified', () => {
    const asked = given([
      openCustody({ person: foreigner }),
      record({ type: 'consular-rights-explained', notificationRequested: true }, hoursAfter(1)),
    ]);
    expect(clock(asked, 'intl.custody.consular').outcome).toBe('running');
    const notified = asked.then(
      record({ type: 'consulate-notified', consulate: 'Consulate of Uzbekistan' }, hoursAfter(5)),
    );
    expect(clock(notified, 'intl.custody.consular')).toMatchObject({
      outcome: 'met',
      endedAt: hoursAfter(5),
    });
    const declined = given([
      openCustody({ person: foreigner }),
      record({ type: 'consular-rights-explained', notificationRequested: false }, hoursAfter(1)),
    ]);
    expect(clock(declined, 'intl.custody.consular')).toMatchObject({
      outcome: 'met',
      endedAt: hoursAfter(1),
    });
  });
});

describe('intl.custody.interpreter', () => {
  const uzbekSpeaker = { birthDate: '1990-01-01', citizenship: 'UZ', languages: ['uz'] };

  test('intl.custody.interpreter: rights explained in a language the person does not understand, without interpreter, are flagged', () => {
    const findings = given([openCustody({ person: uzbekSpeaker })])
      .when(record({ type: 'rights-explained', language: 'ru', method: 'written' }, hoursAfter(0.5)))
      .findings();
    expect(findings).toEqual([
      {
        key: 'intl.custody.interpreter@v1',
        rule: 'intl.custody.interpreter',
        kind: 'flag',
        at: hoursAfter(0.5),
        detail: 'rights explained in ru without an interpreter to a person who understands uz',
        params: { language: 'ru', understood: ['uz'] },
        pack: 'intl',
        packVersion: '2026.1',
      },
    ]);
  });

  test('intl.custody.interpreter: an interpreter, or a language the person understands, is not flagged', () => {
    const scenario = given([openCustody({ person: uzbekSpeaker })]);
    expect(
      scenario
        .when(
          record(
            { type: 'rights-explained', language: 'ru', method: 'oral', interpreter: 'Н. Юсупова' },
            hoursAfter(0.5),
          ),
        )
        .findings(),
    ).toEqual([]);
    expect(
      scenario
        .when(record({ type: 'rights-explained', language: 'uz-Cyrl', method: 'oral' }, hoursAfter(0.5)))
        .findings(),
    ).toEqual([]);
  });
});

describe('the decider', () => {
  test('an episode is opened once', () => {
    given([openCustody()]).when(openCustody()).thenRefuses({});
  });

  test('nothing is recorded on an episode that was never opened', () => {
    given()
      .when(record({ type: 'counsel-requested' }, hoursAfter(1)))
      .thenRefuses({});
    given()
      .when(correct(100, 'place', 'x', hoursAfter(1)))
      .thenRefuses({});
    expect(
      given()
        .when(dueAt(hoursAfter(100)))
        .events(),
    ).toEqual([]);
  });

  test('`at` defaults to the command time', () => {
    const [event] = given([openCustody()])
      .when(record({ type: 'counsel-requested' }, hoursAfter(1.25)))
      .events();
    expect(event).toEqual({ type: 'counsel-requested', payload: { at: hoursAfter(1.25) } });
  });

  test('decide is pure: the same state and command give the same events', () => {
    const scenario = given([openCustody({ person: juvenile, now: hoursAfter(30) })]);
    expect(scenario.when(dueAt(hoursAfter(50))).decision).toEqual(
      scenario.when(dueAt(hoursAfter(50))).decision,
    );
  });

  test('findings come in order of due time, then key', () => {
    const findings = given()
      .when(openCustody({ now: hoursAfter(49) }))
      .findings();
    expect(findings.map((f) => f.key)).toEqual([
      'kz.custody.actual-time',
      'kz.custody.rights',
      'kz.custody.family',
      'kz.custody.medical',
      'kz.custody.limit',
    ]);
  });

  test('evolve keeps entries of other types and erased payloads out of the timeline, but counts them', () => {
    const decider = custodyDecider(rules);
    const meta = (version: number) => ({ seq: 100 + version, version, recordedAt: T0, actor: 'x' });
    const [opened] = given().when(openCustody()).events() as [CustodyEvent];
    let state = decider.evolve(initialCustodyState, opened, meta(0));
    state = decider.evolve(
      state,
      { type: 'payload-erased', payload: { seq: 1 } } as unknown as CustodyEvent,
      meta(1),
    );
    state = decider.evolve(state, { type: 'released', payload: null } as unknown as CustodyEvent, meta(2));
    expect(state.timeline).toHaveLength(1);
    expect(state.status).toBe('in-custody');
    expect(state.version).toBe(3);
    const [requested] = decider.decide(
      record({ type: 'judicial-requested', kind: 'suspension' }, hoursAfter(1)),
      state,
    ) as [CustodyEvent];
    expect(requested.payload).toMatchObject({ requestId: 'jr3' });
  });
});

describe('kz.placement.separation', () => {
  const boy = { birthDate: '2010-06-01', citizenship: 'KZ', languages: ['kk'] };

  test('kz.placement.separation: a juvenile is never arrested into an adult men’s custody unit, a woman never into a men’s', () => {
    given()
      .when(openCustody({ person: boy, placement: { population: 'men', sex: 'male' } }))
      .thenRefuses({ rule: 'kz.placement.separation', field: 'facilityId' });
    given()
      .when(openCustody({ placement: { population: 'men', sex: 'female' } }))
      .thenRefuses({ rule: 'kz.placement.separation', field: 'facilityId' });
    given()
      .when(openCustody({ placement: { population: 'juveniles', sex: 'male' } }))
      .thenRefuses({ rule: 'kz.placement.separation', field: 'facilityId' });
    expect(
      given()
        .when(openCustody({ person: boy, placement: { population: 'juveniles', sex: 'male' } }))
        .events()[0]?.type,
    ).toBe('custody-opened');
  });

  test('kz.placement.separation: a transfer out of police custody goes only to a facility that may hold the person on the day', () => {
    const held = given([openCustody({ person: boy })]);
    const transfer = (population: 'men' | 'juveniles') => ({
      ...record({ type: 'transferred', destinationFacilityId: 'sizo-1' }, hoursAfter(2)),
      placement: { population, person: { sex: 'male' as const, birthDate: boy.birthDate } },
    });
    held
      .when(transfer('men'))
      .thenRefuses({ rule: 'kz.placement.separation', field: 'destinationFacilityId' });
    expect(held.when(transfer('juveniles')).events()[0]?.type).toBe('transferred');
  });

  test('issue 17: the arrest record says how the officer reached the person, and by which document', () => {
    const [opened] = given()
      .when(openCustody({ reachedBy: 'document', identityDocument: { kind: 'iin', number: '880417300128' } }))
      .events();
    expect(opened?.payload).toMatchObject({
      reachedBy: 'document',
      identityDocument: { kind: 'iin', number: '880417300128' },
    });
  });
});
