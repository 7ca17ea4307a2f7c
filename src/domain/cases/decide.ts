import { caseDueFindings, suspensionKey } from '../../clocks/cases.js';
import { isTortureArticle, packOf, type CaseRules } from '../../rules/case-rules.js';
import { refuse, type Refusal } from '../decision.js';
import { findingParams, type SentencingConcern } from '../findings.js';
import { reason, type RefusalReason } from '../refusals.js';
import type {
  CaseCommand,
  ChargeDefendant,
  DecideAppeal,
  DecideRedress,
  Discontinue,
  PayRedress,
  RecordVerdict,
  Resume,
  SendToCourt,
  VoidDecisions,
} from './commands.js';
import type { CaseEvent, CaseFindingRecorded, Sentence, VerdictOutcome } from './events.js';
import { evolveCase } from './evolve.js';
import { caseDiscontinued, initialCaseState, type CaseState, type DefendantRecord } from './state.js';

/*
 * The case decider (issue 20): pure, the rules in force passed in. What happened in a case is
 * recorded as it happened — a verdict the law frowns on (kz.torture.sentencing) is recorded and
 * flagged in the same append, never refused; refusals are for a file that does not hold together
 * (a verdict for someone never sent to court, a payment above the award, a date after today).
 */

const ms = (iso: string): number => Date.parse(iso);

/** The moment a Kazakhstan calendar day begins (00:00 +05:00), as ISO 8601 UTC: when a dated decision counts from. */
const kzMidnight = (date: string): string => new Date(`${date}T00:00:00+05:00`).toISOString();

function refusal(
  detail: string,
  why: RefusalReason,
  options: { rule?: string; field?: string } = {},
): Refusal {
  return refuse(detail, { ...options, reason: why });
}

const notOpened = () => refuse('there is no such case');

/** No date of a case may be after today (Kazakhstan's calendar), nor before the case was opened. */
function checkDate(
  state: CaseState,
  command: { today: string },
  date: string,
  field: string,
): Refusal | null {
  if (date > command.today)
    return refusal(
      `${field} ${date} is after today (${command.today})`,
      reason('case.date-future', { date }),
      {
        field,
      },
    );
  const openedOn = state.opened?.openedOn;
  if (openedOn !== undefined && date < openedOn)
    return refusal(
      `${field} ${date} is before the case was opened (${openedOn})`,
      reason('case.date-before-opening', { date, openedOn }),
      { field },
    );
  return null;
}

function checkMoment(command: { now: string }, at: string, field: string): Refusal | null {
  if (ms(at) > ms(command.now))
    return refusal(`${field} ${at} is in the future`, reason('moment.future', { at }), { field });
  return null;
}

function defendantOf(state: CaseState, officialId: string, field = 'officialId'): DefendantRecord | Refusal {
  const defendant = state.defendants.find((candidate) => candidate.officialId === officialId);
  return (
    defendant ??
    refusal(
      `official ${officialId} is not a suspect in this case: identify them first`,
      reason('case.not-a-suspect', { officialId }),
      { field },
    )
  );
}

const isDefendant = (value: DefendantRecord | Refusal): value is DefendantRecord => !('refused' in value);

function knownDocuments(state: CaseState, ids: readonly string[], field: string): Refusal | null {
  for (const documentId of ids)
    if (!state.documents.some((document) => document.documentId === documentId))
      return refusal(
        `there is no document ${documentId} in this file`,
        reason('case.unknown-document', { documentId }),
        {
          field,
        },
      );
  return null;
}

/** kz.torture.sentencing: what is wrong with a charge or an outcome in a torture case. */
function sentencingConcerns(
  article: string,
  outcome: { outcome: VerdictOutcome; sentence: Sentence | null; pleaAgreement: boolean } | null,
): SentencingConcern[] {
  const concerns: SentencingConcern[] = [];
  // An acquittal convicts of nothing: its article is the charge's, flagged when the charge was.
  if (!isTortureArticle(article) && outcome?.outcome !== 'acquitted') concerns.push('reclassified');
  if (outcome?.outcome === 'convicted' && outcome.sentence?.suspended === true)
    concerns.push('suspended-sentence');
  if (outcome?.pleaAgreement === true) concerns.push('plea-bargain');
  return concerns;
}

