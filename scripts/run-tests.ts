/**
 * Runs the test files with node:test, naming every file explicitly (on Node 20, `node --test dir/`
 * silently runs nothing). `--e2e` runs the browser walks in e2e/ instead.
 * Exits non-zero when no test file is found.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const e2e = process.argv.includes('--e2e');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function walk(dir: string, out: string[]): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (e2e ? entry.name.endsWith('.spec.ts') : entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const dirs = e2e ? ['e2e'] : ['shared', 'server', 'scripts', 'web/src'];
let files = dirs.flatMap((d) => walk(path.join(root, d), [])).sort();
if (filters.length > 0) files = files.filter((f) => filters.some((p) => f.includes(p)));
if (files.length === 0) {
  process.stderr.write('No test files found.\n');
  process.exit(1);
}

const db = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
process.stdout.write(
  `Running ${files.length} test file(s) on ${db ? 'PostgreSQL ' + db.replace(/:[^:@/]*@/, ':***@') : 'PGlite (in memory)'}\n`,
);

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${e2e ? 1 : 2}`,
    ...files.map((f) => path.relative(root, f)),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
