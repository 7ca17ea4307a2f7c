/** The stand-alone verifier's entry point (scripts/build-verifier.mjs bundles from here). */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