const CONCERN_WORDS: Record<SentencingConcern, string> = {
  reclassified: 'torture reclassified as a lesser offence',
  'suspended-sentence': 'a suspended sentence',
  'plea-bargain': 'a plea agreement',
};

function sentencingFinding(
  state: CaseState,
  rules: CaseRules,
  what: string,
  article: string,
  decidedOn: string,
  concerns: SentencingConcern[],
): CaseFindingRecorded {
  return {
    type: 'finding-recorded',
    payload: {
      // By position among the case's findings of the rule: the list only grows.
      key: `kz.torture.sentencing#${state.findings.filter((finding) => finding.rule === 'kz.torture.sentencing').length + 1}`,
      rule: 'kz.torture.sentencing',
      kind: 'flag',
      at: kzMidnight(decidedOn),
      detail: `${what} under ${article} of ${decidedOn}: ${concerns.map((concern) => CONCERN_WORDS[concern]).join('; ')}`,
      params: findingParams('kz.torture.sentencing', {
        article,
        decidedAt: kzMidnight(decidedOn),
        concerns,
      }),
      ...packOf(rules, 'kz.torture.sentencing'),
    },
  };
}

/** The findings of the clocks breached by the command's time, after its events, in the same append. */
function withDueFindings(
  state: CaseState,
  events: CaseEvent[],
  rules: CaseRules,
  command: { now: string; actor: string },
) {
  let after = state;
  events.forEach((event, i) => {
    after = evolveCase(after, event, {
      seq: -1 - i,
      version: state.version + i + 1,
      recordedAt: command.now,
      actor: command.actor,
    });
  });
  return [...events, ...caseDueFindings(after, rules, command.now)];
}

function checkSentence(outcome: VerdictOutcome, sentence: Sentence | null): Refusal | null {
  if (outcome === 'convicted' && (sentence === null || sentence.penalties.length === 0))
    return refusal('give the sentence the court imposed', reason('court-outcome.sentence-needed', {}), {
      rule: 'kz.torture.sentencing',
      field: 'sentence',
    });
  if (outcome === 'acquitted' && sentence !== null)
    return refusal('an acquittal carries no sentence', reason('court-outcome.acquittal-sentence', {}), {
      rule: 'kz.torture.sentencing',
      field: 'sentence',
    });
  return null;
}

/** A case discontinued as a whole charges no one and sends no one to court until it is resumed. */
function wholeCaseDiscontinued(state: CaseState): Refusal | null {
  const whole = caseDiscontinued(state);
  return whole
    ? refusal(
        `the case was discontinued on ${whole.discontinuedOn}: resume it first`,
        reason('case.discontinued', { discontinuedOn: whole.discontinuedOn }),
      )
    : null;
}

function charge(command: ChargeDefendant, state: CaseState, rules: CaseRules): CaseEvent[] | Refusal {
  const discontinued = wholeCaseDiscontinued(state);
  if (discontinued) return discontinued;
  const defendant = defendantOf(state, command.officialId);
  if (!isDefendant(defendant)) return defendant;
  if (defendant.stage !== 'suspect' && defendant.stage !== 'charged')
    return refusal(
      `the prosecution of this defendant is ${defendant.stage}: a new charge is not possible`,
      reason('case.defendant-decided', { stage: defendant.stage }),
      { field: 'officialId' },
    );
  const late = checkDate(state, command, command.chargedOn, 'chargedOn');
  if (late) return late;
  const events: CaseEvent[] = [
    {
      type: 'defendant-charged',
      payload: {
        officialId: command.officialId,
        article: command.article,
        chargedOn: command.chargedOn,
        recordedAt: command.now,
      },
    },
  ];
  // kz.torture.sentencing: a charge away from the torture article is a reclassification, flagged.
  const concerns = sentencingConcerns(command.article, null);
  if (concerns.length > 0)
    events.push(
      sentencingFinding(
        state,
        rules,
        `the charge of ${defendant.name}`,
        command.article,
        command.chargedOn,
        concerns,
      ),
    );
  return events;
}

