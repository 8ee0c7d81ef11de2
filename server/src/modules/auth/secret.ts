import { hash, randomBytes } from 'node:crypto';

/** A random secret for cookies and tokens (256 bits, base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 as hex (one-shot `crypto.hash`: no Hash object, half the cost of createHash per request). */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}
