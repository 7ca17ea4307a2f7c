import type { EventMeta } from '../decision.js';
import type { CaseEvent } from './events.js';
import type { CaseState, DefendantRecord, DefendantStage } from './state.js';

/** Where a defendant stands: the latest of discontinued (not resumed), verdict, court, charge. */
export function stageOf(defendant: Omit<DefendantRecord, 'stage'>): DefendantStage {
  const lastDiscontinuation = defendant.discontinuations.at(-1);
  if (lastDiscontinuation && lastDiscontinuation.resumed === null) return 'discontinued';
  if (defendant.final) return defendant.final.outcome;
  if (defendant.court) return 'in-court';
  if (defendant.charges.length > 0) return 'charged';
  return 'suspect';
}

function withDefendant(
  state: CaseState,
  officialId: string,
  change: (defendant: DefendantRecord) => Omit<DefendantRecord, 'stage'>,
): DefendantRecord[] {
  return state.defendants.map((defendant) => {
    if (defendant.officialId !== officialId) return defendant;
    const changed = change(defendant);
    return { ...changed, stage: stageOf(changed) };
  });
}

/** Pure: the case file after one more entry. */
export function evolveCase(state: CaseState, event: CaseEvent, meta: EventMeta): CaseState {
  const step = { seq: meta.seq, actor: meta.actor };
  const next = { ...state, version: meta.version };
  switch (event.type) {
    case 'case-opened': {
      const { sources, tags, investigatingBody, ...opened } = event.payload;
      return {
        ...next,
        opened: { ...opened, ...step },
        investigatingBody,
        tags: [...tags],
        sources: sources.map((source) => ({ ...step, source, on: opened.openedOn, joined: false })),
      };
    }
    case 'allegation-joined':
      return {
        ...next,
        sources: [
          ...state.sources,
          { ...step, source: event.payload.source, on: event.payload.joinedOn, joined: true },
        ],
      };
    case 'case-updated':
      return {
        ...next,
        investigatingBody: event.payload.investigatingBody ?? state.investigatingBody,
        tags: event.payload.tags ?? state.tags,
      };
    case 'victim-recognised': {
      const { recordedAt: _recordedAt, ...victim } = event.payload;
      return { ...next, victims: [...state.victims, { ...victim, ...step }] };
    }
    case 'document-added':
      return {
        ...next,
        documents: [...state.documents, { ...event.payload, ...step, voidedBy: null, excludedBy: null }],
      };
    case 'suspect-identified': {
      const fresh: Omit<DefendantRecord, 'stage'> = {
        officialId: event.payload.officialId,
        name: event.payload.name,
        identifiedAt: event.payload.identifiedAt,
        identified: step,
        suspension: null,
        charges: [],
        court: null,
        verdicts: [],
        appeals: [],
        discontinuations: [],
        final: null,
      };
      return { ...next, defendants: [...state.defendants, { ...fresh, stage: stageOf(fresh) }] };
    }
    case 'suspect-suspended':
      return {
        ...next,
        defendants: withDefendant(state, event.payload.officialId, (defendant) => ({
          ...defendant,
          suspension: { ...step, suspendedAt: event.payload.suspendedAt, orderedBy: event.payload.orderedBy },
        })),
      };
    case 'defendant-charged':
      return {
        ...next,
        defendants: withDefendant(state, event.payload.officialId, (defendant) => ({
          ...defendant,
          charges: [
            ...defendant.charges,
            { ...step, article: event.payload.article, chargedOn: event.payload.chargedOn },
          ],
        })),
      };
    case 'sent-to-court': {
      const sent = new Set(event.payload.officialIds);
      return {
        ...next,
        defendants: state.defendants.map((defendant) => {
          if (!sent.has(defendant.officialId)) return defendant;
          const changed = {
            ...defendant,
            court: { ...step, court: event.payload.court, sentOn: event.payload.sentOn },
          };
          return { ...changed, stage: stageOf(changed) };
        }),
      };
    }
    case 'verdict-recorded': {
      const { officialId, recordedAt: _recordedAt, ...verdict } = event.payload;
      return {
        ...next,
        defendants: withDefendant(state, officialId, (defendant) => ({
          ...defendant,
          verdicts: [...defendant.verdicts, { ...verdict, ...step }],
          final: {
            outcome: verdict.outcome,
            article: verdict.article,
            sentence: verdict.sentence,
            pleaAgreement: verdict.pleaAgreement,
          },
        })),
      };
    }
    case 'appeal-filed':
      return {
        ...next,
        defendants: withDefendant(state, event.payload.officialId, (defendant) => ({
          ...defendant,
          appeals: [
            ...defendant.appeals,
            { ...step, by: event.payload.by, filedOn: event.payload.filedOn, decided: null },
          ],
        })),
      };
    case 'appeal-decided': {
      const { officialId, court, result, decidedOn } = event.payload;
      return {
        ...next,
        defendants: withDefendant(state, officialId, (defendant) => {
          const open = defendant.appeals.findLastIndex((appeal) => appeal.decided === null);
          const appeals = defendant.appeals.map((appeal, i) =>
            i === open ? { ...appeal, decided: { ...step, court, result, decidedOn } } : appeal,
          );
          const final =
            result === 'changed' && event.payload.outcome !== null && defendant.final !== null
              ? {
                  outcome: event.payload.outcome,
                  article: event.payload.article ?? defendant.final.article,
                  sentence: event.payload.outcome === 'acquitted' ? null : event.payload.sentence,
                  pleaAgreement: defendant.final.pleaAgreement,
                }
              : result === 'retrial'
                ? null
                : defendant.final;
          return { ...defendant, appeals, final };
        }),
      };
    }
    case 'prosecution-discontinued': {
      const { officialId, recordedAt: _recordedAt, ...rest } = event.payload;
      const record = { ...rest, ...step, resumed: null };
      if (officialId === null) return { ...next, discontinuations: [...state.discontinuations, record] };
      return {
        ...next,
        defendants: withDefendant(state, officialId, (defendant) => ({
          ...defendant,
          discontinuations: [...defendant.discontinuations, record],
        })),
      };
    }
    case 'prosecution-resumed': {
      const { officialId, by, reason, resumedOn } = event.payload;
      const resumed = { ...step, by, reason, resumedOn };
      if (officialId === null)
        return {
          ...next,
          discontinuations: state.discontinuations.map((record, i, all) =>
            i === all.length - 1 ? { ...record, resumed } : record,
          ),
        };
      return {
        ...next,
        defendants: withDefendant(state, officialId, (defendant) => ({
          ...defendant,
          discontinuations: defendant.discontinuations.map((record, i, all) =>
            i === all.length - 1 ? { ...record, resumed } : record,
          ),
        })),
      };
    }
    case 'evidence-excluded': {
      const { recordedAt: _recordedAt, ...exclusion } = event.payload;
      return {
        ...next,
        exclusions: [...state.exclusions, { ...exclusion, ...step }],
        documents: state.documents.map((document) =>
          document.documentId === exclusion.documentId ? { ...document, excludedBy: meta.seq } : document,
        ),
      };
    }
    case 'decisions-voided': {
      const { recordedAt: _recordedAt, ...nullity } = event.payload;
      const voided = new Set(nullity.documentIds);
      return {
        ...next,
        nullities: [...state.nullities, { ...nullity, ...step }],
        documents: state.documents.map((document) =>
          voided.has(document.documentId) ? { ...document, voidedBy: meta.seq } : document,
        ),
      };
    }
    case 'redress-decided': {
      const { recordedAt: _recordedAt, ...redress } = event.payload;
      return { ...next, redress: [...state.redress, { ...redress, ...step, payments: [] }] };
    }
    case 'redress-paid':
      return {
        ...next,
        redress: state.redress.map((redress) =>
          redress.redressId === event.payload.redressId
            ? {
                ...redress,
                payments: [
                  ...redress.payments,
                  { ...step, amountKzt: event.payload.amountKzt, paidOn: event.payload.paidOn },
                ],
              }
            : redress,
        ),
      };
    case 'rehabilitation-provided': {
      const { recordedAt: _recordedAt, ...measure } = event.payload;
      return { ...next, rehabilitation: [...state.rehabilitation, { ...measure, ...step }] };
    }
    case 'finding-recorded':
      return {
        ...next,
        findings: [
          ...state.findings,
          {
            ...step,
            key: event.payload.key,
            rule: event.payload.rule,
            at: event.payload.at,
            detail: event.payload.detail,
          },
        ],
      };
  }
}
