import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { staleWrite } from '../../errors.ts';
import { auditContext, requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { authorize } from '../../policies/engine.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { SETTING_DEFAULTS } from './settings.service.ts';

export const settingsRoutes = createRouter();

/** Each setting's allowed values; the policy may change them, nothing else (clause 4.10). */
const ZSettings = z.object({
  confirmation_window_days: z
    .number()
    .int()
    .min(1)
    .max(30)
    .describe('Days a CSR has to confirm or dispute an evaluation (5.5); default 3.'),
});

const ZSettingsAnswer = ZSettings.extend({ version: z.number().int().describe('Send back to update.') });

async function readSettings(db: Parameters<typeof queryRows>[0]) {
  const rows = await queryRows<{ key: string; value: unknown; version: number }>(
    db,
    sql`select key, value, version from settings`,
  );
  const values: Record<string, unknown> = { ...SETTING_DEFAULTS };
  let version = 0;
  for (const r of rows) {
    values[r.key] = r.value;
    version += r.version;
  }
  return { ...ZSettings.parse(values), version };
}

settingsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/settings',
    tags: ['Policy'],
    summary: 'Center-wide policy settings',
    'x-policy': 'settings.read',
    responses: { 200: jsonResponse(ZSettingsAnswer, 'The settings.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    authorize(requireActor(c), 'settings.read');
    return c.json(await readSettings(c.get('deps').db), 200);
  },
);

settingsRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/settings',
    tags: ['Policy'],
    summary: 'Change policy settings (QA lead, admin)',
    'x-policy': 'settings.update',
    request: { body: jsonBody(ZSettings.partial().extend({ version: z.number().int() })) },
    responses: { 200: jsonResponse(ZSettingsAnswer, 'The settings now.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    const actor = requireActor(c);
    authorize(actor, 'settings.update');
    const { version, ...changes } = c.req.valid('json');
    const { db } = c.get('deps');
    const result = await db.transaction(async (tx) => {
      await tx.execute(sql`lock table settings in share row exclusive mode`);
      const before = await readSettings(tx);
      if (before.version !== version) throw staleWrite('policy');
      for (const [key, value] of Object.entries(changes)) {
        await tx.execute(sql`
          insert into settings (key, value, updated_by) values (${key}, ${JSON.stringify(value)}::jsonb, ${actor.id})
          on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by,
            updated_at = now(), version = settings.version + 1`);
      }
      const after = await readSettings(tx);
      await recordAudit(tx, auditContext(c), {
        action: 'settings.update',
        entityType: 'settings',
        entityId: null,
        before,
        after,
      });
      return after;
    });
    return c.json(result, 200);
  },
);
