import type {
  AllegationSource,
  AppealParty,
  AppealResult,
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
 * The commands of the case decider. Time (`now`, server time as ISO 8601 UTC, and `today`, its
 * date in Kazakhstan), the actor and every random id come in with the command (STYLE.md
 * "Deciders"). What only the read models know — that an allegation exists and is in no other case,
 * that an official is in the register — the application checks before it asks.
 */

interface Common {
  now: string;
  /** `now` as a date in Kazakhstan (YYYY-MM-DD): no date of a case may be after it. */
  today: string;
  actor: string;
}

export type OpenCase = Common & {
  type: 'open-case';
  caseId: string;
  number: string;
  article: string;
  openedOn: string;
  investigatingBody: string;
  region: string;
  tags: string[];
  sources: AllegationSource[];
  exOfficioBasis: string | null;
};

export type JoinAllegation = Common & { type: 'join-allegation'; source: AllegationSource; joinedOn: string };

export type UpdateCase = Common & {
  type: 'update-case';
  investigatingBody: string | null;
  tags: string[] | null;
  reason: string;
};

export type RecogniseVictim = Common & {
  type: 'recognise-victim';
  victimId: string;
  personId: string | null;
  name: string;
  recognisedOn: string;
};

export type AddDocument = Common & {
  type: 'add-document';
  documentId: string;
  kind: DocumentKind;
  title: string;
  dated: string;
  submittedBy: DocumentAuthor;
  digest: Digest;
  stored: boolean;
};

/** The official as the register names them at identification (the finding says the name). */
export type IdentifySuspect = Common & {
  type: 'identify-suspect';
  officialId: string;
  name: string;
  identifiedAt: string;
  /** The suspension, when it was made before the identification is recorded (a historical case). */
  suspension: { suspendedAt: string; orderedBy: string } | null;
};

export type SuspendSuspect = Common & {
  type: 'suspend-suspect';
  officialId: string;
  suspendedAt: string;
  orderedBy: string;
};

export type ChargeDefendant = Common & {
  type: 'charge-defendant';
  officialId: string;
  article: string;
  chargedOn: string;
};

export type SendToCourt = Common & {
  type: 'send-to-court';
  officialIds: string[];
  court: Court;
  sentOn: string;
};

export type RecordVerdict = Common & {
  type: 'record-verdict';
  officialId: string;
  court: Court;
  outcome: VerdictOutcome;
  article: string;
  sentence: Sentence | null;
  pleaAgreement: boolean;
  decidedOn: string;
};

export type FileAppeal = Common & {
  type: 'file-appeal';
  officialId: string;
  by: AppealParty;
  filedOn: string;
};

export type DecideAppeal = Common & {
  type: 'decide-appeal';
  officialId: string;
  court: Court;
  result: AppealResult;
  outcome: VerdictOutcome | null;
  article: string | null;
  sentence: Sentence | null;
  decidedOn: string;
};

export type Discontinue = Common & {
  type: 'discontinue';
  officialId: string | null;
  ground: DiscontinuationGround;
  evidence: string[];
  reason: string;
  discontinuedOn: string;
};

export type Resume = Common & {
  type: 'resume';
  officialId: string | null;
  by: DecidingBody;
  reason: string;
  resumedOn: string;
};

export type ExcludeEvidence = Common & {
  type: 'exclude-evidence';
  description: string;
  documentId: string | null;
  by: DecidingBody;
  excludedOn: string;
};

export type VoidDecisions = Common & {
  type: 'void-decisions';
  documentIds: string[];
  basis: string;
  by: DecidingBody;
  voidedOn: string;
};

export type DecideRedress = Common & {
  type: 'decide-redress';
  redressId: string;
  victimId: string;
  by: RedressBody;
  category: RedressCategory;
  purpose: RedressPurpose;
  amountKzt: number;
  decidedOn: string;
};

export type PayRedress = Common & {
  type: 'pay-redress';
  redressId: string;
  amountKzt: number;
  paidOn: string;
};

export type ProvideRehabilitation = Common & {
  type: 'provide-rehabilitation';
  victimId: string;
  measure: RehabilitationMeasure;
  description: string;
  providedOn: string;
};

/** The scheduler: record the findings of the clocks breached by `now`. */
export type RecordCaseDueFindings = { type: 'record-due-findings'; now: string; actor: string };

export type CaseCommand =
  | OpenCase
  | JoinAllegation
  | UpdateCase
  | RecogniseVictim
  | AddDocument
  | IdentifySuspect
  | SuspendSuspect
  | ChargeDefendant
  | SendToCourt
  | RecordVerdict
  | FileAppeal
  | DecideAppeal
  | Discontinue
  | Resume
  | ExcludeEvidence
  | VoidDecisions
  | DecideRedress
  | PayRedress
  | ProvideRehabilitation
  | RecordCaseDueFindings;

export type CaseCommandType = CaseCommand['type'];
