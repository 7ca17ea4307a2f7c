/* The complaint context's public surface (issue 4): events, state, inputs, commands, the decider. */
export * from './commands.js';
export {
  complaintDecider,
  MAX_MEDIA_PER_COMPLAINT,
  MEDIA_WINDOW_MS,
  NEXT_DECISIONS,
  sentencingConcerns,
  type ComplaintDecider,
} from './decide.js';
export * from './events.js';
export {
  courtOutcomesOf,
  evidenceExcludedOf,
  evolveComplaint,
  isAllegation,
  isWithJudge,
  judgeOf,
  judgeOrdersOf,
  STATUS_AFTER_DECISION,
  suspectsOf,
} from './evolve.js';
export * from './inputs.js';
export {
  normaliseReference,
  referenceFromBytes,
  REFERENCE_LENGTH,
  REFERENCE_RANDOM_BYTES,
} from './reference.js';
export * from './state.js';