function sendToCourt(command: SendToCourt, state: CaseState): CaseEvent[] | Refusal {
  const discontinued = wholeCaseDiscontinued(state);
  if (discontinued) return discontinued;
  const seen = new Set<string>();
  for (const officialId of command.officialIds) {
    if (seen.has(officialId))
      return refusal(`official ${officialId} is named twice`, reason('case.named-twice', { officialId }), {
        field: 'officialIds',
      });
    seen.add(officialId);
    const defendant = defendantOf(state, officialId, 'officialIds');
    if (!isDefendant(defendant)) return defendant;
    if (defendant.stage !== 'charged')
      return refusal(
        defendant.stage === 'suspect'
          ? `${defendant.name} has not been charged`
          : `the prosecution of ${defendant.name} is ${defendant.stage}`,
        defendant.stage === 'suspect'
          ? reason('case.not-charged', { officialId })
          : reason('case.defendant-decided', { stage: defendant.stage }),
        { field: 'officialIds' },
      );
    const charged = defendant.charges.at(-1)?.chargedOn ?? '';
    if (command.sentOn < charged)
      return refusal(
        `the case cannot go to court (${command.sentOn}) before the charge (${charged})`,
        reason('case.step-before', { date: command.sentOn, earlier: charged, step: 'charged' }),
        { field: 'sentOn' },
      );
  }
  if (command.officialIds.length === 0)
    return refusal('name the defendants sent to court', reason('case.defendants-needed', {}), {
      field: 'officialIds',
    });
  const late = checkDate(state, command, command.sentOn, 'sentOn');
  if (late) return late;
  return [
    {
      type: 'sent-to-court',
      payload: {
        officialIds: [...command.officialIds],
        court: command.court,
        sentOn: command.sentOn,
        recordedAt: command.now,
      },
    },
  ];
}

function recordVerdict(command: RecordVerdict, state: CaseState, rules: CaseRules): CaseEvent[] | Refusal {
  const defendant = defendantOf(state, command.officialId);
  if (!isDefendant(defendant)) return defendant;
  if (defendant.court === null || defendant.stage === 'discontinued')
    return refusal(
      `${defendant.name} is not before a court`,
      reason('case.not-in-court', { officialId: command.officialId }),
      { field: 'officialId' },
    );
  if (defendant.final !== null)
    return refusal(
      `a verdict on ${defendant.name} stands; an appeal changes it, or orders a retrial`,
      reason('case.verdict-standing', { officialId: command.officialId }),
      { field: 'officialId' },
    );
  const sentence = checkSentence(command.outcome, command.sentence);
  if (sentence) return sentence;
  const late = checkDate(state, command, command.decidedOn, 'decidedOn');
  if (late) return late;
  if (command.decidedOn < defendant.court.sentOn)
    return refusal(
      `the verdict (${command.decidedOn}) cannot precede sending to court (${defendant.court.sentOn})`,
      reason('case.step-before', {
        date: command.decidedOn,
        earlier: defendant.court.sentOn,
        step: 'sent-to-court',
      }),
      { field: 'decidedOn' },
    );
  const events: CaseEvent[] = [
    {
      type: 'verdict-recorded',
      payload: {
        officialId: command.officialId,
        court: command.court,
        outcome: command.outcome,
        article: command.article,
        sentence: command.sentence,
        pleaAgreement: command.pleaAgreement,
        decidedOn: command.decidedOn,
        recordedAt: command.now,
      },
    },
  ];
  const concerns = sentencingConcerns(command.article, command);
  if (concerns.length > 0)
    events.push(
      sentencingFinding(
        state,
        rules,
        `the verdict on ${defendant.name}`,
        command.article,
        command.decidedOn,
        concerns,
      ),
    );
  return events;
}

