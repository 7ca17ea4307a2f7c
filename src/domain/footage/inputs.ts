import { z } from 'zod';
import { offsetDateTime } from '../custody/inputs.js';
import { opaqueId, textLine } from '../registry/text.js';
import { HOLD_BASES } from './events.js';

/*
 * The bodies of the footage and evidence-hold endpoints: one Zod schema each gives validation,
 * types and OpenAPI. Times are ISO 8601 with an offset and come out in UTC.
 */

const reason = textLine(1000);
const place = textLine(200);

/** POST /footage: a reference to a recording kept by the facility's video system. */
export const FootageInput = z.strictObject({
  facilityId: opaqueId.describe('The facility whose camera recorded'),
  camera: textLine(100).describe('The camera as the facility names it, e.g. CAM-12'),
  place: place.describe('Where the camera looks, e.g. "corridor, block 2"'),
  from: offsetDateTime.describe('Start of the recording, ISO 8601 with an offset'),
  to: offsetDateTime.describe('End of the recording (after `from`, not in the future)'),
  retainUntil: offsetDateTime.describe('Until when the video system keeps the recording (not before `to`)'),
});
export type FootageInput = z.output<typeof FootageInput>;

/** POST /footage/{id}/deletion. */
export const FootageDeletionInput = z.strictObject({
  reason: reason.describe('Why the recording is deleted, e.g. "retention period ended"'),
});
export type FootageDeletionInput = z.output<typeof FootageDeletionInput>;

/** POST /evidence-holds: keep the footage of a place (or of every place) and time from deletion. */
export const EvidenceHoldInput = z.strictObject({
  facilityId: opaqueId,
  place: place.optional().describe('The place as the footage references name it; absent: every place'),
  from: offsetDateTime.describe('Start of the window held, ISO 8601 with an offset (not in the future)'),
  to: offsetDateTime.describe('End of the window held (after `from`)'),
  basis: z
    .enum(HOLD_BASES)
    .describe(
      'What the hold refers to; holds on a death or an allegation are released only by the procurator',
    ),
  reference: textLine(100).describe(
    'A complaint reference, an allegation, a stay or custody id, or a case number',
  ),
  reason,
});
export type EvidenceHoldInput = z.output<typeof EvidenceHoldInput>;

/** POST /evidence-holds/{id}/release. */
export const EvidenceHoldReleaseInput = z.strictObject({
  reason: reason.describe('Why the footage need no longer be kept, e.g. "case closed, decision final"'),
});
export type EvidenceHoldReleaseInput = z.output<typeof EvidenceHoldReleaseInput>;
