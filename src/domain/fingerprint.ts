import { hash32 } from './matching/compact/hash.ts';

/**
 * 64 bits from two FNV-1a passes (the second over a salted copy), in hex. Used to notice that a
 * record changed (a listed entry, a traveller's identity data), not to protect anything.
 */
export function fingerprint64(text: string): string {
  return hash32(text).toString(16).padStart(8, '0') + hash32(`\u0001${text}`).toString(16).padStart(8, '0');
}