function decideAppeal(command: DecideAppeal, state: CaseState, rules: CaseRules): CaseEvent[] | Refusal {
  const defendant = defendantOf(state, command.officialId);
  if (!isDefendant(defendant)) return defendant;
  const open = defendant.appeals.findLast((appeal) => appeal.decided === null);
  if (!open)
    return refusal(
      `no appeal of ${defendant.name} is pending`,
      reason('case.no-appeal', { officialId: command.officialId }),
      {
        field: 'officialId',
      },
    );
  if (command.result === 'changed') {
    if (command.outcome === null)
      return refusal('say what the appeal court decided instead', reason('case.appeal-outcome-needed', {}), {
        field: 'outcome',
      });
    const sentence = checkSentence(command.outcome, command.sentence);
    if (sentence) return sentence;
  } else if (command.outcome !== null || command.sentence !== null)
    return refusal(
      `an appeal ${command.result === 'upheld' ? 'that upholds the verdict' : 'that orders a retrial'} gives no outcome of its own`,
      reason('case.appeal-no-outcome', { result: command.result }),
      { field: 'outcome' },
    );
  const late = checkDate(state, command, command.decidedOn, 'decidedOn');
  if (late) return late;
  if (command.decidedOn < open.filedOn)
    return refusal(
      `the appeal's decision (${command.decidedOn}) cannot precede the appeal (${open.filedOn})`,
      reason('case.step-before', { date: command.decidedOn, earlier: open.filedOn, step: 'appeal-filed' }),
      { field: 'decidedOn' },
    );
  const events: CaseEvent[] = [
    {
      type: 'appeal-decided',
      payload: {
        officialId: command.officialId,
        court: command.court,
        result: command.result,
        outcome: command.outcome,
        article: command.result === 'changed' ? (command.article ?? defendant.final?.article ?? null) : null,
        sentence: command.sentence,
        decidedOn: command.decidedOn,
        recordedAt: command.now,
      },
    },
  ];
  if (command.result === 'changed' && command.outcome !== null) {
    const article = command.article ?? defendant.final?.article ?? '';
    const concerns = sentencingConcerns(article, {
      outcome: command.outcome,
      sentence: command.sentence,
      // The plea agreement was flagged with the verdict; the appeal court makes none.
      pleaAgreement: false,
    });
    if (concerns.length > 0)
      events.push(
        sentencingFinding(
          state,
          rules,
          `the appeal's decision on ${defendant.name}`,
          article,
          command.decidedOn,
          concerns,
        ),
      );
  }
  return events;
}

function discontinue(command: Discontinue, state: CaseState): CaseEvent[] | Refusal {
  const whole = caseDiscontinued(state);
  if (whole)
    return refusal(
      `the case was discontinued on ${whole.discontinuedOn}`,
      reason('case.discontinued', { discontinuedOn: whole.discontinuedOn }),
    );
  if (command.officialId !== null) {
    const defendant = defendantOf(state, command.officialId);
    if (!isDefendant(defendant)) return defendant;
    if (
      defendant.stage === 'convicted' ||
      defendant.stage === 'acquitted' ||
      defendant.stage === 'discontinued'
    )
      return refusal(
        `the prosecution of ${defendant.name} is ${defendant.stage}`,
        reason('case.defendant-decided', { stage: defendant.stage }),
        { field: 'officialId' },
      );
  } else if (state.defendants.some((defendant) => defendant.stage === 'in-court'))
    return refusal(
      'defendants of this case are before a court: the court decides, or discontinue each prosecution',
      reason('case.before-court', {}),
    );
  const unknown = knownDocuments(state, command.evidence, 'evidence');
  if (unknown) return unknown;
  const late = checkDate(state, command, command.discontinuedOn, 'discontinuedOn');
  if (late) return late;
  return [
    {
      type: 'prosecution-discontinued',
      payload: {
        officialId: command.officialId,
        ground: command.ground,
        evidence: [...command.evidence],
        reason: command.reason,
        discontinuedOn: command.discontinuedOn,
        recordedAt: command.now,
      },
    },
  ];
}

