/**
 * `npm run demo`: Zhijian on a fresh embedded database in its own data directory (./data-demo, or
 * ZHIJIAN_DEMO_DIR), filled with a realistic center (server/src/generator/demo.ts), then served.
 * Prints the URL and one account per role. With espeak-ng installed, a few calls get real
 * (synthesised Mandarin) audio so the player has something to play.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { ensureFirstAdmin } from '../server/src/bootstrap.ts';
import { type Db, openDatabase, queryRows } from '../server/src/db/client.ts';
import { DataDirLockedError } from '../server/src/db/lock-file.ts';
import { ConfigError, readEnv } from '../server/src/env.ts';
import { type DemoSummary, seedDemoCenter } from '../server/src/generator/demo/index.ts';
import { setLogLevel } from '../server/src/logger.ts';
import { configureActorCache } from '../server/src/modules/auth/actor-cache.ts';
import { startSamplingScheduler } from '../server/src/modules/sampling/scheduler.ts';
import { startOverdueScheduler } from '../server/src/modules/evaluations/overdue.schedule.ts';
import { startProposalScheduler } from '../server/src/modules/compliance/compliance.schedule.ts';
import { verifyAuditChain } from '../server/src/modules/audit/audit.verify.ts';
import { hashPassword } from '../server/src/modules/auth/password.ts';
import { exitOnStartFailure, serveZhijian } from '../server/src/serve.ts';

const run = promisify(execFile);
export const DEMO_PASSWORD = 'zhijian-demo';
const MARKER = '.zhijian-demo';

function freshDir(dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0 && !fs.existsSync(path.join(dir, MARKER))) {
    throw new ConfigError(`${dir} exists and is not a demo directory; choose another with ZHIJIAN_DEMO_DIR.`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, MARKER),
    'Created by npm run demo; deleted and recreated by the next run.\n',
  );
}

type Wav = { format: Buffer; data: Buffer; byteRate: number };

function readWav(buffer: Buffer): Wav {
  let offset = 12;
  let format: Buffer | null = null;
  let data: Buffer | null = null;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = buffer.subarray(offset + 8, Math.min(buffer.length, offset + 8 + size));
    if (id === 'fmt ') format = body;
    if (id === 'data') data = body;
    offset += 8 + size + (size % 2);
  }
  if (!format || !data) throw new Error('not a PCM WAV');
  return { format, data, byteRate: format.readUInt32LE(8) };
}

function writeWav(format: Buffer, data: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header.write('RIFF', 0);
  header.writeUInt32LE(4 + 8 + format.length + 8 + data.length, 4);
  header.write('WAVE', 8);
  const fmt = Buffer.alloc(8);
  fmt.write('fmt ', 0);
  fmt.writeUInt32LE(format.length, 4);
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0);
  dataHead.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, fmt, format, dataHead, data]);
}

/** Speaks each turn (two voices), joins them with short pauses, and re-times the transcript to match. */
async function synthesiseCall(
  db: Db,
  dataDir: string,
  call: DemoSummary['audioCandidates'][number],
): Promise<void> {
  const dir = path.join(dataDir, 'recordings', 'demo');
  fs.mkdirSync(dir, { recursive: true });
  const parts: Buffer[] = [];
  let format: Buffer | null = null;
  let at = 0.5;
  const turns: { speaker: string; start_s: number; end_s: number; text: string }[] = [];
  for (const [i, turn] of call.turns.entries()) {
    const file = path.join(dir, `${call.id}-${i}.wav`);
    const voice = turn.speaker === 'agent' ? 'cmn+f3' : 'cmn+m3';
    await run('espeak-ng', ['-v', voice, '-s', '175', '-w', file, turn.text]);
    const wav = readWav(fs.readFileSync(file));
    fs.rmSync(file);
    format ??= wav.format;
    const byteRate = wav.byteRate;
    const pause = Buffer.alloc(Math.round(byteRate * 0.5) & ~1);
    if (parts.length === 0) parts.push(Buffer.alloc(Math.round(byteRate * 0.5) & ~1));
    parts.push(wav.data, pause);
    const length = wav.data.length / byteRate;
    turns.push({
      speaker: turn.speaker,
      start_s: Math.round(at * 100) / 100,
      end_s: Math.round((at + length) * 100) / 100,
      text: turn.text,
    });
    at += length + 0.5;
  }
  if (!format) return;
  const audio = writeWav(format, Buffer.concat(parts));
  const relative = path.join('recordings', 'demo', `${call.id}.wav`);
  fs.writeFileSync(path.join(dataDir, relative), audio);
  await db.execute(sql`update interactions set recording_file = ${relative}, recording_mime = 'audio/wav',
    recording_bytes = ${audio.length}, duration_s = ${Math.ceil(at)}, transcript = ${JSON.stringify(turns)}::jsonb
    where id = ${call.id}`);
  // Comments pinned to a turn move with it to the turn's new start.
  await db.execute(sql`update evaluation_marks m set at_s = (i.transcript -> m.turn_index ->> 'start_s')::numeric
    from evaluations e join interactions i on i.id = e.interaction_id
    where m.evaluation_id = e.id and i.id = ${call.id} and m.turn_index is not null`);
}

