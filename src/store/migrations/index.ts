import type { Migration, MigrationProvider } from 'kysely';
import * as ledger from './0001_ledger.js';
import * as accessRegistry from './0002_access_registry.js';
import * as custody from './0003_custody.js';
import * as complaints from './0004_complaints.js';
import * as prison from './0005_prison.js';
import * as footage from './0006_footage.js';
import * as streamChain from './0007_stream_chain.js';
import * as identityDocuments from './0008_identity_documents.js';
import * as logIntegrity from './0009_log_integrity.js';
import * as rowTags from './0010_row_tags.js';
import * as personSearch from './0011_person_search.js';
import * as findingParams from './0012_finding_params.js';
import * as medical from './0013_medical.js';
import * as medicalReportDuty from './0014_medical_report_duty.js';
import * as cases from './0015_cases.js';

/**
 * Every migration, listed statically (no directory scan, so the compiled output and the bundler
 * cannot disagree about which exist). Names sort in the order they run; append, never edit.
 */
export const migrations: Record<string, Migration> = {
  '0001_ledger': ledger,
  '0002_access_registry': accessRegistry,
  '0003_custody': custody,
  '0004_complaints': complaints,
  '0005_prison': prison,
  '0006_footage': footage,
  '0007_stream_chain': streamChain,
  '0008_identity_documents': identityDocuments,
  '0009_log_integrity': logIntegrity,
  '0010_row_tags': rowTags,
  '0011_person_search': personSearch,
  '0012_finding_params': findingParams,
  '0013_medical': medical,
  '0014_medical_report_duty': medicalReportDuty,
  '0015_cases': cases,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
