// `npm run web`: builds the app if needed, then starts the headless
// host, which prints the address to open in a browser. Options after `--`
// go to the host: npm run web -- --data DIR --port N
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt, hostEntry } from './renderer-build.js';

/** Starts the headless host in this terminal and exits with its status. */
export function startHeadlessHost(args) {
  ensureRendererBuilt();
  const child = spawn(process.execPath, [hostEntry, ...args], {
    stdio: 'inherit',
  });
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
