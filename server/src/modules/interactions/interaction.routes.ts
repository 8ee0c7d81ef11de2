import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import { ZIdParam, ZPageQuery, listOf } from '../../../../shared/schemas/common.ts';
import {
  ZImportResult,
  ZInteraction,
  ZInteractionDetail,
  ZInteractionImport,
  ZListInteractionsQuery,
} from '../../../../shared/schemas/interaction.ts';
import { AppError } from '../../errors.ts';
import { logger } from '../../logger.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { saveUpload } from '../../http/stream-upload.ts';
import { authorize } from '../../policies/engine.ts';
import type { ImportFormat } from './import.sources.ts';
import {
  createImport,
  getImport,
  importResult,
  listImports,
  rejectionsCsv,
  runImport,
} from './import.service.ts';
import {
  attachRecording,
  checkRecordingTarget,
  getInteraction,
  listInteractions,
  recordingFile,
} from './interaction.service.ts';

export const interactionRoutes = createRouter();
const TAGS = ['Interactions'];

/** Largest interaction import (a million rows with transcripts fits well below). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024 * 1024;
export const RECORDING_MAX_BYTES = 500 * 1024 * 1024;

interactionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/interactions',
    tags: TAGS,
    summary: 'List interactions the caller may see',
    description:
      "Dates are local dates in the center's time zone. Customer references are masked for roles that do not need them.",
    'x-policy': 'interactions.list',
    request: { query: ZListInteractionsQuery },
    responses: { 200: jsonResponse(listOf(ZInteraction), 'A page of interactions.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const { db, env } = c.get('deps');
    return c.json(await listInteractions(db, requireActor(c), c.req.valid('query'), env.timezone), 200);
  },
);

interactionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/interactions/{id}',
    tags: TAGS,
    summary: 'Read an interaction with its transcript',
    'x-policy': 'interactions.read',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZInteractionDetail, 'The interaction.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const { db, env } = c.get('deps');
    return c.json(await getInteraction(db, requireActor(c), c.req.valid('param').id, env.timezone), 200);
  },
);

function formatOf(mime: string, filename: string | null): ImportFormat | null {
  const name = filename?.toLowerCase() ?? '';
  if (mime.includes('spreadsheetml') || name.endsWith('.xlsx')) return 'xlsx';
  if (mime === 'application/json' || name.endsWith('.json')) return 'json';
  if (
    ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'].includes(mime) ||
    name.endsWith('.csv')
  ) {
    return 'csv';
  }
  return null;
}

interactionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/interactions/import',
    tags: TAGS,
    summary: 'Import interactions from CSV, XLSX or a JSON array (upsert by external_id)',
    description:
      'Body: `text/csv`; an XLSX file (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`); a JSON array ' +
      '(`application/json`); or `multipart/form-data` with the file in field `file`. Columns: external_id, agent (username), ' +
      'started_at (with an offset, or local time in the center zone), duration_s, channel (call|chat|email), direction ' +
      '(inbound|outbound), queue (code), customer_ref, recording_url, transcript (JSON array of {speaker, start_s, end_s, text}). ' +
      'Good rows are kept, bad rows are listed with their line number (header = 1). Re-importing never duplicates. ' +
      'Evidence is not rewritten (as for the recording upload, 409 `recording_cited`): a row that would change a stored ' +
      'contact cited by a submitted (non-draft) evaluation is rejected with code `evidence_cited` and the contact stays as ' +
      'stored (an identical row still counts as unchanged); when only draft evaluations cite it, a row that changes the ' +
      'agent is rejected with `evaluated_agent_changed` (the drafts score the stored agent) and other changes are applied. ' +
      'Their `details` name the citing evaluations: `{problem: "cited", evaluations: [ids]}`. ' +
      'With `?async=true` (or `Prefer: respond-async`) the answer is 202 at once and `GET /imports/{id}` reports progress.',
    'x-policy': 'interactions.import',
    request: {
      query: z.object({
        async: z.enum(['true', 'false', '1', '0']).optional(),
        filename: z.string().max(255).optional().describe('Original file name, for the import history.'),
      }),
    },
    responses: {
      200: jsonResponse(ZImportResult, 'Counts and rejected rows.'),
      202: jsonResponse(ZInteractionImport, 'Accepted; poll GET /imports/{id}.'),
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'interactions.import');
    const deps = c.get('deps');
    const saved = await saveUpload(c, path.join(deps.env.dataDir, 'imports'), IMPORT_MAX_BYTES);
    const format = formatOf(saved.mime, saved.filename);
    if (!format) {
      await fs.promises.rm(saved.path, { force: true });
      throw new AppError('unsupported_media_type', 'Send the interactions as CSV, XLSX or a JSON array.');
    }
    const upload = { path: saved.path, filename: saved.filename, format, bytes: saved.bytes, source: 'api' };
    const importId = await createImport(deps.db, actor, upload).catch(async (err: unknown) => {
      await fs.promises.rm(saved.path, { force: true });
      throw err;
    });
    const target = { db: deps.db, pool: deps.pool, timezone: deps.env.timezone };
    const ctx = auditContext(c);
    const query = c.req.valid('query');
    const wantsAsync =
      query.async === 'true' || query.async === '1' || /respond-async/i.test(c.req.header('prefer') ?? '');
    if (wantsAsync) {
      runImport(target, importId, upload, ctx).catch((err: unknown) => {
        if (!(err instanceof AppError))
          logger.error('background import failed', { import_id: importId, err: String(err) });
      });
      return c.json(await getImport(deps.db, actor, importId), 202);
    }
    await runImport(target, importId, upload, ctx);
    return c.json(await importResult(deps.db, importId), 200);
  },
);

interactionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/imports',
    tags: TAGS,
    summary: 'Import history, newest first',
    'x-policy': 'imports.list',
    request: { query: ZPageQuery },
    responses: { 200: jsonResponse(listOf(ZInteractionImport), 'A page of imports.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listImports(c.get('deps').db, requireActor(c), c.req.valid('query')), 200),
);

interactionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/imports/{id}',
    tags: TAGS,
    summary: 'One import: status, progress (0–1) and counts',
    'x-policy': 'imports.read',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZInteractionImport, 'The import.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await getImport(c.get('deps').db, requireActor(c), c.req.valid('param').id), 200),
);

interactionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/imports/{id}/rejections.csv',
    tags: TAGS,
    summary: 'All rejected rows of an import as CSV',
    description:
      'Without `lang`, for programs: `row,code,reason,raw,details` (raw: the row as JSON, cut at 500 characters). ' +
      'With `lang` (zh or en), for people, a file that can be fixed and imported again: the import columns ' +
      '(external_id … transcript) with the cells as read, then the line, the reason in that language and the exact English reason. ' +
      'A cell larger than 2 MB is not kept (the reason says so). Cells starting with = + - @ get a leading apostrophe ' +
      '(so a spreadsheet does not run them), which the import takes off again.',
    'x-policy': 'imports.read',
    request: { params: ZIdParam, query: z.object({ lang: z.enum(['zh', 'en']).optional() }) },
    responses: {
      200: { description: 'CSV, UTF-8 with BOM.', content: { 'text/csv': { schema: z.string() } } },
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const id = c.req.valid('param').id;
    const chunks = rejectionsCsv(db, requireActor(c), id, c.req.valid('query').lang);
    const first = await chunks.next(); // authorization and 404 surface before the headers go out
    const body = Readable.toWeb(
      Readable.from(
        // Bytes, not strings: a web stream of strings is not a valid response body.
        (async function* () {
          if (!first.done) yield Buffer.from(first.value, 'utf8');
          for await (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
        })(),
      ),
    ) as ReadableStream;
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="import-${id}-rejected.csv"`,
    });
  },
);

interactionRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/interactions/{id}/recording',
    tags: TAGS,
    summary: 'Upload the recording of an interaction (WAV, MP3, OGG, M4A)',
    description:
      'Body: the audio itself with its audio/* content type, or multipart with field `file`. The file is ' +
      'checked by its contents (WAV "RIFF…WAVE", MP3 an ID3 tag or an MPEG frame, OGG "OggS", M4A/MP4 ' +
      '"ftyp"), not by the type it is sent as: anything else is refused with 415 (`details.reason` ' +
      '`not_audio`) and nothing is stored; the recording is then served with the detected type.\n\n' +
      'A recording is evidence once a submitted (non-draft) evaluation of the interaction cites it: it ' +
      'is never replaced, so that what was scored, and any dispute of it, can always be heard again. ' +
      'Such an upload is refused with 409 (`details`: `{reason: "recording_cited", evaluation_ids}`) ' +
      'and the recording stays as it is; the interaction says so beforehand in `recording_locked`. ' +
      'Before any evaluation is submitted a recording may be replaced (audited, with the file it ' +
      'replaced); attaching the first recording to an interaction that has none is always allowed.',
    'x-policy': 'interactions.upload_recording',
    request: { params: ZIdParam, query: z.object({ filename: z.string().max(255).optional() }) },
    responses: {
      200: jsonResponse(ZInteractionDetail, 'The interaction with its recording.'),
      ...ERROR_RESPONSES,
      409: {
        description:
          'The recording is evidence of a submitted evaluation (`recording_cited`); it was not replaced.',
        content: ERROR_RESPONSES[409].content,
      },
      413: { description: 'The file is larger than 500 MB.', content: ERROR_RESPONSES[409].content },
      415: {
        description: 'Not WAV, MP3, OGG or M4A audio: by its type, or by its contents (`not_audio`).',
        content: ERROR_RESPONSES[409].content,
      },
    },
  }),
  async (c) => {
    const actor = requireActor(c);
    const { db, env } = c.get('deps');
    const id = c.req.valid('param').id;
    // The right and the interaction (404 if unknown or not visible) before the body is read.
    await checkRecordingTarget(db, actor, id);
    const saved = await saveUpload(c, path.join(env.dataDir, 'recordings', 'incoming'), RECORDING_MAX_BYTES);
    try {
      return c.json(
        await attachRecording(db, actor, auditContext(c), {
          id,
          tempPath: saved.path,
          mime: saved.mime,
          filename: saved.filename,
          bytes: saved.bytes,
          dataDir: env.dataDir,
          timezone: env.timezone,
        }),
        200,
      );
    } finally {
      await fs.promises.rm(saved.path, { force: true });
    }
  },
);

interactionRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/interactions/{id}/recording',
    tags: TAGS,
    summary: 'Stream the uploaded recording (supports HTTP Range for seeking)',
    'x-policy': 'interactions.read',
    request: { params: ZIdParam },
    responses: {
      200: { description: 'The audio.', content: { 'audio/*': { schema: z.string() } } },
      206: { description: 'A byte range of the audio.', content: { 'audio/*': { schema: z.string() } } },
      ...ERROR_RESPONSES,
      416: { description: 'Range not satisfiable.' },
    },
  }),
  async (c) => {
    const { db, env } = c.get('deps');
    const file = await recordingFile(db, requireActor(c), c.req.valid('param').id, env.dataDir);
    const headers: Record<string, string> = {
      'content-type': file.mime,
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=3600',
    };
    const range = /^bytes=(\d*)-(\d*)$/.exec(c.req.header('range') ?? '');
    // No range, or an invalid one (neither end, or the last byte before the first: RFC 9110
    // 14.1.1), is ignored: the whole file. A valid one past the end is 416 below.
    const invalid =
      !range ||
      (range[1] === '' && range[2] === '') ||
      (range[1] !== '' && range[2] !== '' && Number(range[2]) < Number(range[1]));
    if (!range || invalid) {
      headers['content-length'] = String(file.bytes);
      return c.body(Readable.toWeb(fs.createReadStream(file.path)) as ReadableStream, 200, headers);
    }
    let start: number;
    let end: number;
    if (range[1] === '') {
      const suffix = Number(range[2]);
      start = Math.max(0, file.bytes - suffix);
      end = file.bytes - 1;
    } else {
      start = Number(range[1]);
      end = range[2] === '' ? file.bytes - 1 : Math.min(Number(range[2]), file.bytes - 1);
    }
    if (start >= file.bytes || start > end) {
      return c.body(null, 416, { 'content-range': `bytes */${file.bytes}` });
    }
    headers['content-range'] = `bytes ${start}-${end}/${file.bytes}`;
    headers['content-length'] = String(end - start + 1);
    return c.body(
      Readable.toWeb(fs.createReadStream(file.path, { start, end })) as ReadableStream,
      206,
      headers,
    );
  },
);
