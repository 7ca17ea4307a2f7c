import type { Kysely, Transaction } from 'kysely';
import {
  accountIdOfKeyStream,
  CLINICIAN_KEY_TYPE,
  type ClinicianKeyRegistered,
} from '../../domain/medical/key-events.js';
import { MEDICAL_ENTRY_TYPE, recordIdOfStream, type MedicalEvent } from '../../domain/medical/events.js';
import { evolveMedicalRecord } from '../../domain/medical/evolve.js';
import { rootReportOf } from '../../domain/medical/facts.js';
import { initialMedicalRecord, type MedicalRecordState } from '../../domain/medical/state.js';
import type { Database } from '../database.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

/**
 * The medical read models (issue 19) from the `medical/<recordId>` streams, and clinicians' public
 * keys from `clinician-key/<accountId>`. The record row keeps the decider's folded state (clinical
 * content, read by the `medical` role alone); the other rows index it for the worklist, the clocks
 * of custody and prison, the procurator's list of referrals and the disclosures.
 */
export const medicalProjection: Projection = {
  name: 'medical',
  tables: [
    'medical_records',
    'medical_examinations',
    'medical_reports',
    'medical_referrals',
    'medical_disclosures',
    'clinician_keys',
  ],
  async apply(db: Db, stored: StoredEvent): Promise<void> {
    const { entry } = stored;
    const keyAccount = accountIdOfKeyStream(entry.stream);
    if (keyAccount !== null) {
      if (entry.type !== CLINICIAN_KEY_TYPE || stored.payload === null) return;
      const payload = stored.payload as ClinicianKeyRegistered['payload'];
      await db.deleteFrom('clinician_keys').where('account_id', '=', keyAccount).execute();
      await db
        .insertInto('clinician_keys')
        .values({
          account_id: keyAccount,
          key_id: payload.keyId,
          public_key: payload.publicKey,
          registered_at: payload.registeredAt,
        })
        .execute();
      return;
    }
    const recordId = recordIdOfStream(entry.stream);
    if (recordId === null || entry.type !== MEDICAL_ENTRY_TYPE) return;
    const row = await db
      .selectFrom('medical_records')
      .select('state')
      .where('id', '=', recordId)
      .executeTakeFirst();
    const before = row ? (JSON.parse(row.state) as MedicalRecordState) : initialMedicalRecord;
    const state = evolveMedicalRecord(before, { type: entry.type, payload: stored.payload } as MedicalEvent, {
      seq: entry.seq,
      version: entry.version,
      recordedAt: entry.at,
      actor: entry.actor,
    });
    if (state.personId === null) return;
    if (row)
      await db
        .updateTable('medical_records')
        .set({ state: JSON.stringify(state), version: state.version, updated_at: entry.at })
        .where('id', '=', recordId)
        .execute();
    else
      await db
        .insertInto('medical_records')
        .values({
          id: recordId,
          person_id: state.personId,
          state: JSON.stringify(state),
          version: state.version,
          updated_at: entry.at,
        })
        .execute();
    if (stored.payload === null) return;
    const change = (stored.payload as MedicalEvent['payload']) ?? null;
    if (!change || typeof change !== 'object') return;
    await indexChange(db, recordId, state, change);
  },
};

async function indexChange(
  db: Db,
  recordId: string,
  state: MedicalRecordState,
  change: MedicalEvent['payload'],
): Promise<void> {
  switch (change.kind) {
    case 'examination-recorded': {
      if (state.examinations[change.examinationId]?.seq === undefined) return;
      await db
        .insertInto('medical_examinations')
        .values({
          id: change.examinationId,
          record_id: recordId,
          person_id: change.personId,
          facility_id: change.facilityId,
          episode_context: change.episode.context,
          episode_id: change.episode.id,
          kind: change.examination,
          at: change.at,
          clinician_id: change.clinician.accountId,
          clinician_name: change.clinician.name,
          injuries_noted: change.injuriesNoted ? 1 : 0,
          fitness: change.fitness,
          recorded_at: change.recordedAt,
        })
        .execute();
      return;
    }
    case 'report-finished': {
      const versions = state.reports[change.reportId] ?? [];
      const first = versions[0];
      const latest = versions.at(-1);
      if (!first || !latest) return;
      const examination = state.examinations[first.examinationId];
      if (!examination) return;
      const values = {
        record_id: recordId,
        person_id: first.personId,
        facility_id: examination.facilityId,
        examination_id: first.examinationId,
        clinician_id: first.clinician.accountId,
        clinician_name: first.clinician.name,
        latest_version: latest.version,
        second_opinion_of: first.secondOpinionOf?.reportId ?? null,
        opinion: latest.content.opinion.overall,
        digest: latest.signed?.digest ?? null,
        first_finished_at: first.finishedAt,
        finished_at: latest.finishedAt,
      };
      if (versions.length === 1)
        await db
          .insertInto('medical_reports')
          .values({ id: change.reportId, ...values })
          .execute();
      else await db.updateTable('medical_reports').set(values).where('id', '=', change.reportId).execute();
      return;
    }
    case 'referral-assessed': {
      if (change.outcome !== 'referred' || change.reference === null || change.reportId === null) return;
      const report = (state.reports[change.reportId] ?? []).find((v) => v.version === change.version);
      const examination = state.examinations[change.examinationId];
      if (!report || !examination) return;
      await db
        .insertInto('medical_referrals')
        .values({
          reference: change.reference,
          record_id: recordId,
          report_id: change.reportId,
          version: change.version ?? 1,
          person_id: examination.personId,
          facility_id: examination.facilityId,
          examination_id: examination.examinationId,
          examined_at: examination.at,
          clinician_id: report.clinician.accountId,
          clinician_name: report.clinician.name,
          referred_at: change.assessedAt,
          disclosed: state.disclosures.some(
            (disclosure) =>
              disclosure.recipient === 'procurator' &&
              rootReportOf(state, disclosure.reportId) === rootReportOf(state, change.reportId ?? ''),
          )
            ? 1
            : 0,
        })
        .execute();
      return;
    }
    case 'disclosure-recorded': {
      const report = state.reports[change.reportId]?.[0];
      const examination = report ? state.examinations[report.examinationId] : undefined;
      if (!report || !examination) return;
      await db
        .insertInto('medical_disclosures')
        .values({
          id: change.disclosureId,
          record_id: recordId,
          report_id: change.reportId,
          version: change.version,
          person_id: report.personId,
          facility_id: examination.facilityId,
          recipient: change.recipient,
          recipient_name: change.recipientName,
          legal_basis: change.legalBasis,
          court_order: change.courtOrder
            ? `${change.courtOrder.court}: ${change.courtOrder.reference}`
            : null,
          clinician_id: change.clinician.accountId,
          clinician_name: change.clinician.name,
          disclosed_at: change.disclosedAt,
        })
        .execute();
      if (change.recipient === 'procurator') {
        // The referral of the report's chain of second opinions learns the procurator may read it.
        const root = rootReportOf(state, change.reportId);
        const chain = Object.keys(state.reports).filter((id) => rootReportOf(state, id) === root);
        await db
          .updateTable('medical_referrals')
          .set({ disclosed: 1 })
          .where('record_id', '=', recordId)
          .where('report_id', 'in', chain)
          .execute();
      }
      return;
    }
    default:
      return;
  }
}
