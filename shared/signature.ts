/**
 * An e-signature (5.5) is the signer's own name: what they type must be their display name. One
 * rule for the server's check and the web's signing form.
 */

/**
 * The middle dots that separate the parts of a transcribed name (ethnic minorities', foreigners':
 * 阿依古丽·买买提). Keyboards and input methods type different ones: · U+00B7 (the standard one),
 * ・ U+30FB (katakana / full-width), ･ U+FF65 (half-width), • U+2022 (bullet), ‧ U+2027 (hyphenation
 * point, Big5 keyboards), ∙ U+2219 (bullet operator), ⋅ U+22C5 (dot operator) and ⸱ U+2E31 (word
 * separator). U+0387 (Greek ano teleia) becomes U+00B7 under NFKC.
 */
const MIDDLE_DOT = /\s*[\u00B7\u30FB\uFF65\u2022\u2027\u2219\u22C5\u2E31]\s*/gu;

/**
 * A name as typed, for comparison: Unicode-normalized (NFKC: full-width letters and digits),
 * every middle dot the same (with no spaces around it), spaces collapsed and trimmed, any case.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(MIDDLE_DOT, '\u00B7').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether a typed signature is the display name, as `nameKey` compares names. */
export function isOwnSignature(signature: string, displayName: string): boolean {
  return nameKey(signature) === nameKey(displayName);
}
