/** Read models of police custody (migration 0003), kept by src/store/projections/custody.ts. */
export interface CustodyTables {
  custody_episodes: CustodyEpisodeRow;
  custody_clocks: CustodyClockRow;
  custody_findings: CustodyFindingRow;
  custody_referrals: CustodyReferralRow;
}

export interface CustodyEpisodeRow {
  id: string;
  person_id: string;
  facility_id: string;
  juvenile: number;
  apprehended_at: string;
  recorded_at: string;
  status: string;
  limit_due_at: string;
  /** JSON of the decider's CustodyState. */
  state: string;
  version: number;
  updated_at: string;
}

export interface CustodyClockRow {
  custody_id: string;
  clock_key: string;
  rule: string;
  kind: string;
  started_at: string;
  due_at: string;
  warn_at: string;
  outcome: string;
  ended_at: string | null;
  pending_due_at: string | null;
}

export interface CustodyFindingRow {
  seq: number;
  custody_id: string;
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

export interface CustodyReferralRow {
  custody_id: string;
  injury_seq: number;
  facility_id: string;
  person_id: string;
  opened_at: string;
  status: string;
}
