/*
 * A clinician's public signing key in the log (issue 19 item 4): one stream per clinician account,
 * `clinician-key/<accountId>`, whose one entry registers the Ed25519 public key their reports are
 * signed with. Anyone holding the log (or a bundle) learns which key signs for which account, so a
 * signed report can be checked offline against the log, not only against a key the clinician
 * hands over. The private half never enters the log (src/medical/clinician-key.ts).
 */

export const CLINICIAN_KEY_TYPE = 'clinician-key-registered';

export const clinicianKeyStream = (accountId: string): string => `clinician-key/${accountId}`;

export const accountIdOfKeyStream = (stream: string): string | null =>
  stream.startsWith('clinician-key/') ? stream.slice('clinician-key/'.length) : null;

export type ClinicianKeyRegistered = {
  type: typeof CLINICIAN_KEY_TYPE;
  payload: {
    accountId: string;
    /** 16 lowercase hex digits (src/medical/signing.ts clinicianKeyId). */
    keyId: string;
    /** Standard base64 of the raw 32-byte Ed25519 public key. */
    publicKey: string;
    registeredAt: string;
  };
};
