// Builds better-sqlite3 for Electron into .native/electron, leaving the copy
// in node_modules compiled for Node, so that `npm test` (Node) and
// `npm start` (Electron) both work, in either order.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Path of the better-sqlite3 addon built for Electron. */
export const electronBinding = path.join(
  root,
  '.native',
  'electron',
  'better_sqlite3.node',
);

function electronVersion() {
  const manifest = path.join(root, 'node_modules', 'electron', 'package.json');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/** Compiles the addon against Electron's headers unless it is up to date. */
export function ensureElectronBinding() {
  const version = electronVersion();
  const stamp = path.join(root, '.native', 'electron', 'version');
  if (
    existsSync(electronBinding) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === version
  ) {
    return electronBinding;
  }
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = path.join(root, '.native', 'electron-build');
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true });
  // npm passes the path of its bundled node-gyp to the scripts it runs.
  const nodeGyp =
    process.env.npm_config_node_gyp ??
    require.resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    throw new Error(
      'Building better-sqlite3 for Electron failed; see the output above.',
    );
  }
  mkdirSync(path.dirname(electronBinding), { recursive: true });
  cpSync(
    path.join(work, 'build', 'Release', 'better_sqlite3.node'),
    electronBinding,
  );
  writeFileSync(stamp, version);
  return electronBinding;
}
