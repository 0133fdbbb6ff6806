/**
 * An FNV-1a-style hash of the bytes, a 32-bit word at a time: the deck index's check that it was
 * not damaged. Written here rather than taken from node:zlib (crc32) or node:crypto because loading
 * either costs a --deck run more than hashing its index does (zlib brings Node's stream layer);
 * the check only has to notice damage, not resist an attacker. Any one changed word changes it.
 */
export function contentHash(bytes: Uint8Array): number {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >>> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] as number), 0x01000193);
  for (let i = words.length * 4; i < aligned.length; i++)
    h = Math.imul(h ^ (aligned[i] as number), 0x01000193);
  return (h ^ aligned.length) >>> 0;
}
