import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { zoneOffsetMs } from '../../../../shared/time.ts';
import type { Center } from '../center.ts';
import { INTERACTION_CSV_COLUMNS, interactionCsvLine, interactionsCsv } from '../csv.ts';
import { type GeneratedInteraction, interactionRows } from '../interactions.ts';
import { insertInteractions } from '../seed.ts';
import type { DemoApi } from './api.ts';
import { type Calendar, addDays, daysBetween } from './calendar.ts';
import type { DemoTrail } from './trail.ts';
import type { Contact } from './world.ts';

/**
 * The center's contacts over the period. The telephony system (CTI) exports each day's calls, chats
 * and emails at 01:30 the next night: the last few days arrive through the real import API with the
 * integration's token; the earlier days are written in bulk (same rows, stamped as if imported that
 * night), which keeps `npm run demo` fast. Mid-period the QA lead also uploads the web-chat system's
 * export by hand: it has broken lines the import rejects, and a corrected file follows the next day.
 */

export type ContactOptions = {
  perAgentPerDay: number;
  /** How many of the last days go through the import API (default 3). */
  importedDays?: number;
  /** Leaves out generated contacts that did not happen (a CSR in training that day). */
  keep?: (row: GeneratedInteraction) => boolean;
};

const BROKEN_LINES = [
  // A CSR who has left (unknown username), a date that does not exist, a negative duration,
  // an unknown queue and a channel the center does not have.
  (r: GeneratedInteraction) => ({ ...r, external_id: `${r.external_id}X1`, agent: 'liuyang_old' }),
  (r: GeneratedInteraction) => ({
    ...r,
    external_id: `${r.external_id}X2`,
    started_at: r.started_at.replace(/-(\d\d)T/, '-32T'),
  }),
  (r: GeneratedInteraction) => ({ ...r, external_id: `${r.external_id}X3`, duration_s: -35 }),
  (r: GeneratedInteraction) => ({ ...r, external_id: `${r.external_id}X4`, queue: 'vip' }),
  (r: GeneratedInteraction) => ({
    ...r,
    external_id: `${r.external_id}X5`,
    channel: 'sms' as GeneratedInteraction['channel'],
  }),
];

/** Writes the period's contacts; answers them with their ids, oldest first. */
export async function storeContacts(
  db: Db,
  api: DemoApi,
  trail: DemoTrail,
  cal: Calendar,
  center: Center,
  ids: { agents: Map<string, number>; queues: Map<string, number>; leadId: number; ctiToken: string },
  periodStart: string,
  options: ContactOptions,
): Promise<Contact[]> {
  const today = cal.today;
  const prevMonth = periodStart.slice(0, 7);
  const thisMonth = today.slice(0, 7);
  const daysThisMonth = Number(today.slice(8)) - 1;
  const offsetMin = Math.round(zoneOffsetMs(cal.at(periodStart, 12).getTime(), cal.timezone) / 60_000);
  const utcOffset = `${offsetMin < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offsetMin) / 60)).padStart(2, '0')}:${String(Math.abs(offsetMin) % 60).padStart(2, '0')}`;
  const common = {
    seed: center.seed,
    center,
    perAgentPerDay: options.perAgentPerDay,
    transcriptShare: 0.35,
    // Generated URLs would point nowhere; only the calls given synthesised audio have a recording.
    recordingShare: 0,
    utcOffset,
  };
  const keep = options.keep ?? (() => true);
  const rows = [
    ...interactionRows({ ...common, month: prevMonth, idPrefix: 'CTI' }),
    ...(daysThisMonth > 0
      ? interactionRows({ ...common, month: thisMonth, days: daysThisMonth, idPrefix: 'CTJ' })
      : []),
  ].filter(keep);
  const importFrom = addDays(today, -(options.importedDays ?? 3));
  // Stamped as imported by the night's export (01:30–01:40 the next day).
  let n = 0;
  await insertInteractions(
    db,
    rows.filter((r) => r.started_at.slice(0, 10) < importFrom),
    { agents: ids.agents, queues: ids.queues },
    (r) => cal.at(addDays(r.started_at.slice(0, 10), 1), 1.5 + (n++ % 600) / 3600),
  );

  // The last nights' exports, through the import API as the CTI integration sends them.
  for (let date = importFrom; date < today; date = addDays(date, 1)) {
    const day = rows.filter((r) => r.started_at.slice(0, 10) === date);
    if (day.length === 0) continue;
    await trail.act(cal.at(addDays(date, 1), 1.5), () =>
      api.call('POST', `/interactions/import?filename=${encodeURIComponent(`cti-cdr-${date}.csv`)}`, {
        token: ids.ctiToken,
        ip: '10.20.9.15',
        raw: { contentType: 'text/csv', data: interactionsCsv(day) },
      }),
    );
  }

  // The web-chat export the QA lead uploaded by hand, with its broken lines; a corrected file next day.
  const uploadDay = addDays(periodStart, Math.min(11, Math.max(0, daysBetween(periodStart, today) - 5)));
  const web = [
    ...interactionRows({
      ...common,
      month: uploadDay.slice(0, 7),
      startDay: Number(uploadDay.slice(8)) - 1,
      days: 1,
      perAgentPerDay: 2,
      channels: { call: 0, chat: 0.7, email: 0.3 },
      idPrefix: 'WEB',
    }),
  ];
  if (web.length > 4) {
    const broken = BROKEN_LINES.map((f, i) => f(web[i] ?? (web[0] as GeneratedInteraction)));
    const lines = [...web.slice(0, 6), ...broken, ...web.slice(6)];
    const file = INTERACTION_CSV_COLUMNS.join(',') + '\n' + lines.map(interactionCsvLine).join('');
    const lead = { as: ids.leadId, ip: '10.20.2.9' };
    await trail.act(cal.at(addDays(uploadDay, 1), 10.4), () =>
      api.call(
        'POST',
        `/interactions/import?filename=${encodeURIComponent(`在线客服会话导出-${uploadDay}.csv`)}`,
        {
          ...lead,
          raw: { contentType: 'text/csv', data: file },
        },
      ),
    );
    // The corrected export: the broken lines fixed or dropped, two durations corrected at the source.
    const fixed = [
      ...web.map((r, i) => (i < 2 ? { ...r, duration_s: r.duration_s + 60 } : r)),
      { ...(broken[3] as GeneratedInteraction), queue: web[3]?.queue ?? 'billing' },
    ];
    await trail.act(cal.at(addDays(uploadDay, 2), 9.6), () =>
      api.call(
        'POST',
        `/interactions/import?filename=${encodeURIComponent(`在线客服会话导出-${uploadDay}-更正.csv`)}`,
        {
          ...lead,
          raw: { contentType: 'text/csv', data: interactionsCsv(fixed) },
        },
      ),
    );
    rows.push(...fixed);
  }

  const idRows = await queryRows<{ id: number; external_id: string }>(
    db,
    sql`select id::int as id, external_id from interactions`,
  );
  const idOf = new Map(idRows.map((r) => [r.external_id, r.id]));
  const contacts: Contact[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const id = idOf.get(r.external_id);
    if (id === undefined || seen.has(r.external_id)) continue;
    seen.add(r.external_id);
    contacts.push({ ...r, id });
  }
  return contacts.sort((a, b) => a.started_at.localeCompare(b.started_at));
}
