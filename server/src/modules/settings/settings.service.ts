import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';

/** Policy values with their defaults; the settings table overrides them (clause 4.10: settings, not constants). */
export const SETTING_DEFAULTS = {
  confirmation_window_days: 3,
} as const;
export type SettingKey = keyof typeof SETTING_DEFAULTS;

export async function getNumberSetting(db: DbOrTx, key: SettingKey): Promise<number> {
  const [row] = await queryRows<{ value: unknown }>(db, sql`select value from settings where key = ${key}`);
  return typeof row?.value === 'number' ? row.value : SETTING_DEFAULTS[key];
}
