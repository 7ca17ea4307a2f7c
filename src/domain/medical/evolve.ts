import type { EventMeta } from '../decision.js';
import { MEDICAL_CHANGE_KINDS, MEDICAL_ENTRY_TYPE, type MedicalEvent } from './events.js';
import type { MedicalRecordState } from './state.js';

const KINDS: ReadonlySet<string> = new Set(MEDICAL_CHANGE_KINDS);

/** An event of this context with its payload; erased payloads and other types only count for the version. */
function isMedicalEvent(event: { type: unknown; payload: unknown }): event is MedicalEvent {
  const payload = event.payload as { kind?: unknown } | null;
  return (
    event.type === MEDICAL_ENTRY_TYPE &&
    payload !== null &&
    typeof payload === 'object' &&
    !Array.isArray(payload) &&
    typeof payload.kind === 'string' &&
    KINDS.has(payload.kind)
  );
}

/** Folds one entry of a person's medical record into the state (STYLE.md "Deciders"); pure. */
export function evolveMedicalRecord(
  state: MedicalRecordState,
  event: MedicalEvent,
  meta: EventMeta,
): MedicalRecordState {
  const version = Math.max(state.version, meta.version + 1);
  if (!isMedicalEvent(event)) return { ...state, version };
  const stamp = { seq: meta.seq, recordedAt: meta.recordedAt };
  const change = event.payload;
  switch (change.kind) {
    case 'examination-recorded':
      return {
        ...state,
        version,
        personId: state.personId ?? change.personId,
        examinations: { ...state.examinations, [change.examinationId]: { ...change, ...stamp } },
      };
    case 'report-finished': {
      const versions = state.reports[change.reportId] ?? [];
      // A version already folded is never replaced: the first recorded stands.
      if (versions.some((existing) => existing.version === change.version)) return { ...state, version };
      return {
        ...state,
        version,
        reports: { ...state.reports, [change.reportId]: [...versions, { ...change, ...stamp }] },
      };
    }
    case 'referral-assessed':
      return { ...state, version, referrals: [...state.referrals, { ...change, ...stamp }] };
    case 'disclosure-recorded':
      return { ...state, version, disclosures: [...state.disclosures, { ...change, ...stamp }] };
    default: {
      const unhandled: never = change;
      void unhandled;
      return { ...state, version };
    }
  }
}