function resume(command: Resume, state: CaseState): CaseEvent[] | Refusal {
  const record =
    command.officialId === null
      ? caseDiscontinued(state)
      : (() => {
          const defendant = state.defendants.find((candidate) => candidate.officialId === command.officialId);
          return defendant?.stage === 'discontinued' ? (defendant.discontinuations.at(-1) ?? null) : null;
        })();
  if (!record)
    return refusal('nothing here is discontinued', reason('case.not-discontinued', {}), {
      field: 'officialId',
    });
  const late = checkDate(state, command, command.resumedOn, 'resumedOn');
  if (late) return late;
  if (command.resumedOn < record.discontinuedOn)
    return refusal(
      `the discontinuation (${record.discontinuedOn}) cannot be quashed before it was made`,
      reason('case.step-before', {
        date: command.resumedOn,
        earlier: record.discontinuedOn,
        step: 'discontinued',
      }),
      { field: 'resumedOn' },
    );
  return [
    {
      type: 'prosecution-resumed',
      payload: {
        officialId: command.officialId,
        by: command.by,
        reason: command.reason,
        resumedOn: command.resumedOn,
        recordedAt: command.now,
      },
    },
  ];
}

function voidDecisions(command: VoidDecisions, state: CaseState): CaseEvent[] | Refusal {
  if (command.documentIds.length === 0)
    return refusal('name the decisions declared void', reason('case.decisions-needed', {}), {
      rule: 'kz.torture.nullity',
      field: 'documentIds',
    });
  for (const documentId of command.documentIds) {
    const document = state.documents.find((candidate) => candidate.documentId === documentId);
    if (!document)
      return refusal(
        `there is no document ${documentId} in this file`,
        reason('case.unknown-document', { documentId }),
        {
          rule: 'kz.torture.nullity',
          field: 'documentIds',
        },
      );
    if (document.kind !== 'decision')
      return refusal(
        `document ${documentId} is not a procedural decision`,
        reason('case.not-a-decision', { documentId }),
        { rule: 'kz.torture.nullity', field: 'documentIds' },
      );
    if (document.voidedBy !== null)
      return refusal(`decision ${documentId} is already void`, reason('case.already-void', { documentId }), {
        rule: 'kz.torture.nullity',
        field: 'documentIds',
      });
  }
  const late = checkDate(state, command, command.voidedOn, 'voidedOn');
  if (late) return late;
  return [
    {
      type: 'decisions-voided',
      payload: {
        documentIds: [...new Set(command.documentIds)],
        basis: command.basis,
        by: command.by,
        voidedOn: command.voidedOn,
        recordedAt: command.now,
      },
    },
  ];
}

function decideRedress(command: DecideRedress, state: CaseState): CaseEvent[] | Refusal {
  if (!state.victims.some((victim) => victim.victimId === command.victimId))
    return refusal(
      `there is no victim ${command.victimId} in this case`,
      reason('case.unknown-victim', { victimId: command.victimId }),
      {
        rule: 'kz.redress.fund',
        field: 'victimId',
      },
    );
  // The victims' fund pays before trial (seed ¶63): an award is dated, not bounded by the case's steps.
  if (command.decidedOn > command.today)
    return refusal(
      `decidedOn ${command.decidedOn} is after today`,
      reason('case.date-future', { date: command.decidedOn }),
      {
        field: 'decidedOn',
      },
    );
  return [
    {
      type: 'redress-decided',
      payload: {
        redressId: command.redressId,
        victimId: command.victimId,
        by: command.by,
        category: command.category,
        purpose: command.purpose,
        amountKzt: command.amountKzt,
        decidedOn: command.decidedOn,
        recordedAt: command.now,
      },
    },
  ];
}