async function hasEspeak(): Promise<boolean> {
  try {
    await run('espeak-ng', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** The build's phases, timed: wall clock and this process's CPU (PGlite runs in it). */
function phaseClock() {
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1e6;
  };
  // Loading the modules (and compiling TypeScript on a first run) happened before this line.
  let at = { name: 'start-up', wall: Date.now() - process.uptime() * 1000, cpu: 0 };
  const done: { name: string; wall: number; cpu: number }[] = [];
  const close = () => {
    done.push({ name: at.name, wall: (Date.now() - at.wall) / 1000, cpu: cpu() - at.cpu });
  };
  return {
    start(name: string) {
      close();
      at = { name, wall: Date.now(), cpu: cpu() };
    },
    /** Ends the last phase; answers the lines to print and the totals. */
    finish() {
      close();
      const wall = done.reduce((sum, p) => sum + p.wall, 0);
      const width = Math.max(...done.map((p) => p.name.length));
      return {
        wall,
        cpu: cpu(),
        lines: done.map(
          (p) =>
            `    ${p.name.padEnd(width)}  ${p.wall.toFixed(1).padStart(5)} s  (CPU ${p.cpu.toFixed(1)} s)`,
        ),
      };
    },
  };
}

async function main(): Promise<void> {
  const clock = phaseClock();
  const env = readEnv();
  const dataDir = path.resolve(process.env.ZHIJIAN_DEMO_DIR?.trim() || './data-demo');
  const demoEnv = { ...env, dataDir, databaseUrl: null };
  // The build's own steps are printed below; the services' info lines (one per sampling run, …) are not.
  setLogLevel(env.logLevel === 'info' || env.logLevel === 'debug' ? 'warn' : env.logLevel);
  configureActorCache(env.authCacheSeconds);
  freshDir(dataDir);
  process.stdout.write(`Building the demo center in ${dataDir} …\n`);
  clock.start('database (PGlite, migrations)');
  const runStart = new Date();
  const database = await openDatabase({ kind: 'pglite', dataDir });
  await ensureFirstAdmin(database.db, DEMO_PASSWORD);
  // Everyone signs in with the demo password: the admin's hash serves them all (one argon2 run).
  const [admin] = await queryRows<{ password_hash: string }>(
    database.db,
    sql`select password_hash from users where username = 'admin'`,
  );
  const passwordHash = admin?.password_hash ?? (await hashPassword(DEMO_PASSWORD));
  const summary = await seedDemoCenter(database, demoEnv, passwordHash, {
    timezone: env.timezone,
    runStart,
    onProgress: (step) => {
      clock.start(step);
      process.stdout.write(`  ${process.uptime().toFixed(1).padStart(5)} s  ${step} …\n`);
    },
  });
  const timing = clock.finish();
  setLogLevel(env.logLevel);
  const espeak = await hasEspeak();
  const width = Math.max(...summary.accounts.map((a) => a.username.length));
  serveZhijian(database, demoEnv, [
    '',
    `  Demo center ready in ${timing.wall.toFixed(1)} s (CPU ${timing.cpu.toFixed(1)} s): ${summary.interactions} interactions, ${summary.evaluations} evaluations, ` +
      `${summary.disputes} disputes, ${summary.auditEntries} audit entries` +
      `${espeak ? `; ${summary.audioCandidates.length} calls are getting audio` : ' (install espeak-ng for call audio)'}.`,
    `  Demo accounts (password: ${DEMO_PASSWORD}):`,
    ...summary.accounts.map((a) => `    ${a.role.padEnd(12)} ${a.username.padEnd(width)}  ${a.name}`),
    '  Build phases (wall clock, CPU of this process):',
    ...timing.lines,
  ]);
  // As `npm start`: the daily sampling run at the active plan's local time (07:00, yesterday's
  // contacts), the monthly targeted plan proposed in a month's first days, and team leaders told
  // of confirmations gone overdue.
  startSamplingScheduler(database.db, env.timezone);
  startProposalScheduler(database.db, env.timezone);
  startOverdueScheduler(database.db);
  // While the center is already in use: the calls' audio (a few seconds per call), then the sealed
  // trail walked once more, as `npm run audit:verify` would.
  if (espeak) {
    let audio = 0;
    for (const call of summary.audioCandidates) {
      try {
        await synthesiseCall(database.db, dataDir, call);
        audio++;
      } catch (err) {
        process.stderr.write(`  (audio for interaction ${call.id} skipped: ${(err as Error).message})\n`);
      }
    }
    process.stdout.write(`  Call audio ready: ${audio} calls (espeak-ng, Mandarin).\n`);
  }
  // After the banner is out (the walk keeps the process busy for a moment).
  await new Promise((resolve) => setTimeout(resolve, 50));
  const verdict = await verifyAuditChain(database.db);
  process.stdout.write(
    verdict.ok
      ? `  Audit trail verified: ${verdict.checked} entries, hash chain intact.\n`
      : `  Audit trail NOT intact at entry ${verdict.first_broken_id ?? '?'}: ${verdict.reason ?? ''}\n`,
  );
}

main().catch((err: unknown) =>
  exitOnStartFailure(err, (e) => e instanceof ConfigError || e instanceof DataDirLockedError),
);
