// Builds the app with electron-vite when the renderer or the bundled
// headless host is missing or older than any source they are built from.
// Used by `npm run web`, the end-to-end tests and the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Path of electron-vite's command line, named by its package's `bin`. */
function electronViteCli() {
  const manifest = require.resolve('electron-vite/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return path.join(path.dirname(manifest), bin['electron-vite']);
}

export const rendererIndex = path.join(root, 'out', 'renderer', 'index.html');

/** The bundled headless host that `npm run web` starts. */
export const hostEntry = path.join(root, 'out', 'main', 'host.js');

const sources = [
  'src-renderer',
  'src-main',
  'src-shared',
  'electron.vite.config.ts',
  'package.json',
];

function newestModification(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) {
    newest = Math.max(newest, newestModification(path.join(entry, child)));
  }
  return newest;
}

/** Returns why the renderer needs building, or null when it is current. */
export function rendererBuildReason() {
  if (!existsSync(rendererIndex) || !existsSync(hostEntry)) {
    return 'it has not been built yet';
  }
  const built = Math.min(
    statSync(rendererIndex).mtimeMs,
    statSync(hostEntry).mtimeMs,
  );
  const changed = sources.find(
    (source) => newestModification(path.join(root, source)) > built,
  );
  return changed ? `${changed} changed since the last build` : null;
}

/** Runs `electron-vite build` when needed; exits the process on failure. */
export function ensureRendererBuilt() {
  const reason = rendererBuildReason();
  if (reason === null) return;
  process.stderr.write(`Building the app, because ${reason}...\n`);
  const result = spawnSync(process.execPath, [electronViteCli(), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    process.stderr.write('Building the app failed; see the output above.\n');
    process.exit(result.status ?? 1);
  }
}
