import type { Kysely, Transaction } from 'kysely';
import { custodyIdOfStream, type CustodyEvent } from '../../domain/custody/events.js';
import type { Episode, MedicalChange } from '../../domain/medical/events.js';
import { MEDICAL_ENTRY_TYPE, recordIdOfStream } from '../../domain/medical/events.js';
import { rootReportOf } from '../../domain/medical/facts.js';
import {
  documentDutyKey,
  referDutyKey,
  reportDuty,
  unreferredSigns,
  type StaffInjuryNote,
} from '../../domain/medical/report-duty.js';
import { initialMedicalRecord, type MedicalRecordState } from '../../domain/medical/state.js';
import { stayIdOfStream, type PrisonEvent } from '../../domain/prison/events.js';
import type { MedicalRules } from '../../rules/medical-rules.js';
import type { Database } from '../database.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

const RULE = 'kz.medical.report-duty';
const HOUR_MS = 3_600_000;

/**
 * kz.medical.report-duty (issue 19 item 6): `medical_report_duty`, what medical staff owe, from
 * three contexts' streams in the append transaction, after the custody, prison and medical
 * projections (it reads their rows).
 *
 * - An injury noted — a custody injury entry, a custody examination with injuries seen, a prison
 *   examination noting bodily harm (the officer's or medical staff's own entries: one stating a
 *   doctor's examination, `examinationId`, is that examination's note), a doctor's examination
 *   noting injuries — owes a doctor's report, due within the rule's hours. Whether one documents
 *   it is the pure reportDuty() over the person's medical record (its read model's folded state),
 *   asked when the note is made and when a report is finished.
 * - Documented signs not referred (unreferredSigns(): a referable report whose chain was never
 *   referred) are owed at once; the row goes when the chain is referred or stops being referable.
 * - The episode's finding (recorded by the scheduler) ends the row's pending time.
 *
 * Nothing here is written to the medical record's stream; the rows are read by the scheduler alone.
 */
export function reportDutyProjection(rules: Pick<MedicalRules, 'reportDutyHours'>): Projection {
  return {
    name: 'report-duty',
    tables: ['medical_report_duty'],
    async apply(db: Db, stored: StoredEvent): Promise<void> {
      if (stored.payload === null) return;
      const { entry } = stored;
      const custodyId = custodyIdOfStream(entry.stream);
      if (custodyId !== null) {
        const event = { type: entry.type, payload: stored.payload } as CustodyEvent;
        return applyEpisodeEvent(
          db,
          rules,
          { context: 'custody', id: custodyId },
          stored,
          noteOfCustody(event),
        );
      }
      const stayId = stayIdOfStream(entry.stream);
      if (stayId !== null) {
        const event = { type: entry.type, payload: stored.payload } as PrisonEvent;
        return applyEpisodeEvent(db, rules, { context: 'prison', id: stayId }, stored, noteOfStay(event));
      }
      const recordId = recordIdOfStream(entry.stream);
      if (recordId === null || entry.type !== MEDICAL_ENTRY_TYPE) return;
      const change = stored.payload as unknown as MedicalChange;
      if (typeof change !== 'object' || Array.isArray(change)) return;
      const state = await recordState(db, 'id', recordId);
      if (state.personId === null) return;
      switch (change.kind) {
        case 'examination-recorded':
          if (change.injuriesNoted)
            await addNote(db, rules, state, {
              key: documentDutyKey(change.examinationId),
              personId: change.personId,
              facilityId: change.facilityId,
              note: { source: 'medical-examination', episode: change.episode, notedAt: change.at },
              at: entry.at,
            });
          return;
        case 'report-finished':
          await documentPending(db, state, entry.at);
          await referPending(db, state);
          return;
        case 'referral-assessed':
          await referPending(db, state);
          return;
        default:
          return;
      }
    },
  };
}

/** What an episode's entry noted (the source of the note), or whether it is a report-duty finding. */
type EpisodeEntry = { note: StaffInjuryNote['source']; at: string } | { found: string } | null;

function noteOfCustody(event: CustodyEvent): EpisodeEntry {
  switch (event.type) {
    case 'injury-recorded':
      return { note: 'custody-injury', at: event.payload.at };
    case 'medical-examined':
      return event.payload.injuriesSeen && event.payload.examinationId === undefined
        ? { note: 'custody-examination', at: event.payload.at }
        : null;
    case 'finding-recorded':
      return event.payload.rule === RULE ? { found: event.payload.key } : null;
    default:
      return null;
  }
}

function noteOfStay(event: PrisonEvent): EpisodeEntry {
  switch (event.type) {
    case 'medical-examined':
      return event.payload.bodilyHarm && event.payload.examinationId === undefined
        ? { note: 'prison-examination', at: event.payload.at }
        : null;
    case 'finding-recorded':
      return event.payload.rule === RULE ? { found: event.payload.key } : null;
    default:
      return null;
  }
}

