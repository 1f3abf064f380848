// `npm start`: builds the app and launches it in Electron with a
// better-sqlite3 addon compiled for Electron. Where the Electron binary is
// missing (it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1), it says
// how to get it and how to use the command line instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ensureElectronBinding } from './native.js';

const require = createRequire(import.meta.url);

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
      'Meanwhile the command line works on the same data: npm run -s embark -- --help',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const run = (command, args, env = process.env) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, [
  require.resolve('electron-vite/bin/electron-vite.js'),
  'build',
]);
const binding = ensureElectronBinding();
run(binary, ['.'], { ...process.env, EMBARK_SQLITE_BINDING: binding });