function payRedress(command: PayRedress, state: CaseState): CaseEvent[] | Refusal {
  const redress = state.redress.find((candidate) => candidate.redressId === command.redressId);
  if (!redress)
    return refusal(
      `there is no compensation ${command.redressId} in this case`,
      reason('case.unknown-redress', { redressId: command.redressId }),
      { rule: 'kz.redress.fund', field: 'redressId' },
    );
  const paid = redress.payments.reduce((sum, payment) => sum + payment.amountKzt, 0);
  if (paid + command.amountKzt > redress.amountKzt)
    return refusal(
      `${command.amountKzt} KZT would make ${paid + command.amountKzt} paid of ${redress.amountKzt} decided`,
      reason('redress.overpaid', {
        decidedKzt: redress.amountKzt,
        paidKzt: paid,
        amountKzt: command.amountKzt,
      }),
      { rule: 'kz.redress.fund', field: 'amountKzt' },
    );
  if (command.paidOn < redress.decidedOn)
    return refusal(
      `the payment (${command.paidOn}) cannot precede the decision (${redress.decidedOn})`,
      reason('case.step-before', {
        date: command.paidOn,
        earlier: redress.decidedOn,
        step: 'redress-decided',
      }),
      { rule: 'kz.redress.fund', field: 'paidOn' },
    );
  if (command.paidOn > command.today)
    return refusal(
      `paidOn ${command.paidOn} is after today`,
      reason('case.date-future', { date: command.paidOn }),
      {
        field: 'paidOn',
      },
    );
  return [
    {
      type: 'redress-paid',
      payload: {
        redressId: command.redressId,
        amountKzt: command.amountKzt,
        paidOn: command.paidOn,
        recordedAt: command.now,
      },
    },
  ];
}

function decide(command: CaseCommand, state: CaseState, rules: CaseRules): CaseEvent[] | Refusal {
  if (command.type === 'record-due-findings')
    return state.opened ? caseDueFindings(state, rules, command.now) : [];
  if (command.type === 'open-case') {
    if (state.opened) return refusal('this case is already open', reason('case.already-opened', {}));
    if (command.sources.length === 0 && command.exOfficioBasis === null)
      return refusal(
        'name the allegations the case is opened on, or the basis for opening it ex officio',
        reason('case.source-needed', {}),
        { field: 'sources' },
      );
    const seen = new Set<string>();
    for (const source of command.sources) {
      const key = `${source.kind} ${source.reference}`;
      if (seen.has(key))
        return refusal(
          `${source.reference} is named twice`,
          reason('case.source-twice', { reference: source.reference }),
          {
            rule: 'kz.cases.joined',
            field: 'sources',
          },
        );
      seen.add(key);
    }
    const late = checkDate(state, command, command.openedOn, 'openedOn');
    if (late) return late;
    return [
      {
        type: 'case-opened',
        payload: {
          caseId: command.caseId,
          number: command.number,
          article: command.article,
          openedOn: command.openedOn,
          investigatingBody: command.investigatingBody,
          region: command.region,
          tags: [...new Set(command.tags)],
          sources: command.sources.map((source) => ({ ...source })),
          exOfficioBasis: command.exOfficioBasis,
          recordedAt: command.now,
        },
      },
    ];
  }
  if (!state.opened) return notOpened();
  const events = decideOnOpenCase(command, state, rules);
  return Array.isArray(events) ? withDueFindings(state, events, rules, command) : events;
}

