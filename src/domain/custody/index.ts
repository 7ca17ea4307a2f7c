/* The custody context's public surface (issue 3): events, state, inputs, commands, the decider. */
export * from './commands.js';
export { custodyDecider, type CustodyDecider } from './decide.js';
export * from './events.js';
export { evolveCustody } from './evolve.js';
export {
  apprehensionInForce,
  currentStatement,
  entryAt,
  statedAt,
  statedTimes,
  type StatedTimes,
} from './in-force.js';
export {
  ArrestInput,
  CorrectionInput,
  CustodyEventInput,
  InterviewInput,
  InterviewRecording,
  offsetDateTime,
} from './inputs.js';
export { injuryReferrals, type InjuryReferral } from './referrals.js';
export * from './state.js';
