/* The footage context's public surface (issue 5 item 3): footage references and evidence holds. */
export * from './commands.js';
export * from './coverage.js';
export * from './events.js';
export { evolveEvidenceHold, evolveFootage } from './evolve.js';
export { footageDecider } from './footage-decider.js';
export { evidenceHoldDecider, PROCURATOR_RELEASES } from './hold-decider.js';
export * from './inputs.js';
export * from './state.js';
