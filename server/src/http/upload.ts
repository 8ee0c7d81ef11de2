import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

/** Reads an uploaded text file sent as the raw body (text/csv) or as multipart field `file`. */
export async function readUploadText(c: Context<AppEnv>, maxBytes: number): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  let text: string;
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) {
      throw new AppError('validation_failed', 'Attach the file in the field "file".', [
        { path: ['file'], message: 'required' },
      ]);
    }
    if (file.size > maxBytes) throw tooLarge(maxBytes);
    text = await file.text();
  } else if (type.startsWith('text/csv') || type.startsWith('text/plain')) {
    text = await c.req.text();
  } else {
    throw new AppError('unsupported_media_type', 'Send the file as text/csv or as multipart/form-data.');
  }
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  return text;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'payload_too_large',
    `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`,
  );
}
