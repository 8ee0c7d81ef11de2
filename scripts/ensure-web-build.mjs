// Builds the web app when web/dist is missing or older than its sources, so `npm start` always
// serves the current UI without rebuilding on every start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// ZHIJIAN_WEB_DIST builds into (and the server serves) a private directory instead of web/dist,
// so several developers' walks on one checkout never build over each other.
const dist = process.env.ZHIJIAN_WEB_DIST
  ? path.resolve(process.env.ZHIJIAN_WEB_DIST)
  : path.join(root, 'web/dist');
const index = path.join(dist, 'index.html');

function newest(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    max = Math.max(max, newest(path.join(target, entry)));
  }
  return max;
}

const sources = [
  'web/src',
  'web/index.html',
  'web/vite.config.ts',
  'web/public',
  'shared',
  'package-lock.json',
];
const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const changedAt = Math.max(...sources.map((s) => newest(path.join(root, s))));
if (builtAt === 0 || changedAt > builtAt) {
  process.stdout.write('Building the web app (once after each change)…\n');
  const result = spawnSync(
    'npx',
    [
      'vite',
      'build',
      '--config',
      'web/vite.config.ts',
      '--outDir',
      dist,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
