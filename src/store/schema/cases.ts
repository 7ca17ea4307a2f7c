/**
 * Case file tables (migration 0015, issue 20): read models kept by src/store/projections/cases.ts
 * and rebuilt from the log. `cases.state` is the decider's CaseState as JSON (the whole file: who is
 * charged, victims' names); the other tables are what lists, clocks, scopes and statistics query.
 */
export interface CaseTables {
  cases: CaseRow;
  case_sources: CaseSourceRow;
  case_defendants: CaseDefendantRow;
  case_documents: CaseDocumentRow;
  case_redress: CaseRedressRow;
  case_clocks: CaseClockRow;
  case_findings: CaseFindingRow;
  officials: OfficialRow;
}

export interface CaseRow {
  /** The opaque case id (stream `case/<id>`). */
  id: string;
  /** The ERDR number, unique. */
  number: string;
  article: string;
  opened_on: string;
  investigating_body: string;
  /** ISO 3166-2:KZ: the procurator's scope. */
  region: string;
  /** JSON array of tags. */
  tags: string;
  /** 1 when opened with no allegation. */
  ex_officio: number;
  /** `investigation`, `in-court`, `decided`, `discontinued` (src/domain/cases/status.ts). */
  status: string;
  /** Allegations in the case, joined ones included (kz.cases.joined). */
  allegations: number;
  defendants: number;
  state: string;
  version: number;
  updated_at: string;
}

export interface CaseSourceRow {
  /** `complaint`, `medical-referral` or `death`. */
  kind: string;
  reference: string;
  case_id: string;
  /** The date it entered the case. */
  on_date: string;
  /** 1 when joined after the case was opened. */
  joined: number;
  seq: number;
}

export interface CaseDefendantRow {
  case_id: string;
  official_id: string;
  name: string;
  identified_at: string;
  suspended_at: string | null;
  /** src/domain/cases/state.ts DefendantStage. */
  stage: string;
  /** The article of the charge that stands. */
  charge_article: string | null;
  court_name: string | null;
  /** Where the judge's scope looks: the region of the court the defendant was sent to. */
  court_region: string | null;
  sent_on: string | null;
  /** `convicted` or `acquitted`: the outcome that stands after appeals. */
  outcome: string | null;
  final_article: string | null;
  /** JSON of the Sentence that stands, or null. */
  sentence: string | null;
  suspended_sentence: number;
  plea_agreement: number;
  /** 1 when the charge or the outcome left the torture article (kz.torture.sentencing). */
  reclassified: number;
  /** The date of the verdict (or the appeal decision) that stands. */
  decided_on: string | null;
  discontinued_on: string | null;
  discontinuation_ground: string | null;
}

export interface CaseDocumentRow {
  case_id: string;
  document_id: string;
  kind: string;
  submitted_by: string;
  dated: string;
  sha256: string;
  /** The entry that recorded it: what a verifier checks the digest against. */
  seq: number;
  voided_seq: number | null;
  excluded_seq: number | null;
}

export interface CaseRedressRow {
  case_id: string;
  redress_id: string;
  victim_id: string;
  /** `victims-fund` or `court`. */
  body: string;
  category: string;
  purpose: string;
  amount_kzt: number;
  decided_on: string;
  paid_kzt: number;
  /** The date of the payment that completed it, or of the last payment so far; null when none. */
  paid_on: string | null;
}

export interface CaseClockRow {
  case_id: string;
  clock_key: string;
  rule: string;
  kind: string;
  started_at: string;
  due_at: string;
  outcome: string;
  ended_at: string | null;
  pending_due_at: string | null;
}

export interface CaseFindingRow {
  seq: number;
  case_id: string;
  rule: string;
  kind: string;
  at: string;
  detail: string;
  params: string | null;
  pack: string;
  pack_version: string;
  recorded_at: string;
}

export interface OfficialRow {
  id: string;
  name: string;
  /** Lower-case NFC name, for search. */
  name_key: string;
  position: string;
  agency: string;
  facility_id: string | null;
  unit: string | null;
  region: string;
  /** JSON of the OfficialState (history of details). */
  state: string;
  version: number;
  updated_at: string;
}
