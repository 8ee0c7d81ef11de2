import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from './app-env.ts';

export type SavedUpload = { path: string; filename: string | null; mime: string; bytes: number };

/** Room for a multipart body's boundaries, part headers and small fields around the file. */
const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

/** Passes `cap` bytes on, then fails with a 413 that names `maxBytes` (the file's limit). */
function limiter(cap: number, counter: { bytes: number }, maxBytes = cap): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      counter.bytes += chunk.length;
      if (counter.bytes > cap) {
        done(
          new AppError(
            'payload_too_large',
            `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`,
            { max_bytes: maxBytes },
          ),
        );
      } else done(null, chunk);
    },
  });
}

/**
 * Streams an uploaded file to `dir` without holding it in memory: the raw request body, or the
 * `file` field of a multipart form. The caller removes the file when done with it.
 *
 * The body is counted as it arrives and refused (413) as soon as it passes `maxBytes` (a
 * multipart body: the file part, and the whole body with a small envelope): the request pipeline
 * leaves upload bodies unread, so this is the only bound. The rest of a refused body is left
 * unread (not cancelled: that would reset the connection before the answer is sent); the server
 * drains or closes the connection after answering.
 */
export async function saveUpload(c: Context<AppEnv>, dir: string, maxBytes: number): Promise<SavedUpload> {
  const body = c.req.raw.body;
  if (!body)
    throw new AppError('validation_failed', 'The request has no body.', [
      { path: ['file'], message: 'required' },
    ]);
  await fs.promises.mkdir(dir, { recursive: true });
  const target = path.join(dir, `upload-${randomUUID()}`);
  const type = c.req.header('content-type') ?? 'application/octet-stream';
  const counter = { bytes: 0 };
  const input = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  try {
    if (!type.startsWith('multipart/form-data')) {
      await pipeline(input, limiter(maxBytes, counter), fs.createWriteStream(target));
      return {
        path: target,
        filename: c.req.query('filename') ?? null,
        mime: type.split(';')[0]?.trim() ?? type,
        bytes: counter.bytes,
      };
    }
    const saved = await new Promise<{ filename: string | null; mime: string } | null>((resolve, reject) => {
      let found: Promise<{ filename: string | null; mime: string }> | null = null;
      let parser: busboy.Busboy;
      try {
        // File names are UTF-8 (browsers send 十一月.csv as raw UTF-8 bytes), not busboy's default latin1.
        parser = busboy({
          headers: { 'content-type': type },
          defParamCharset: 'utf8',
          limits: { files: 1, fileSize: maxBytes + 1 },
        });
      } catch {
        reject(new AppError('bad_request', 'The multipart body cannot be read.'));
        return;
      }
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || found) {
          stream.resume();
          return;
        }
        found = pipeline(stream, limiter(maxBytes, counter), fs.createWriteStream(target)).then(() => ({
          filename: info.filename || null,
          mime: info.mimeType,
        }));
        found.catch(() => undefined);
      });
      parser.on('error', () => reject(new AppError('bad_request', 'The multipart body cannot be read.')));
      parser.on('close', () => {
        if (!found) resolve(null);
        else found.then(resolve, reject);
      });
      const whole = limiter(maxBytes + MULTIPART_ENVELOPE_BYTES, { bytes: 0 }, maxBytes);
      whole.on('error', (err) => {
        input.unpipe(whole);
        parser.destroy();
        reject(err);
      });
      input.pipe(whole).pipe(parser);
    });
    if (!saved) {
      throw new AppError('validation_failed', 'Attach the file in the multipart field "file".', [
        { path: ['file'], message: 'required' },
      ]);
    }
    return { path: target, filename: saved.filename, mime: saved.mime, bytes: counter.bytes };
  } catch (err) {
    await fs.promises.rm(target, { force: true });
    throw err;
  }
}
