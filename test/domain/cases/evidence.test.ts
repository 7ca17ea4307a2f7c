import { describe, expect, test } from 'vitest';
import type { ExcludeEvidence, VoidDecisions } from '../../../src/domain/cases/commands.js';
import { document, given, open, PROCURATOR, SHA, T0, TODAY } from './given.js';

/*
 * The documents of a case file (seed ¶7, ¶39), the evidence excluded as obtained under torture
 * (kz.evidence.inadmissible) and the procedural decisions declared void because torture was
 * established (kz.torture.nullity), recorded on the case they affect; what the defence submits is
 * in the file (kz.defence.file).
 */

const exclude = (documentId: string | null, overrides: Partial<ExcludeEvidence> = {}): ExcludeEvidence => ({
  type: 'exclude-evidence',
  description: 'the confession of 12 March, obtained after a beating',
  documentId,
  by: 'court',
  excludedOn: '2026-04-01',
  now: T0,
  today: TODAY,
  actor: PROCURATOR,
  ...overrides,
});

const voidDecisions = (documentIds: string[], overrides: Partial<VoidDecisions> = {}): VoidDecisions => ({
  type: 'void-decisions',
  documentIds,
  basis: 'torture of the witness established by the forensic examination',
  by: 'investigating-judge',
  voidedOn: '2026-04-02',
  now: T0,
  today: TODAY,
  actor: PROCURATOR,
  ...overrides,
});

/** A file with two decisions (seq 102, 103), a forensic report (104) and a confession (105). */
const file = () =>
  given([
    open(),
    document('d-charge', 'decision'),
    document('d-arrest', 'decision'),
    document('fx-1', 'forensic-report', { submittedBy: 'expert' }),
    document('conf-1', 'other', { title: 'Confession' }),
  ]);

describe('the documents of a case file', () => {
  test('every document is an entry with its digest, kind, date and author, neither void nor excluded', () => {
    const [event] = given([open()]).when(document('d-charge')).events();
    expect(event).toEqual({
      type: 'document-added',
      payload: {
        documentId: 'd-charge',
        kind: 'decision',
        title: 'decision d-charge',
        dated: '2026-03-05',
        submittedBy: 'investigator',
        digest: { sha256: SHA, size: 20_480, mediaType: 'application/pdf' },
        stored: false,
        recordedAt: T0,
      },
    });
    expect(
      file().state.documents.map(({ documentId, seq, voidedBy, excludedBy }) => ({
        documentId,
        seq,
        voidedBy,
        excludedBy,
      })),
    ).toEqual([
      { documentId: 'd-charge', seq: 102, voidedBy: null, excludedBy: null },
      { documentId: 'd-arrest', seq: 103, voidedBy: null, excludedBy: null },
      { documentId: 'fx-1', seq: 104, voidedBy: null, excludedBy: null },
      { documentId: 'conf-1', seq: 105, voidedBy: null, excludedBy: null },
    ]);
  });

  test('kz.defence.file: a defence submission is included as submitted, even dated before the case; only a future date is refused', () => {
    const opened = given([open()]);
    const defence = document('def-1', 'defence-submission', { submittedBy: 'defence', dated: '2026-02-20' });
    expect(opened.when(defence).events()).toHaveLength(1);
    expect(opened.then(defence).state.documents).toMatchObject([
      { kind: 'defence-submission', submittedBy: 'defence' },
    ]);
    opened.when({ ...defence, dated: '2026-05-05' }).thenRefuses({
      rule: 'kz.defence.file',
      field: 'dated',
      code: 'case.date-future',
      params: { date: '2026-05-05' },
    });
    const refusal = opened
      .when(document('r-1', 'expert-report', { dated: '2026-05-05' }))
      .thenRefuses({ field: 'dated', code: 'case.date-future' });
    expect(refusal.rule).toBeUndefined();
  });
});

