import { createRoute } from '@hono/zod-openapi';
import { LIMITS } from '../../../../shared/limits.ts';
import { ZIdParam, ZOk, listOf } from '../../../../shared/schemas/common.ts';
import {
  ZShift,
  ZShiftDays,
  ZShiftDaysQuery,
  ZShiftImportResult,
  ZShiftsQuery,
} from '../../../../shared/schemas/sampling.ts';
import { AppError } from '../../errors.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { readUploadText } from '../../http/upload.ts';
import { authorize } from '../../policies/engine.ts';
import { deleteShift, importShifts, listShifts, shiftDays } from './shift.service.ts';

/** The roster: who is on shift which local day (clause 3 counts checks per on-shift CSR). */
export const shiftRoutes = createRouter();
const tags = ['Sampling'];

shiftRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/shifts/import',
    tags,
    summary: 'Import the roster from CSV (agent,date[,shift])',
    description:
      'Body `text/csv`, or multipart with a `file` field. `agent` is a username, `date` YYYY-MM-DD, `shift` an ' +
      'optional label. Rows upsert by agent + date; bad rows are listed with their line (header = 1) and the ' +
      'reason, good rows are kept. A day with roster rows is decided by the roster; without, whoever handled ' +
      'a contact that day is on shift.',
    'x-policy': 'shifts.manage',
    request: {
      body: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
          },
        },
      },
    },
    responses: { 200: jsonResponse(ZShiftImportResult, 'Counts and rejected rows.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'shifts.manage');
    const { text, encoding } = await readUploadText(c, LIMITS.rosterImportBytes);
    if (!text.trim())
      throw new AppError('validation_failed', 'The file is empty.', [{ path: ['file'], message: 'empty' }]);
    return c.json({ ...(await importShifts(c.get('deps').db, actor, auditContext(c), text)), encoding }, 200);
  },
);

shiftRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/shifts',
    tags,
    summary: 'Roster rows between two dates (own, team or all, by role)',
    'x-policy': 'shifts.list',
    request: { query: ZShiftsQuery },
    responses: { 200: jsonResponse(listOf(ZShift), 'A page of roster rows.'), ...ERROR_RESPONSES },
  }),
  async (c) => c.json(await listShifts(c.get('deps').db, requireActor(c), c.req.valid('query')), 200),
);

shiftRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/shifts/days',
    tags,
    summary: 'How many CSRs the roster has on shift per day (calendar)',
    'x-policy': 'shifts.list',
    request: { query: ZShiftDaysQuery },
    responses: { 200: jsonResponse(ZShiftDays, 'Days with roster rows.'), ...ERROR_RESPONSES },
  }),
  async (c) =>
    c.json({ items: await shiftDays(c.get('deps').db, requireActor(c), c.req.valid('query')) }, 200),
);

shiftRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/shifts/{id}',
    tags,
    summary: 'Remove a roster row',
    'x-policy': 'shifts.manage',
    request: { params: ZIdParam },
    responses: { 200: jsonResponse(ZOk, 'Removed.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    await deleteShift(c.get('deps').db, requireActor(c), auditContext(c), c.req.valid('param').id);
    return c.json({ ok: true as const }, 200);
  },
);
