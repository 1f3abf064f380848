// `npm run web`: builds the renderer if needed, then starts the headless
// host, which prints the address to open in a browser. Options after `--`
// go to the host: npm run web -- --data DIR --port N
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from './renderer-build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Starts the headless host in this terminal and exits with its status. */
export function startHeadlessHost(args) {
  ensureRendererBuilt();
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin', 'run-ts.js'),
      path.join(root, 'src-main', 'host', 'main.ts'),
      ...args,
    ],
    { stdio: 'inherit' },
  );
  // Ctrl+C reaches the host too; forward SIGTERM so it closes the same way.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startHeadlessHost(process.argv.slice(2));
}