function decideOnOpenCase(
  command: Exclude<CaseCommand, { type: 'open-case' | 'record-due-findings' }>,
  state: CaseState,
  rules: CaseRules,
): CaseEvent[] | Refusal {
  const now = command.now;
  switch (command.type) {
    case 'join-allegation': {
      const { source } = command;
      if (
        state.sources.some(
          (known) => known.source.kind === source.kind && known.source.reference === source.reference,
        )
      )
        return refusal(
          `${source.reference} is already in this case`,
          reason('case.allegation-in-case', { reference: source.reference }),
          { rule: 'kz.cases.joined', field: 'reference' },
        );
      const late = checkDate(state, command, command.joinedOn, 'joinedOn');
      if (late) return late;
      return [
        {
          type: 'allegation-joined',
          payload: { source: { ...source }, joinedOn: command.joinedOn, recordedAt: now },
        },
      ];
    }
    case 'update-case': {
      const body = command.investigatingBody;
      const tags = command.tags === null ? null : [...new Set(command.tags)];
      const sameBody = body === null || body === state.investigatingBody;
      const sameTags =
        tags === null || (tags.length === state.tags.length && tags.every((tag, i) => tag === state.tags[i]));
      if (sameBody && sameTags) return [];
      return [
        {
          type: 'case-updated',
          payload: {
            investigatingBody: sameBody ? null : body,
            tags: sameTags ? null : tags,
            reason: command.reason,
            recordedAt: now,
          },
        },
      ];
    }
    case 'recognise-victim': {
      const late = checkDate(state, command, command.recognisedOn, 'recognisedOn');
      if (late) return late;
      if (command.personId !== null && state.victims.some((victim) => victim.personId === command.personId))
        return refusal('this person is already a victim in this case', reason('case.victim-already', {}), {
          field: 'personId',
        });
      return [
        {
          type: 'victim-recognised',
          payload: {
            victimId: command.victimId,
            personId: command.personId,
            name: command.name,
            recognisedOn: command.recognisedOn,
            recordedAt: now,
          },
        },
      ];
    }
    case 'add-document': {
      // kz.defence.file: a defence submission is included as submitted; only the date is checked.
      if (command.dated > command.today)
        return refusal(
          `the document is dated ${command.dated}, after today`,
          reason('case.date-future', { date: command.dated }),
          {
            rule: command.submittedBy === 'defence' ? 'kz.defence.file' : undefined,
            field: 'dated',
          },
        );
      return [
        {
          type: 'document-added',
          payload: {
            documentId: command.documentId,
            kind: command.kind,
            title: command.title,
            dated: command.dated,
            submittedBy: command.submittedBy,
            digest: { ...command.digest },
            stored: command.stored,
            recordedAt: now,
          },
        },
      ];
    }
    case 'identify-suspect': {
      if (state.defendants.some((defendant) => defendant.officialId === command.officialId))
        return refusal(
          `${command.name} was already identified in this case`,
          reason('suspects.already-identified', { official: command.name }),
          { rule: 'kz.torture.suspension', field: 'officialId' },
        );
      const future = checkMoment(command, command.identifiedAt, 'identifiedAt');
      if (future) return future;
      const identified: CaseEvent = {
        type: 'suspect-identified',
        payload: {
          officialId: command.officialId,
          name: command.name,
          identifiedAt: command.identifiedAt,
          recordedAt: now,
        },
      };
      // A suspension already made (a historical case entered later): in the same append, so the
      // clock is judged on what happened, not on when it was typed in.
      if (command.suspension === null) return [identified];
      const { suspendedAt, orderedBy } = command.suspension;
      if (ms(suspendedAt) < ms(command.identifiedAt))
        return refusal(
          `the suspension cannot precede the identification (${command.identifiedAt})`,
          reason('suspension.before-identification', { identifiedAt: command.identifiedAt }),
          { rule: 'kz.torture.suspension', field: 'suspension.suspendedAt' },
        );
      const late = checkMoment(command, suspendedAt, 'suspension.suspendedAt');
      if (late) return late;
      return [
        identified,
        {
          type: 'suspect-suspended',
          payload: { officialId: command.officialId, suspendedAt, orderedBy, recordedAt: now },
        },
      ];
    }
    case 'suspend-suspect': {
      const defendant = state.defendants.find((candidate) => candidate.officialId === command.officialId);
      if (!defendant)
        return refusal(
          `official ${command.officialId} was not identified as a suspect in this case: identify them first`,
          reason('suspension.not-identified', { official: command.officialId }),
          { rule: 'kz.torture.suspension', field: 'officialId' },
        );
      if (defendant.suspension)
        return refusal(
          `${defendant.name} was already suspended`,
          reason('suspension.already', { official: defendant.name }),
          {
            rule: 'kz.torture.suspension',
            field: 'officialId',
          },
        );
      if (ms(command.suspendedAt) < ms(defendant.identifiedAt))
        return refusal(
          `the suspension cannot precede the identification (${defendant.identifiedAt})`,
          reason('suspension.before-identification', { identifiedAt: defendant.identifiedAt }),
          { rule: 'kz.torture.suspension', field: 'suspendedAt' },
        );
      const future = checkMoment(command, command.suspendedAt, 'suspendedAt');
      if (future) return future;
      return [
        {
          type: 'suspect-suspended',
          payload: {
            officialId: command.officialId,
            suspendedAt: command.suspendedAt,
            orderedBy: command.orderedBy,
            recordedAt: now,
          },
        },
      ];
    }
    case 'charge-defendant':
      return charge(command, state, rules);
    case 'send-to-court':
      return sendToCourt(command, state);
    case 'record-verdict':
      return recordVerdict(command, state, rules);
    case 'file-appeal': {
      const defendant = defendantOf(state, command.officialId);
      if (!isDefendant(defendant)) return defendant;
      const verdict = defendant.verdicts.at(-1);
      if (!verdict || defendant.final === null)
        return refusal(
          `there is no verdict on ${defendant.name} to appeal`,
          reason('case.no-verdict', { officialId: command.officialId }),
          {
            field: 'officialId',
          },
        );
      if (defendant.appeals.some((appeal) => appeal.decided === null))
        return refusal(
          `an appeal of ${defendant.name} is pending`,
          reason('case.appeal-open', { officialId: command.officialId }),
          {
            field: 'officialId',
          },
        );
      const late = checkDate(state, command, command.filedOn, 'filedOn');
      if (late) return late;
      if (command.filedOn < verdict.decidedOn)
        return refusal(
          `the appeal (${command.filedOn}) cannot precede the verdict (${verdict.decidedOn})`,
          reason('case.step-before', { date: command.filedOn, earlier: verdict.decidedOn, step: 'verdict' }),
          { field: 'filedOn' },
        );
      return [
        {
          type: 'appeal-filed',
          payload: {
            officialId: command.officialId,
            by: command.by,
            filedOn: command.filedOn,
            recordedAt: now,
          },
        },
      ];
    }
    case 'decide-appeal':
      return decideAppeal(command, state, rules);
    case 'discontinue':
      return discontinue(command, state);
    case 'resume':
      return resume(command, state);
    case 'exclude-evidence': {
      if (command.documentId !== null) {
        const unknown = knownDocuments(state, [command.documentId], 'documentId');
        if (unknown) return { ...unknown, rule: 'kz.evidence.inadmissible' };
        const document = state.documents.find((candidate) => candidate.documentId === command.documentId);
        if (document?.excludedBy !== null)
          return refusal(
            `document ${command.documentId} is already excluded`,
            reason('case.already-excluded', { documentId: command.documentId }),
            { rule: 'kz.evidence.inadmissible', field: 'documentId' },
          );
      }
      const late = checkDate(state, command, command.excludedOn, 'excludedOn');
      if (late) return late;
      return [
        {
          type: 'evidence-excluded',
          payload: {
            description: command.description,
            documentId: command.documentId,
            by: command.by,
            excludedOn: command.excludedOn,
            recordedAt: now,
          },
        },
      ];
    }
    case 'void-decisions':
      return voidDecisions(command, state);
    case 'decide-redress':
      return decideRedress(command, state);
    case 'pay-redress':
      return payRedress(command, state);
    case 'provide-rehabilitation': {
      if (!state.victims.some((victim) => victim.victimId === command.victimId))
        return refusal(
          `there is no victim ${command.victimId} in this case`,
          reason('case.unknown-victim', { victimId: command.victimId }),
          { field: 'victimId' },
        );
      if (command.providedOn > command.today)
        return refusal(
          `providedOn ${command.providedOn} is after today`,
          reason('case.date-future', { date: command.providedOn }),
          {
            field: 'providedOn',
          },
        );
      return [
        {
          type: 'rehabilitation-provided',
          payload: {
            victimId: command.victimId,
            measure: command.measure,
            description: command.description,
            providedOn: command.providedOn,
            recordedAt: now,
          },
        },
      ];
    }
  }
}

/** The case context's pure core, with the rules in force. */
export function caseDecider(rules: CaseRules) {
  return {
    initialState: initialCaseState,
    evolve: evolveCase,
    decide: (command: CaseCommand, state: CaseState): CaseEvent[] | Refusal => decide(command, state, rules),
  };
}

export type CaseDecider = ReturnType<typeof caseDecider>;

export { suspensionKey };
