import type { Context } from 'hono';
import type { TextEncodingName } from '../../../shared/import-issues.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from './app-env.ts';
import { decodeUpload } from './text-encoding.ts';

/** Room for a multipart body's boundaries and part headers around the file itself. */
const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

/**
 * Reads an uploaded text file sent as the raw body (text/csv) or as multipart field `file`.
 * The body is counted while it is read and refused (413) as soon as it passes the limit: the
 * request pipeline leaves upload bodies unread, so nothing else bounds it.
 * The text is UTF-8, or GB18030 (GBK) when the file is not UTF-8 but reads cleanly so (Excel in a
 * Chinese locale saves "CSV" so); a file that is neither is refused (400 `not_utf8`, see text-encoding.ts).
 */
export async function readUploadText(
  c: Context<AppEnv>,
  maxBytes: number,
): Promise<{ text: string; encoding: TextEncodingName }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const body = await readBody(c, maxBytes + MULTIPART_ENVELOPE_BYTES, maxBytes);
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': type } }).formData();
    } catch {
      throw new AppError('bad_request', 'The multipart body cannot be read.');
    }
    const file = form.get('file');
    if (!(file instanceof File)) {
      throw new AppError('validation_failed', 'Attach the file in the field "file".', [
        { path: ['file'], message: 'required' },
      ]);
    }
    if (file.size > maxBytes) throw tooLarge(maxBytes);
    return decodeUpload(new Uint8Array(await file.arrayBuffer()));
  }
  if (type.startsWith('text/csv') || type.startsWith('text/plain')) {
    return decodeUpload(await readBody(c, maxBytes, maxBytes));
  }
  throw new AppError('unsupported_media_type', 'Send the file as text/csv or as multipart/form-data.');
}

/**
 * The request body, read until it ends or passes `cap` bytes (then 413 naming `maxBytes`, the
 * rest left unread: the server drains or closes the connection after answering).
 */
async function readBody(c: Context<AppEnv>, cap: number, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'payload_too_large',
    `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`,
    { max_bytes: maxBytes },
  );
}
