import type {
  AllegationSource,
  AppealParty,
  CaseOpened,
  Court,
  DecidingBody,
  Digest,
  DiscontinuationGround,
  DocumentAuthor,
  DocumentKind,
  RedressBody,
  RedressCategory,
  RedressPurpose,
  RehabilitationMeasure,
  Sentence,
  VerdictOutcome,
} from './events.js';

/*
 * What the case decider folds from a case's stream: the file as it stands, every step kept with
 * the entry (seq) that recorded it. The read model stores this state (src/store/projections/cases.ts).
 */

/** Where a defendant's prosecution stands (the last step decides; an appeal does not change the stage). */
export const DEFENDANT_STAGES = [
  'suspect',
  'charged',
  'in-court',
  'convicted',
  'acquitted',
  'discontinued',
] as const;
export type DefendantStage = (typeof DEFENDANT_STAGES)[number];

export interface Step {
  seq: number;
  actor: string;
}

export interface VerdictRecord extends Step {
  court: Court;
  outcome: VerdictOutcome;
  article: string;
  sentence: Sentence | null;
  pleaAgreement: boolean;
  decidedOn: string;
}

export interface AppealRecord extends Step {
  by: AppealParty;
  filedOn: string;
  decided: (Step & { court: Court; result: 'upheld' | 'changed' | 'retrial'; decidedOn: string }) | null;
}

export interface DiscontinuationRecord extends Step {
  ground: DiscontinuationGround;
  evidence: string[];
  reason: string;
  discontinuedOn: string;
  /** When the discontinuation was quashed. */
  resumed: (Step & { by: DecidingBody; reason: string; resumedOn: string }) | null;
}

/** An official in this case: from identification as a suspect to the final outcome. */
export interface DefendantRecord {
  officialId: string;
  /** As identified (the register may have changed it since). */
  name: string;
  identifiedAt: string;
  identified: Step;
  suspension: (Step & { suspendedAt: string; orderedBy: string }) | null;
  /** Every charge, in order; the last is the one that stands. */
  charges: (Step & { article: string; chargedOn: string })[];
  court: (Step & { court: Court; sentOn: string }) | null;
  /** Every verdict, in order (a retrial gives another); the last stands unless an appeal changed it. */
  verdicts: VerdictRecord[];
  appeals: AppealRecord[];
  discontinuations: DiscontinuationRecord[];
  /** The outcome that stands after appeals: the last verdict, or the appeal court's change of it. */
  final: {
    outcome: VerdictOutcome;
    article: string;
    sentence: Sentence | null;
    pleaAgreement: boolean;
  } | null;
  stage: DefendantStage;
}

export interface DocumentRecord extends Step {
  documentId: string;
  kind: DocumentKind;
  title: string;
  dated: string;
  submittedBy: DocumentAuthor;
  digest: Digest;
  stored: boolean;
  recordedAt: string;
  /** kz.torture.nullity: the entry that declared it void. */
  voidedBy: number | null;
  /** kz.evidence.inadmissible: the entry that excluded it. */
  excludedBy: number | null;
}

export interface SourceRecord extends Step {
  source: AllegationSource;
  /** The date it entered the case: the opening date, or the day it was joined. */
  on: string;
  /** Joined after the case was opened (kz.cases.joined). */
  joined: boolean;
}

export interface VictimRecord extends Step {
  victimId: string;
  personId: string | null;
  name: string;
  recognisedOn: string;
}

export interface RedressRecord extends Step {
  redressId: string;
  victimId: string;
  by: RedressBody;
  category: RedressCategory;
  purpose: RedressPurpose;
  amountKzt: number;
  decidedOn: string;
  payments: (Step & { amountKzt: number; paidOn: string })[];
}

export interface CaseFindingRecord extends Step {
  key: string;
  rule: string;
  at: string;
  detail: string;
}

export type CaseState = {
  opened: (Omit<CaseOpened['payload'], 'sources' | 'tags' | 'investigatingBody'> & Step) | null;
  investigatingBody: string;
  tags: string[];
  sources: SourceRecord[];
  victims: VictimRecord[];
  documents: DocumentRecord[];
  /** By official id, in the order identified. */
  defendants: DefendantRecord[];
  /** Discontinuations of the whole case (officialId null); the last stands unless resumed. */
  discontinuations: DiscontinuationRecord[];
  exclusions: (Step & {
    description: string;
    documentId: string | null;
    by: DecidingBody;
    excludedOn: string;
  })[];
  nullities: (Step & { documentIds: string[]; basis: string; by: DecidingBody; voidedOn: string })[];
  redress: RedressRecord[];
  rehabilitation: (Step & {
    victimId: string;
    measure: RehabilitationMeasure;
    description: string;
    providedOn: string;
  })[];
  findings: CaseFindingRecord[];
  version: number;
};

export const initialCaseState: CaseState = {
  opened: null,
  investigatingBody: '',
  tags: [],
  sources: [],
  victims: [],
  documents: [],
  defendants: [],
  discontinuations: [],
  exclusions: [],
  nullities: [],
  redress: [],
  rehabilitation: [],
  findings: [],
  version: 0,
};

/** The whole case is discontinued: its last discontinuation was not quashed. */
export function caseDiscontinued(state: CaseState): DiscontinuationRecord | null {
  const last = state.discontinuations.at(-1);
  return last && last.resumed === null ? last : null;
}
