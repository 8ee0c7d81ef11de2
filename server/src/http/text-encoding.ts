import { StringDecoder } from 'node:string_decoder';
import type { TextEncodingName } from '../../../shared/import-issues.ts';
import type { AppError } from '../errors.ts';
import { fileError } from './file-error.ts';

/**
 * Which text encoding an uploaded CSV is in. Files are meant to be UTF-8, but Excel in a Chinese
 * locale saves "CSV" as GBK, so a GBK file read as UTF-8 turns every Chinese cell into U+FFFD.
 *
 * The start of the file decides: valid UTF-8 (plain ASCII too, with or without a byte order mark)
 * is read as UTF-8; otherwise text that decodes cleanly as GB18030 (a superset of GBK and GB2312)
 * is read as GB18030 and the import says so; otherwise the file is refused (`not_utf8`).
 * A character cut at the end of the sniffed bytes is not a fault: the decoders run in stream mode.
 */
export function sniffEncoding(head: Uint8Array, final = false): TextEncodingName | null {
  if (decodesCleanly('utf-8', head, final)) return 'utf-8';
  if (decodesCleanly('gb18030', head, final)) return 'gb18030';
  return null;
}

function decodesCleanly(label: TextEncodingName, bytes: Uint8Array, final: boolean): boolean {
  try {
    new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

/** The file is neither UTF-8 nor GB18030 (a 400 file problem telling how to save it). */
export function notUtf8Error(line?: number): AppError {
  return fileError(
    'not_utf8',
    `The file is not UTF-8 text${line ? ` (line ${line} has bytes that are not)` : ''}, nor GB18030/GBK. Save it as "CSV UTF-8" and upload it again.`,
    'save the file as "CSV UTF-8 (comma delimited)"',
    line ? { line } : {},
  );
}

/** Bytes to text chunk by chunk; a character split between two chunks stays whole. */
export type ChunkDecoder = { write(bytes: Uint8Array): string; end(): string };

/**
 * A streaming decoder for `encoding`. Bytes that are not valid in it become U+FFFD (the reader
 * then rejects the record holding them, see `hasUndecodable`).
 */
export function chunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'utf-8') {
    // Node's StringDecoder: the fastest way to UTF-8 text, and what the import always used.
    const decoder = new StringDecoder('utf8');
    return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() };
  }
  const decoder = new TextDecoder(encoding);
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

/** U+FFFD: what a decoder puts for bytes it cannot read (and what a file shows as �). */
export const REPLACEMENT = '\ufffd';

/**
 * A whole uploaded file (user import, roster: a few MB at most) as text. The same rule as
 * `sniffEncoding`, applied to all of it: UTF-8, or else GB18030; a file that is neither is refused
 * naming the first line with bytes that are not UTF-8.
 */
export function decodeUpload(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const encoding = sniffEncoding(bytes, true);
  if (!encoding) {
    throw notUtf8Error(firstNonUtf8Line(bytes));
  }
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes), encoding };
}

/**
 * The 1-based line (LF, CRLF or a lone CR end a line) of the first bytes of `bytes` that are not
 * UTF-8, if any. With `more` (a chunk of a longer file), a character cut at the end of the chunk
 * is not counted: the next chunk has the rest of it.
 */
export function firstNonUtf8Line(bytes: Uint8Array, more = false): number | undefined {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes, { stream: more });
  const at = text.indexOf(REPLACEMENT);
  if (at < 0) return undefined;
  return 1 + (text.slice(0, at).match(/\r\n|\r|\n/g)?.length ?? 0);
}
