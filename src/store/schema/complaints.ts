/**
 * Complaint tables (migration 0004). `complaints`, `complaint_clocks`, `complaint_findings` and
 * `protection_requests` are read models kept by src/store/projections/complaints.ts and rebuilt
 * from the log; none of them holds a complaint's text, sealed or not (the ciphertexts stay in the
 * log's payloads). `complaint_pins` and `complaint_throttle` are secrets and short-lived state
 * that never enter the log (like `credentials` and `login_throttle`).
 */
export interface ComplaintTables {
  complaints: ComplaintRow;
  complaint_clocks: ComplaintClockRow;
  complaint_findings: ComplaintFindingRow;
  protection_requests: ProtectionRequestRow;
  complaint_pins: ComplaintPinRow;
  complaint_throttle: ComplaintThrottleRow;
}

export interface ComplaintRow {
  /** The stream id (`complaint/<id>`): opaque, never shown. */
  id: string;
  /** The receipt's reference, normalised (`XXXX-XXXX-XXXX`), unique. */
  reference: string;
  facility_id: string;
  channel: string;
  category: string;
  /**
   * 1 for a torture allegation (kz.torture.referral); 2 for a complaint about a procurator's or an
   * investigator's own office, with the investigating judge (kz.allegation.conflict); 0 otherwise.
   */
  allegation: number;
  status: string;
  /** When the status last changed: the status check's `updatedAt`. */
  status_at: string;
  complainant_id: string | null;
  protection_requested: number;
  transfer_requested: number;
  submitted_at: string;
  recorded_at: string;
  /** Due time of intl.complaint.answer; null for allegations. */
  answer_due_at: string | null;
  /** The latest case number the procurator gave (kz.cases.joined). */
  case_number: string | null;
  /** JSON of the decider's ComplaintState (no sealed bytes). */
  state: string;
  version: number;
  updated_at: string;
}

export interface ComplaintClockRow {
  complaint_id: string;
  clock_key: string;
  rule: string;
  kind: string;
  started_at: string;
  due_at: string;
  outcome: string;
  ended_at: string | null;
  /** The due time while the clock can still fire (running, no finding yet), else null: what the scheduler scans. */
  pending_due_at: string | null;
}

export interface ComplaintFindingRow {
  seq: number;
  complaint_id: string;
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

/** kz.transfer.protection: what the governor sees, and nothing of the complaint. */
export interface ProtectionRequestRow {
  id: string;
  complaint_id: string;
  facility_id: string;
  kind: string;
  person_id: string | null;
  requested_at: string;
  due_at: string;
  /** `pending`, `granted` or `refused`. */
  status: string;
  decided_at: string | null;
  reason: string | null;
}

/** The complainant's PIN as an argon2id PHC string; the PIN itself is never stored, nor logged. */
export interface ComplaintPinRow {
  reference: string;
  pin_hash: string;
  created_at: string;
  /** HMAC of reference and pin_hash under the integrity key (src/store/row-tags.ts, migration 0010). */
  tag: string | null;
}

/** Wrong PINs per normalised reference (existing or not), for lockout. */
export interface ComplaintThrottleRow {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}
