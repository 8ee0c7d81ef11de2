/**
 * What the `bench:*` scripts share: command-line options, child processes that are always
 * killed (exit, signal or watchdog), starting/stopping a server child, and a scratch database on
 * a loopback PostgreSQL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** `--name=value` or `--name value`, else the fallback. */
export function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (arg) return arg.slice(name.length + 3);
  const at = process.argv.indexOf(`--${name}`);
  const next = at >= 0 ? process.argv[at + 1] : undefined;
  return next && !next.startsWith('--') ? next : fallback;
}

const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];

/** Kills every child still running and runs the registered clean-ups (newest first). */
export function cleanUp(): void {
  for (const proc of children) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      fn();
    } catch {
      /* best effort */
    }
  }
}

/** Something to undo on every way out (temporary directories). */
export function onCleanUp(fn: () => void): void {
  cleanups.push(fn);
}

/** Cleans up on exit and on SIGINT/SIGTERM, and stops the whole run after `watchdogMs`. */
export function guardRun(name: string, watchdogMs: number): void {
  process.on('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }
  setTimeout(() => {
    process.stderr.write(`${name} exceeded ${Math.round(watchdogMs / 60000)} minutes; stopping.\n`);
    cleanUp();
    process.exit(1);
  }, watchdogMs).unref();
}

export type Child = { name: string; proc: ChildProcess; port: number; output: () => string };

/**
 * Starts `node [nodeArgs] --import tsx <script>` in the repository and waits until `ready`
 * matches its stdout; the first group of `ready` is the port.
 */
export function startChild(options: {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  ready: RegExp;
  nodeArgs?: string[];
  timeoutMs?: number;
}): Promise<Child> {
  const { name, ready } = options;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script], {
    cwd: ROOT,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  proc.stderr?.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    proc.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      const match = ready.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ name, proc, port: Number(match[1]), output: () => output });
      }
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/**
 * The Node flags `npm start` gives the server, read from package.json's start script
 * (`… node [flags] --import tsx server/src/main.ts`), so a benchmark runs the server as an
 * operator does.
 */
export function serverNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const start = pkg.scripts.start ?? '';
  const match = /(?:^|&& )node ((?:--\S+ )*)--import tsx server\/src\/main\.ts$/.exec(start);
  if (!match) {
    throw new Error(
      `package.json start script is not \`node [flags] --import tsx server/src/main.ts\`: ${start}`,
    );
  }
  return (match[1] ?? '').split(' ').filter(Boolean);
}

/** Our server (server/src/main.ts) as a child; ready when its banner names the port. */
export function startServer(env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<Child> {
  return startChild({
    name: 'the server',
    script: 'server/src/main.ts',
    env,
    nodeArgs: [...serverNodeFlags(), ...nodeArgs],
    ready: /running at http:\/\/localhost:(\d+)\//,
  });
}

/** SIGTERM, then SIGKILL after `graceMs`. Answers the exit code. */
export function stopChild(child: Child, graceMs = 15_000): Promise<number | null> {
  const { proc } = child;
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      children.delete(proc);
      resolve(proc.exitCode);
      return;
    }
    const force = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', (code) => {
      clearTimeout(force);
      children.delete(proc);
      resolve(code);
    });
    proc.kill('SIGTERM');
  });
}

/** DATABASE_URL or the machine's PostgreSQL; benchmarks never leave the loopback. */
export function postgresBaseUrl(script: string): string {
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`${script} only runs against a loopback PostgreSQL, not ${url.hostname}`);
  }
  return url.toString();
}

/** Runs `body` on a fresh database `zhijian_bench_<label>_<pid>`, dropped afterwards. */
export async function withScratchDatabase<T>(
  baseUrl: string,
  label: string,
  body: (url: string) => Promise<T>,
): Promise<T> {
  const name = `zhijian_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    try {
      return await body(url.toString());
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
    }
  } finally {
    await admin.end();
  }
}

/**
 * User + system CPU seconds a process has used so far (Linux /proc); null when /proc cannot tell
 * (not Linux, or the process is gone). A figure the machine's load does not skew.
 */
export function procCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