describe('kz.evidence.inadmissible', () => {
  test('kz.evidence.inadmissible: excluding a document of the file marks it with the entry that excluded it', () => {
    const events = file().when(exclude('conf-1')).events();
    expect(events).toEqual([
      {
        type: 'evidence-excluded',
        payload: {
          description: 'the confession of 12 March, obtained after a beating',
          documentId: 'conf-1',
          by: 'court',
          excludedOn: '2026-04-01',
          recordedAt: T0,
        },
      },
    ]);
    const state = file().then(exclude('conf-1')).state;
    expect(state.documents.find((entry) => entry.documentId === 'conf-1')?.excludedBy).toBe(106);
    expect(state.documents.filter((entry) => entry.excludedBy !== null)).toHaveLength(1);
    expect(state.exclusions).toEqual([
      {
        seq: 106,
        actor: PROCURATOR,
        description: 'the confession of 12 March, obtained after a beating',
        documentId: 'conf-1',
        by: 'court',
        excludedOn: '2026-04-01',
      },
    ]);
  });

  test('kz.evidence.inadmissible: evidence not in the file is excluded by its description', () => {
    const state = file().then(
      exclude(null, { description: 'the statement of witness K. taken at night' }),
    ).state;
    expect(state.exclusions).toMatchObject([
      { documentId: null, description: 'the statement of witness K. taken at night' },
    ]);
    expect(state.documents.every((entry) => entry.excludedBy === null)).toBe(true);
  });

  test('kz.evidence.inadmissible: an unknown document, or one already excluded, is refused naming the rule', () => {
    file()
      .when(exclude('nope'))
      .thenRefuses({
        rule: 'kz.evidence.inadmissible',
        field: 'documentId',
        code: 'case.unknown-document',
        params: { documentId: 'nope' },
      });
    file()
      .then(exclude('conf-1'))
      .when(exclude('conf-1', { excludedOn: '2026-04-03' }))
      .thenRefuses({
        rule: 'kz.evidence.inadmissible',
        field: 'documentId',
        code: 'case.already-excluded',
        params: { documentId: 'conf-1' },
      });
    file()
      .when(exclude('conf-1', { excludedOn: '2026-05-05' }))
      .thenRefuses({ field: 'excludedOn', code: 'case.date-future' });
  });
});

describe('kz.torture.nullity', () => {
  test('kz.torture.nullity: the decisions declared void are marked with the entry that voided them, the others not', () => {
    const events = file()
      .when(voidDecisions(['d-charge']))
      .events();
    expect(events).toEqual([
      {
        type: 'decisions-voided',
        payload: {
          documentIds: ['d-charge'],
          basis: 'torture of the witness established by the forensic examination',
          by: 'investigating-judge',
          voidedOn: '2026-04-02',
          recordedAt: T0,
        },
      },
    ]);
    const state = file().then(voidDecisions(['d-charge'])).state;
    expect(state.documents.map(({ documentId, voidedBy }) => [documentId, voidedBy])).toEqual([
      ['d-charge', 106],
      ['d-arrest', null],
      ['fx-1', null],
      ['conf-1', null],
    ]);
    expect(state.nullities).toMatchObject([
      { seq: 106, documentIds: ['d-charge'], by: 'investigating-judge' },
    ]);
    // Several at once, each once.
    const [both] = file()
      .when(voidDecisions(['d-charge', 'd-arrest', 'd-charge']))
      .events();
    expect(both?.payload).toMatchObject({ documentIds: ['d-charge', 'd-arrest'] });
  });

  test('kz.torture.nullity: only procedural decisions of the file are voided, each once', () => {
    file()
      .when(voidDecisions(['d-charge', 'fx-1']))
      .thenRefuses({
        rule: 'kz.torture.nullity',
        field: 'documentIds',
        code: 'case.not-a-decision',
        params: { documentId: 'fx-1' },
      });
    file()
      .when(voidDecisions(['nope']))
      .thenRefuses({ rule: 'kz.torture.nullity', field: 'documentIds', code: 'case.unknown-document' });
    file()
      .when(voidDecisions([]))
      .thenRefuses({ rule: 'kz.torture.nullity', field: 'documentIds', code: 'case.decisions-needed' });
    file()
      .then(voidDecisions(['d-charge']))
      .when(voidDecisions(['d-arrest', 'd-charge']))
      .thenRefuses({
        rule: 'kz.torture.nullity',
        field: 'documentIds',
        code: 'case.already-void',
        params: { documentId: 'd-charge' },
      });
    file()
      .when(voidDecisions(['d-charge'], { voidedOn: '2026-03-01' }))
      .thenRefuses({
        field: 'voidedOn',
        code: 'case.date-before-opening',
      });
  });
});
