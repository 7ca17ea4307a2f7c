import type { LedgerTables } from './schema/ledger.js';
import type { AccessTables } from './schema/access.js';
import type { CaseTables } from './schema/cases.js';
import type { ComplaintTables } from './schema/complaints.js';
import type { CustodyTables } from './schema/custody.js';
import type { FootageTables } from './schema/footage.js';
import type { MedicalTables } from './schema/medical.js';
import type { PrisonTables } from './schema/prison.js';
import type { RegistryTables } from './schema/registry.js';

/** The Kysely database: one interface made of each part's tables. */
export interface Database
  extends
    LedgerTables,
    AccessTables,
    RegistryTables,
    CustodyTables,
    ComplaintTables,
    PrisonTables,
    FootageTables,
    MedicalTables,
    CaseTables {}
