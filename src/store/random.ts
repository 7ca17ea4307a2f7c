import { randomBytes } from 'node:crypto';

/**
 * Random bytes cut from one block of the CSPRNG at a time, for the values every append and every new
 * record needs (payload salts, record ids): a call to randomBytes costs far more than the few bytes
 * each needs (about 6 µs an id under arrest load, bench/RESULTS.md sixth session). Every byte is
 * handed out once; each block is fresh memory, never overwritten, so what was handed out stays as it
 * was. Not for secrets that must not share memory with anything else (tokens, session keys): those
 * call randomBytes themselves.
 */
const BLOCK_SIZE = 4096;

let block = new Uint8Array(0);
let offset = 0;

export function randomFromBlock(size: number): Uint8Array {
  if (!Number.isSafeInteger(size) || size <= 0 || size > BLOCK_SIZE)
    throw new RangeError(`randomFromBlock takes 1 to ${BLOCK_SIZE} bytes, not ${size}`);
  if (offset + size > block.length) {
    block = randomBytes(BLOCK_SIZE);
    offset = 0;
  }
  const bytes = block.subarray(offset, offset + size);
  offset += size;
  return bytes;
}
