import type { Principal } from '../access/principal.js';
import type { ClinicianKeySessions } from '../app/clinician-keys.js';
import type { IntegrityWatch } from '../app/integrity.js';
import type { SealingSessions } from '../app/sealing-session.js';
import type { CaseRules } from '../rules/case-rules.js';
import type { ComplaintRules } from '../rules/complaint-rules.js';
import type { CustodyRules } from '../rules/custody-rules.js';
import type { PrisonRules } from '../rules/prison-rules.js';
import type { Store } from '../store/types.js';

/** The shared services every plugin reaches as `app.habeas` (tier 2 of src/http/app.ts). */
export interface HabeasServices {
  store: Store;
  dataDir: string;
  /** The rule parameters in force (RULES.md defaults, overridden by `rules` in habeas.json). */
  rules: CustodyRules;
  /** The complaint rule parameters in force (intl.complaint.answer, kz.transfer.protection). */
  complaintRules: ComplaintRules;
  /** The prison rule parameters in force (kz.admission.medical, kz.discipline.medical-before, kz.complaint.reprisal). */
  prisonRules: PrisonRules;
  /** The case rule parameters in force (kz.torture.suspension). */
  caseRules: CaseRules;
  /** The complaints authority's key, unlocked per officer session (src/app/sealing-session.ts). */
  sealing: SealingSessions;
  /** The procurator's office's own key, unlocked per procurator session (issue 18 item 5). */
  procuratorSealing: SealingSessions;
  /** Clinicians' signing keys, unlocked per clinician session (src/app/clinician-keys.ts). */
  clinicianKeys: ClinicianKeySessions;
  /** The server's clock; tests pass a fixed one. */
  clock: () => Date;
  /** Whether cookies carry `Secure` (behind TLS). */
  secureCookies: boolean;
  /** The periodic check of the log and the read models (src/app/integrity.ts). */
  integrity: IntegrityWatch;
}

/** What the auth hook puts on every request (see src/http/plugins/auth.ts). */
declare module 'fastify' {
  interface FastifyInstance {
    habeas: HabeasServices;
  }
  interface FastifyRequest {
    /** The authenticated principal, or null for the public. */
    principal: Principal | null;
    /** The page session (cookie), with its CSRF token; null for bearer tokens and the public. */
    pageSession: { id: string; csrfToken: string } | null;
    /** Interface language chosen for this request (kk, ru or en). */
    lang: 'kk' | 'ru' | 'en';
  }
}
