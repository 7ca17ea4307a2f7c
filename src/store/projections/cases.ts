import type { Kysely, Transaction } from 'kysely';
import { caseClocks } from '../../clocks/cases.js';
import { canonicalString } from '../../ledger/canonical.js';
import { caseIdOfStream, type CaseEvent } from '../../domain/cases/events.js';
import { evolveCase } from '../../domain/cases/evolve.js';
import {
  evolveOfficial,
  initialOfficialState,
  officialIdOfStream,
  type OfficialEvent,
  type OfficialState,
} from '../../domain/cases/officials.js';
import { caseDiscontinued, initialCaseState, type CaseState } from '../../domain/cases/state.js';
import { caseStatus, decidedOn, reclassified } from '../../domain/cases/status.js';
import type { CaseRules } from '../../rules/case-rules.js';
import type { Database } from '../database.js';
import type { CaseClockRow, CaseDefendantRow } from '../schema/cases.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

/** Lower-case NFC, spaces collapsed: how a name is searched in the register of officials. */
export const officialNameKey = (name: string): string =>
  name.normalize('NFC').toLocaleLowerCase('ru').replace(/\s+/g, ' ').trim();

/**
 * A defendant's row. A case discontinued as a whole ends the prosecution of every defendant not
 * already convicted or acquitted: they count as discontinued (the statistics' `byStage`, an
 * official's cases), with the whole case's date and ground, until it is resumed.
 */
function defendantRows(caseId: string, state: CaseState): CaseDefendantRow[] {
  const whole = caseDiscontinued(state);
  return state.defendants.map((defendant) => {
    const decided = defendant.stage === 'convicted' || defendant.stage === 'acquitted';
    const discontinued =
      defendant.stage === 'discontinued'
        ? defendant.discontinuations.at(-1)
        : whole !== null && !decided
          ? whole
          : undefined;
    return {
      case_id: caseId,
      official_id: defendant.officialId,
      name: defendant.name,
      identified_at: defendant.identifiedAt,
      suspended_at: defendant.suspension?.suspendedAt ?? null,
      stage: discontinued ? 'discontinued' : defendant.stage,
      charge_article: defendant.charges.at(-1)?.article ?? null,
      court_name: defendant.court?.court.name ?? null,
      court_region: defendant.court?.court.region ?? null,
      sent_on: defendant.court?.sentOn ?? null,
      outcome: defendant.final?.outcome ?? null,
      final_article: defendant.final?.article ?? null,
      sentence: defendant.final?.sentence ? JSON.stringify(defendant.final.sentence) : null,
      suspended_sentence: defendant.final?.sentence?.suspended === true ? 1 : 0,
      plea_agreement: defendant.final?.pleaAgreement === true ? 1 : 0,
      reclassified: reclassified(defendant) ? 1 : 0,
      decided_on: decidedOn(defendant),
      discontinued_on: discontinued?.discontinuedOn ?? null,
      discontinuation_ground: discontinued?.ground ?? null,
    };
  });
}

function clockRows(caseId: string, state: CaseState, rules: CaseRules): CaseClockRow[] {
  const recorded = new Set(state.findings.map((finding) => finding.key));
  return caseClocks(state, rules).map((clock) => ({
    case_id: caseId,
    clock_key: clock.key,
    rule: clock.rule,
    kind: clock.kind,
    started_at: clock.startedAt,
    due_at: clock.dueAt,
    outcome: clock.outcome,
    ended_at: clock.endedAt,
    pending_due_at: clock.outcome === 'running' && !recorded.has(clock.key) ? clock.dueAt : null,
  }));
}

async function replaceRows(
  db: Db,
  table: 'case_defendants' | 'case_clocks' | 'case_documents' | 'case_redress',
  caseId: string,
  rows: readonly object[],
): Promise<void> {
  // One table at a time; each has a `case_id` column (the union confuses the builder's overloads).
  await db
    .deleteFrom(table as 'case_defendants')
    .where('case_id', '=', caseId)
    .execute();
  if (rows.length > 0)
    await db
      .insertInto(table as 'case_defendants')
      .values(rows as never)
      .execute();
}

/**
 * The read models of case files and officials (issue 20): the case row with its state, and the
 * rows lists, scopes, clocks and statistics query. Each case entry rewrites its case's derived
 * rows (a file holds tens of rows, not thousands); `case_sources` rows are only ever added, under
 * a primary key that makes a second case taking the same allegation fail its append.
 */
