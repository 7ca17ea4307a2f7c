/** Read models of remand centres and prisons (migration 0005), kept by src/store/projections/prison.ts. */
export interface PrisonTables {
  prison_stays: PrisonStayRow;
  prison_findings: PrisonFindingRow;
  prison_referrals: PrisonReferralRow;
  reprisal_flags: ReprisalFlagRow;
}

export interface PrisonStayRow {
  id: string;
  person_id: string;
  facility_id: string;
  status: string;
  admitted_at: string;
  life_sentence: number;
  separation_start: string | null;
  separation_end: string | null;
  next_check_at: string | null;
  /** JSON of the decider's StayState. */
  state: string;
  version: number;
  updated_at: string;
}

export interface PrisonFindingRow {
  seq: number;
  stay_id: string;
  person_id: string;
  facility_id: string;
  rule: string;
  kind: string;
  at: string;
  detail: string;
  /** RFC 8785 JSON of the finding's parameters (src/domain/findings.ts); null before issue 18 (migration 0012). */
  params: string | null;
  pack: string;
  pack_version: string;
  recorded_at: string;
}

export interface PrisonReferralRow {
  stay_id: string;
  exam_seq: number;
  facility_id: string;
  person_id: string;
  opened_at: string;
  status: string;
}

export interface ReprisalFlagRow {
  seq: number;
  stay_id: string;
  person_id: string;
  facility_id: string;
  action: string;
  detail: string;
  action_at: string;
  complaint_id: string;
  complained_at: string;
  recorded_at: string;
}
