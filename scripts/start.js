// `npm start`: builds the app and launches it in Electron with a
// better-sqlite3 addon compiled for Electron. Where the Electron binary is
// missing (it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1), it prints
// that and starts the headless host instead, as `npm run web` does.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureElectronBinding } from './native.js';
import { startHeadlessHost } from './web.js';

const require = createRequire(import.meta.url);

/** Path of electron-vite's command line, named by its package's `bin`. */
function electronViteCli() {
  const manifest = require.resolve('electron-vite/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return path.join(path.dirname(manifest), bin['electron-vite']);
}

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  process.stderr.write(
    [
      'The Electron binary is not installed, so the desktop window cannot open.',
      'Install it with: npm rebuild electron (needs access to the Electron downloads).',
      'Starting the headless host instead: open the address below in a browser.',
      '',
    ].join('\n'),
  );
  startHeadlessHost(process.argv.slice(2));
} else {
  startElectron(binary);
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function startElectron(electron) {
  run(process.execPath, [electronViteCli(), 'build']);
  const binding = ensureElectronBinding();
  run(electron, ['.'], { ...process.env, EMBARK_SQLITE_BINDING: binding });
}