export function casesProjection(rules: CaseRules): Projection {
  return {
    name: 'cases',
    tables: [
      'cases',
      'case_sources',
      'case_defendants',
      'case_documents',
      'case_redress',
      'case_clocks',
      'case_findings',
      'officials',
    ],
    async apply(db: Db, stored: StoredEvent): Promise<void> {
      if (stored.payload === null) return;
      const { entry } = stored;
      const meta = { seq: entry.seq, version: entry.version, recordedAt: entry.at, actor: entry.actor };
      const officialId = officialIdOfStream(entry.stream);
      if (officialId !== null) {
        const row = await db
          .selectFrom('officials')
          .select('state')
          .where('id', '=', officialId)
          .executeTakeFirst();
        const before = row ? (JSON.parse(row.state) as OfficialState) : initialOfficialState;
        const state = evolveOfficial(
          before,
          { type: entry.type, payload: stored.payload } as OfficialEvent,
          meta,
        );
        if (!state.details) return;
        const values = {
          name: state.details.name,
          name_key: officialNameKey(state.details.name),
          position: state.details.position,
          agency: state.details.agency,
          facility_id: state.details.facilityId,
          unit: state.details.unit,
          region: state.details.region,
          state: JSON.stringify(state),
          version: entry.version + 1,
          updated_at: entry.at,
        };
        if (row) await db.updateTable('officials').set(values).where('id', '=', officialId).execute();
        else
          await db
            .insertInto('officials')
            .values({ id: officialId, ...values })
            .execute();
        return;
      }

      const caseId = caseIdOfStream(entry.stream);
      if (caseId === null) return;
      const row = await db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirst();
      const before = row ? (JSON.parse(row.state) as CaseState) : initialCaseState;
      const event = { type: entry.type, payload: stored.payload } as CaseEvent;
      const state = evolveCase(before, event, meta);
      const opened = state.opened;
      if (!opened) return;

      const values = {
        number: opened.number,
        article: opened.article,
        opened_on: opened.openedOn,
        investigating_body: state.investigatingBody,
        region: opened.region,
        tags: JSON.stringify(state.tags),
        ex_officio: opened.exOfficioBasis === null ? 0 : 1,
        status: caseStatus(state),
        allegations: state.sources.length,
        defendants: state.defendants.length,
        state: JSON.stringify(state),
        version: entry.version + 1,
        updated_at: entry.at,
      };
      if (row) await db.updateTable('cases').set(values).where('id', '=', caseId).execute();
      else
        await db
          .insertInto('cases')
          .values({ id: caseId, ...values })
          .execute();

      switch (event.type) {
        case 'case-opened':
        case 'allegation-joined': {
          const added = state.sources.filter((source) => source.seq === entry.seq);
          if (added.length > 0)
            await db
              .insertInto('case_sources')
              .values(
                added.map((source) => ({
                  kind: source.source.kind,
                  reference: source.source.reference,
                  case_id: caseId,
                  on_date: source.on,
                  joined: source.joined ? 1 : 0,
                  seq: source.seq,
                })),
              )
              .execute();
          return;
        }
        case 'document-added':
        case 'evidence-excluded':
        case 'decisions-voided':
          await replaceRows(
            db,
            'case_documents',
            caseId,
            state.documents.map((document) => ({
              case_id: caseId,
              document_id: document.documentId,
              kind: document.kind,
              submitted_by: document.submittedBy,
              dated: document.dated,
              sha256: document.digest.sha256,
              seq: document.seq,
              voided_seq: document.voidedBy,
              excluded_seq: document.excludedBy,
            })),
          );
          return;
        case 'redress-decided':
        case 'redress-paid':
          await replaceRows(
            db,
            'case_redress',
            caseId,
            state.redress.map((redress) => ({
              case_id: caseId,
              redress_id: redress.redressId,
              victim_id: redress.victimId,
              body: redress.by,
              category: redress.category,
              purpose: redress.purpose,
              amount_kzt: redress.amountKzt,
              decided_on: redress.decidedOn,
              paid_kzt: redress.payments.reduce((sum, payment) => sum + payment.amountKzt, 0),
              paid_on: redress.payments.at(-1)?.paidOn ?? null,
            })),
          );
          return;
        case 'finding-recorded':
          await db
            .insertInto('case_findings')
            .values({
              seq: entry.seq,
              case_id: caseId,
              rule: event.payload.rule,
              kind: event.payload.kind,
              at: event.payload.at,
              detail: event.payload.detail,
              params: canonicalString(event.payload.params),
              pack: event.payload.pack,
              pack_version: event.payload.packVersion,
              recorded_at: entry.at,
            })
            .execute();
          await replaceRows(db, 'case_clocks', caseId, clockRows(caseId, state, rules));
          return;
        case 'suspect-identified':
        case 'suspect-suspended':
        case 'defendant-charged':
        case 'sent-to-court':
        case 'verdict-recorded':
        case 'appeal-filed':
        case 'appeal-decided':
        case 'prosecution-discontinued':
        case 'prosecution-resumed':
          await replaceRows(db, 'case_defendants', caseId, defendantRows(caseId, state));
          await replaceRows(db, 'case_clocks', caseId, clockRows(caseId, state, rules));
          return;
        case 'case-updated':
        case 'victim-recognised':
        case 'rehabilitation-provided':
          return;
      }
    },
  };
}
