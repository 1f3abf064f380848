/**
 * Starts the headless host as a child process, as `npm run web` does, and
 * launches Chromium for it. Used by the end-to-end tests and the browser
 * benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Chromium 156 loads the address bar's popup, about 400 internal
  // resources, into every browser context after the first. A headless
  // window never shows it, and loading it slows the page under test.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
];

/** Returns Playwright's own Chromium if installed, else Debian's. */
export function chromiumExecutable(): string | undefined {
  if (existsSync(chromium.executablePath())) return undefined;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new Error(
    "No Chromium found for the end-to-end tests. Install Debian's with " +
      '"apt-get install chromium", or run "npx playwright install chromium" ' +
      'where downloads work.',
  );
}

/** Launches headless Chromium with the options every test and bench uses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  });
}

export type RunningHost = {
  url: string;
  origin: string;
  dataDir: string;
  /** Lines the host wrote to stderr, for failure messages. */
  stderr: string[];
};

/** Starts the headless host and resolves with the address it printed. */
export async function startHostProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; host: RunningHost }> {
  const child = spawn(
    process.execPath,
    [
      // Built from the sources by the global setup, as `npm run web` runs it.
      path.join(root, 'out', 'main', 'host.js'),
      '--data',
      dataDir,
      '--port',
      '0',
    ],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) =>
    stderr.push(line),
  );
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /^Embark is running at (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) =>
      reject(
        new Error(
          `The headless host exited with code ${code} before printing ` +
            `its address:\n${stderr.join('\n')}`,
        ),
      ),
    );
  });
  return {
    child,
    host: { url, origin: new URL(url).origin, dataDir, stderr },
  };
}

/** Stops the host with SIGTERM and waits for it to exit. */
export async function stopHostProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
