/**
 * Medical documentation (issue 19, migration 0013). `medical_records`, `medical_examinations`,
 * `medical_reports`, `medical_referrals`, `medical_disclosures` and `clinician_keys` are read models
 * kept by src/store/projections/medical.ts and rebuilt from the log. Only `medical_records.state`
 * and `medical_reports.opinion` carry clinical content: the application reads them for the
 * `medical` role alone (kz.medical.system). The other tables say what other roles may learn — that
 * an examination took place, when, where, by whom, fit or unfit; that signs were documented and
 * referred — and what the clocks need.
 *
 * `clinician_key_wraps` and `medical_photos` never enter the log: a clinician's private key wrapped
 * under their passphrase (like `credentials`), and where a sealed photograph's ciphertext lies.
 */
export interface MedicalTables {
  medical_records: MedicalRecordRow;
  medical_examinations: MedicalExaminationRow;
  medical_reports: MedicalReportRow;
  medical_referrals: MedicalReferralRow;
  medical_disclosures: MedicalDisclosureRow;
  clinician_keys: ClinicianKeyRow;
  clinician_key_wraps: ClinicianKeyWrapRow;
  medical_photos: MedicalPhotoRow;
  medical_report_duty: MedicalReportDutyRow;
}

export interface MedicalRecordRow {
  /** The opaque record id (stream `medical/<id>`). */
  id: string;
  person_id: string;
  /** JSON of the decider's MedicalRecordState: clinical content. */
  state: string;
  version: number;
  updated_at: string;
}

export interface MedicalExaminationRow {
  id: string;
  record_id: string;
  person_id: string;
  facility_id: string;
  /** `custody` or `prison`. */
  episode_context: string;
  episode_id: string;
  kind: string;
  at: string;
  clinician_id: string;
  clinician_name: string;
  /** 1 when signs of injury were noted: a report is due (kz.medical.report-duty). */
  injuries_noted: number;
  /** `fit`, `unfit` or null. */
  fitness: string | null;
  recorded_at: string;
}

export interface MedicalReportRow {
  /** The report id. */
  id: string;
  record_id: string;
  person_id: string;
  facility_id: string;
  examination_id: string;
  /** The author: the clinician of the first version. */
  clinician_id: string;
  clinician_name: string;
  latest_version: number;
  /** The report this one is a second opinion on. */
  second_opinion_of: string | null;
  /** The latest version's overall opinion on the Istanbul Protocol scale: clinical. */
  opinion: string;
  /** The latest version's `sha256:` digest as signed; null when unsigned. */
  digest: string | null;
  first_finished_at: string;
  finished_at: string;
}

/** A report referred to the procurator (kz.torture.referral, source `medical`): what the procurator sees. */
export interface MedicalReferralRow {
  /** The allegation's reference, `XXXX-XXXX-XXXX`. */
  reference: string;
  record_id: string;
  report_id: string;
  version: number;
  person_id: string;
  facility_id: string;
  examination_id: string;
  examined_at: string;
  clinician_id: string;
  clinician_name: string;
  referred_at: string;
  /** 1 once a version was disclosed to the procurator (by consent or court order). */
  disclosed: number;
}

export interface MedicalDisclosureRow {
  id: string;
  record_id: string;
  report_id: string;
  version: number;
  person_id: string;
  facility_id: string;
  recipient: string;
  recipient_name: string | null;
  legal_basis: string;
  court_order: string | null;
  clinician_id: string;
  clinician_name: string;
  disclosed_at: string;
}

/** A clinician's public signing key as registered in the log (stream `clinician-key/<accountId>`). */
export interface ClinicianKeyRow {
  account_id: string;
  key_id: string;
  /** Standard base64 of the raw Ed25519 public key. */
  public_key: string;
  registered_at: string;
}

/** The private half, wrapped under the clinician's passphrase (src/medical/clinician-key.ts); never in the log. */
export interface ClinicianKeyWrapRow {
  account_id: string;
  key_id: string;
  /** JSON of the habeas-medical-key/1 object. */
  wrapped: string;
  created_at: string;
}

/** A photograph sealed at rest: named by the SHA-256 of its bytes, which the report carries. */
export interface MedicalPhotoRow {
  sha256: string;
  record_id: string;
  facility_id: string;
  media_type: string;
  size: number;
  /** The blob under DATA/blobs/ holding the ciphertext. */
  blob_sha256: string;
  /** Base64 of the AES-GCM nonce. */
  nonce: string;
  uploaded_by: string;
  uploaded_at: string;
}

/**
 * What medical staff owe under kz.medical.report-duty (migration 0014, src/store/projections/
 * report-duty.ts): an injury noted that a doctor's report must document, or documented signs that
 * must be referred. Its finding goes to the custody episode or prison stay (`episode_*`), never to
 * the medical record.
 */
export interface MedicalReportDutyRow {
  /** `custody` or `prison`. */
  episode_context: string;
  episode_id: string;
  /** The key of the finding the episode would record. */
  duty_key: string;
  person_id: string;
  facility_id: string;
  /** `document` (an injury noted) or `refer` (documented signs not referred). */
  duty: string;
  /** custody-injury, custody-examination, prison-examination, medical-examination, or report. */
  source: string;
  /** When the injury was noted, or the signs documented. */
  noted_at: string;
  due_at: string;
  /** The report that documented the injury in time; for `refer`, the report not referred. */
  report_id: string | null;
  /** `due_at` while a finding may still be recorded; null once documented, referred or found. */
  pending_due_at: string | null;
  /** The episode's finding, once recorded. */
  finding_seq: number | null;
}
