import type { RecordDoctorsExamination as CustodyExamination } from '../domain/custody/commands.js';
import { custodyDecider } from '../domain/custody/decide.js';
import type { CustodyState } from '../domain/custody/state.js';
import { isRefusal } from '../domain/decision.js';
import type { ExaminationRecorded } from '../domain/medical/events.js';
import type {
  DoctorsStayExamination,
  RecordDoctorsExamination as StayExamination,
} from '../domain/prison/commands.js';
import { prisonDecider } from '../domain/prison/decide.js';
import type { StayState } from '../domain/prison/state.js';
import { DEFAULT_CUSTODY_RULES, type CustodyRules } from '../rules/custody-rules.js';
import { DEFAULT_PRISON_RULES, type PrisonRules } from '../rules/prison-rules.js';
import type { Store } from '../store/types.js';
import { decideAndAppend } from './custody.js';
import { RefusedError } from './errors.js';
import { decideAndAppendStay } from './prison.js';

/*
 * The doctor's own record meets the clocks of the custody episode or prison stay it belongs to
 * (issue 19 item 2): kz.custody.medical (on arrest), kz.admission.medical (on admission, on return
 * from police custody), kz.discipline.medical-before (before separation, with the verdict) and
 * intl.solitary.health-visits (the daily visit in separation).
 *
 * Why an entry in the episode's stream, not clocks that read the medical record: the clocks and
 * the discipline rules are pure functions of the episode's own state (src/clocks/*,
 * src/domain/discipline), folded from its stream alone, and facility staff, governors and
 * oversight read that stream's timeline. So the same request that appends the examination to the
 * medical record appends its non-clinical fact — that a doctor examined the person, when, by whom,
 * whether injuries were seen, fit or unfit, screening done or not — through the episode's own
 * decider, as the officer's `medical-examined` or `health-visit` would be, by the clinician,
 * naming the examination by its opaque id. Nothing of the notes, the place or who was present is
 * copied: the episode's stream is read by the very staff the record must be kept from.
 *
 * Once, and never silently lost: the episode's decider is asked first, on the episode's current
 * state, so what it would refuse (a moment before the apprehension or admission, after the person
 * left) refuses the whole request before anything is written; the append names the examination,
 * and the decider records an examination once however often it is asked (a conflict's re-decision
 * included); should the second append still fail, the caller is told, with the reason, beside the
 * examination that was recorded (`episodeFact.problem`), and the route logs it.
 */

export interface EpisodeFactServices {
  store: Store;
  /** The custody rules in force (default: the packs as published). */
  rules?: CustodyRules;
  /** The prison rules in force (default: the packs as published). */
  prisonRules?: PrisonRules;
}

/** The examinations each context's clocks ask for. */
const STAY_EXAMINATIONS: readonly string[] = [
  'on-admission',
  'on-return-from-police-custody',
  'before-separation',
  'separation-health-visit',
] satisfies readonly DoctorsStayExamination[];
const CUSTODY_EXAMINATIONS: readonly string[] = ['on-arrest'];

export type EpisodeFact =
  | { context: 'custody'; id: string; command: CustodyExamination }
  | { context: 'prison'; id: string; command: StayExamination };

/** What became of the examination's fact in the episode's stream. */
export type EpisodeFactOutcome = {
  context: 'custody' | 'prison';
  id: string;
  /** The entry's log seq; null when it was not appended. */
  seq: number | null;
  /** Why it was not appended, when it was not: the examination itself is recorded. */
  problem: string | null;
};

/** The fact an examination states in its episode's stream, or null for a kind no clock asks for. */
export function episodeFactOf(
  examination: Pick<
    ExaminationRecorded,
    'examinationId' | 'examination' | 'episode' | 'at' | 'clinician' | 'injuriesNoted' | 'fitness'
  > & { screening?: ExaminationRecorded['screening'] },
  now: string,
  actor: string,
): EpisodeFact | null {
  const common = {
    type: 'record-doctors-examination' as const,
    examinationId: examination.examinationId,
    at: examination.at,
    clinicianName: examination.clinician.name,
    injuriesNoted: examination.injuriesNoted,
    now,
    actor,
  };
  const { episode } = examination;
  if (episode.context === 'custody' && CUSTODY_EXAMINATIONS.includes(examination.examination))
    return { context: 'custody', id: episode.id, command: common };
  if (episode.context === 'prison' && STAY_EXAMINATIONS.includes(examination.examination))
    return {
      context: 'prison',
      id: episode.id,
      command: {
        ...common,
        examination: examination.examination as DoctorsStayExamination,
        fitness: examination.fitness,
        screening: examination.screening ?? null,
      },
    };
  return null;
}

/**
 * Refuses, before anything is written, what the episode's decider would refuse, deciding on the
 * state its read model keeps (the stream's, as of its version).
 */
export async function checkEpisodeFact(services: EpisodeFactServices, fact: EpisodeFact): Promise<void> {
  const { store } = services;
  if (fact.context === 'custody') {
    const row = await store.db
      .selectFrom('custody_episodes')
      .select('state')
      .where('id', '=', fact.id)
      .executeTakeFirst();
    if (!row) return;
    const decision = custodyDecider(services.rules ?? DEFAULT_CUSTODY_RULES).decide(
      fact.command,
      JSON.parse(row.state) as CustodyState,
    );
    if (isRefusal(decision)) throw new RefusedError(decision);
    return;
  }
  const row = await store.db
    .selectFrom('prison_stays')
    .select('state')
    .where('id', '=', fact.id)
    .executeTakeFirst();
  if (!row) return;
  const decision = prisonDecider(services.prisonRules ?? DEFAULT_PRISON_RULES).decide(
    fact.command,
    JSON.parse(row.state) as StayState,
  );
  if (isRefusal(decision)) throw new RefusedError(decision);
}

/** Appends the fact through the episode's decider; a failure is returned, never thrown or dropped. */
export async function appendEpisodeFact(
  services: EpisodeFactServices,
  fact: EpisodeFact,
): Promise<EpisodeFactOutcome> {
  const outcome = { context: fact.context, id: fact.id };
  try {
    const { result } =
      fact.context === 'custody'
        ? await decideAndAppend(
            { store: services.store, rules: services.rules ?? DEFAULT_CUSTODY_RULES },
            fact.id,
            fact.command,
          )
        : await decideAndAppendStay(
            {
              store: services.store,
              rules: services.rules ?? DEFAULT_CUSTODY_RULES,
              prisonRules: services.prisonRules ?? DEFAULT_PRISON_RULES,
            },
            fact.id,
            fact.command,
          );
    // The first entry is the examination's; any findings then due follow it.
    return { ...outcome, seq: result.entries[0]?.seq ?? null, problem: null };
  } catch (error) {
    return { ...outcome, seq: null, problem: error instanceof Error ? error.message : String(error) };
  }
}
