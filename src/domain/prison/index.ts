export * from './commands.js';
export * from './decide.js';
export * from './events.js';
export * from './evolve.js';
export * from './facts.js';
export * from './inputs.js';
export * from './state.js';
