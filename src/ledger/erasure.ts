/**
 * How an erasure is recorded (Store.erase; DESIGN.md "Erasure without breaking the log"): an entry
 * of type `payload-erased` in stream `erasure/<seq>` names the entry whose payload and salt it
 * removed, with the reason in its own payload. Verification requires one for every erased payload.
 */
export const ERASURE_TYPE = 'payload-erased';
export const ERASURE_STREAM = /^erasure\/(0|[1-9][0-9]*)$/;
export const erasureStream = (seq: number): string => `erasure/${seq}`;