async function applyEpisodeEvent(
  db: Db,
  rules: Pick<MedicalRules, 'reportDutyHours'>,
  episode: Episode,
  stored: StoredEvent,
  noted: EpisodeEntry,
): Promise<void> {
  if (noted === null) return;
  if ('found' in noted) {
    await db
      .updateTable('medical_report_duty')
      .set({ pending_due_at: null, finding_seq: stored.entry.seq })
      .where('episode_context', '=', episode.context)
      .where('episode_id', '=', episode.id)
      .where('duty_key', '=', noted.found)
      .execute();
    return;
  }
  // The custody or prison projection, earlier in the same transaction, keeps whose episode it is.
  const row =
    episode.context === 'custody'
      ? await db
          .selectFrom('custody_episodes')
          .select(['person_id', 'facility_id'])
          .where('id', '=', episode.id)
          .executeTakeFirst()
      : await db
          .selectFrom('prison_stays')
          .select(['person_id', 'facility_id'])
          .where('id', '=', episode.id)
          .executeTakeFirst();
  if (!row) return;
  await addNote(db, rules, await recordState(db, 'person_id', row.person_id), {
    key: documentDutyKey(stored.entry.seq),
    personId: row.person_id,
    facilityId: row.facility_id,
    note: { source: noted.note, episode, notedAt: noted.at },
    at: stored.entry.at,
  });
}

/** The person's medical record as its read model folded it (empty when they have none). */
async function recordState(db: Db, by: 'id' | 'person_id', value: string): Promise<MedicalRecordState> {
  const row = await db.selectFrom('medical_records').select('state').where(by, '=', value).executeTakeFirst();
  return row ? (JSON.parse(row.state) as MedicalRecordState) : initialMedicalRecord;
}

/** An injury noted: owed a report by its due time, unless one already documents it. */
async function addNote(
  db: Db,
  rules: Pick<MedicalRules, 'reportDutyHours'>,
  record: MedicalRecordState,
  owed: { key: string; personId: string; facilityId: string; note: StaffInjuryNote; at: string },
): Promise<void> {
  const status = reportDuty(owed.note, record, rules, owed.at);
  await db
    .insertInto('medical_report_duty')
    .values({
      episode_context: owed.note.episode.context,
      episode_id: owed.note.episode.id,
      duty_key: owed.key,
      person_id: owed.personId,
      facility_id: owed.facilityId,
      duty: 'document',
      source: owed.note.source,
      noted_at: owed.note.notedAt,
      due_at: status.dueAt,
      report_id: status.documentedBy?.reportId ?? null,
      pending_due_at: status.state === 'met' ? null : status.dueAt,
      finding_seq: null,
    })
    .execute();
}

/** A report was finished: the person's injury notes it documents in time are owed nothing more. */
async function documentPending(db: Db, record: MedicalRecordState, at: string): Promise<void> {
  const pending = await db
    .selectFrom('medical_report_duty')
    .selectAll()
    .where('person_id', '=', record.personId ?? '')
    .where('duty', '=', 'document')
    .where('pending_due_at', 'is not', null)
    .execute();
  for (const row of pending) {
    const status = reportDuty(
      {
        source: row.source as StaffInjuryNote['source'],
        episode: { context: row.episode_context as Episode['context'], id: row.episode_id },
        notedAt: row.noted_at,
      },
      record,
      // The hours the row was made with: a changed rule does not move a deadline already set.
      { reportDutyHours: (Date.parse(row.due_at) - Date.parse(row.noted_at)) / HOUR_MS },
      at,
    );
    if (status.state === 'met')
      await db
        .updateTable('medical_report_duty')
        .set({ pending_due_at: null, report_id: status.documentedBy?.reportId ?? null })
        .where('episode_context', '=', row.episode_context)
        .where('episode_id', '=', row.episode_id)
        .where('duty_key', '=', row.duty_key)
        .execute();
  }
}

/**
 * The person's documented signs not referred: each chain owes a finding at once, in the episode
 * of its examination; a chain referred since (or no longer referable) owes nothing unless found.
 */
async function referPending(db: Db, record: MedicalRecordState): Promise<void> {
  const personId = record.personId ?? '';
  const owed = new Map<string, { episode: Episode; facilityId: string; reportId: string; at: string }>();
  for (const report of unreferredSigns(record)) {
    const examination = record.examinations[report.examinationId];
    if (!examination) continue;
    const root = rootReportOf(record, report.reportId);
    owed.set(referDutyKey(root), {
      episode: examination.episode,
      facilityId: examination.facilityId,
      reportId: root,
      at: report.finishedAt,
    });
  }
  const rows = await db
    .selectFrom('medical_report_duty')
    .select(['episode_context', 'episode_id', 'duty_key', 'pending_due_at'])
    .where('person_id', '=', personId)
    .where('duty', '=', 'refer')
    .execute();
  const known = new Set(rows.map((row) => row.duty_key));
  for (const row of rows)
    if (!owed.has(row.duty_key) && row.pending_due_at !== null)
      await db
        .deleteFrom('medical_report_duty')
        .where('episode_context', '=', row.episode_context)
        .where('episode_id', '=', row.episode_id)
        .where('duty_key', '=', row.duty_key)
        .execute();
  for (const [key, sign] of owed) {
    if (known.has(key)) continue;
    await db
      .insertInto('medical_report_duty')
      .values({
        episode_context: sign.episode.context,
        episode_id: sign.episode.id,
        duty_key: key,
        person_id: personId,
        facility_id: sign.facilityId,
        duty: 'refer',
        source: 'report',
        noted_at: sign.at,
        due_at: sign.at,
        report_id: sign.reportId,
        pending_due_at: sign.at,
        finding_seq: null,
      })
      .execute();
  }
}
