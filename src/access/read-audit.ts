import type { Principal, Role } from './principal.js';
import { DUTY_PURPOSE } from './purpose.js';

/*
 * Read audit (DESIGN.md "Who uses it": every read of personal data is itself recorded). A read is
 * an entry of the log, in the stream `audit/<subject>`, so that nobody, the administrator
 * included, can remove it: the entry's `actor` is who, its `at` is when, the payload says what
 * and why.
 */

export const RECORD_READ = 'record-read';

export type RecordRead = {
  type: typeof RECORD_READ;
  payload: {
    /** The stream read, e.g. `person/<id>`. */
    subject: string;
    actorRole: Role;
    actorKind: 'user' | 'service';
    purpose: string;
    /** Whether the reader stated the purpose or it is the role's duty. */
    purposeStated: boolean;
    /** For a list read: the records it showed (e.g. `custody/<id>` streams). */
    records?: string[];
  };
};

export const auditStream = (subject: string): string => `audit/${subject}`;

export function recordRead(
  principal: Principal,
  subject: string,
  statedPurpose: string | undefined,
  records?: string[],
): RecordRead {
  const purpose = statedPurpose ?? DUTY_PURPOSE[principal.role];
  return {
    type: RECORD_READ,
    payload: {
      subject,
      actorRole: principal.role,
      actorKind: principal.kind,
      purpose,
      purposeStated: statedPurpose !== undefined,
      ...(records ? { records } : {}),
    },
  };
}
