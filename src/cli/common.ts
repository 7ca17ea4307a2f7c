import { resolveComplaintRules, type ComplaintRules } from '../rules/complaint-rules.js';
import { resolveCustodyRules, type CustodyRules } from '../rules/custody-rules.js';
import { resolveCaseRules, type CaseRules } from '../rules/case-rules.js';
import { resolveMedicalRules, type MedicalRules } from '../rules/medical-rules.js';
import { resolvePrisonRules, type PrisonRules } from '../rules/prison-rules.js';
import { readDataDir } from '../store/datadir.js';
import { projectionsFor } from '../store/projections/index.js';
import { openStore } from '../store/store.js';
import type { Store } from '../store/types.js';

/** The rule parameters in force for a data directory: RULES.md defaults with its habeas.json overrides. */
export async function loadRules(dataDir: string): Promise<CustodyRules> {
  return resolveCustodyRules((await readDataDir(dataDir)).ruleOverrides);
}

/** The complaint rule parameters in force for a data directory (the same `rules` of habeas.json). */
export async function loadComplaintRules(dataDir: string): Promise<ComplaintRules> {
  return resolveComplaintRules((await readDataDir(dataDir)).ruleOverrides);
}

/** The prison rule parameters in force for a data directory (the same `rules` of habeas.json). */
export async function loadPrisonRules(dataDir: string): Promise<PrisonRules> {
  return resolvePrisonRules((await readDataDir(dataDir)).ruleOverrides);
}

/** The medical rule parameters in force for a data directory (the same `rules` of habeas.json). */
export async function loadMedicalRules(dataDir: string): Promise<MedicalRules> {
  return resolveMedicalRules((await readDataDir(dataDir)).ruleOverrides);
}

/** The case rule parameters in force for a data directory (the same `rules` of habeas.json). */
export async function loadCaseRules(dataDir: string): Promise<CaseRules> {
  return resolveCaseRules((await readDataDir(dataDir)).ruleOverrides);
}

/**
 * Opens the store of a data directory; DATABASE_URL selects PostgreSQL (DESIGN.md "Storage").
 * `signing: false` opens it to inspect: nothing is signed and a broken log is left to report.
 */
export async function openDataStore(
  dataDir: string,
  rules?: CustodyRules,
  options: { signing?: boolean } = {},
): Promise<Store> {
  const databaseUrl = process.env.DATABASE_URL;
  const projections = projectionsFor(
    rules ?? (await loadRules(dataDir)),
    await loadComplaintRules(dataDir),
    await loadPrisonRules(dataDir),
    await loadMedicalRules(dataDir),
    await loadCaseRules(dataDir),
  );
  return openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}), projections, ...options });
}

/** Runs `work` with a store and always closes it (closing signs a final checkpoint, unless inspecting). */
export async function withStore<T>(
  dataDir: string,
  work: (store: Store) => Promise<T>,
  options: { signing?: boolean } = {},
): Promise<T> {
  const store = await openDataStore(dataDir, undefined, options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export { progress, type ProgressReporter } from './progress.js';
