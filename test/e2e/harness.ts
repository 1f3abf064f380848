/**
 * End-to-end fixtures: each test gets its own data folder and its own
 * headless host (a child process, as `npm run web` starts it), and a page
 * from a fresh browser context.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  chromium,
  test as base,
  type Browser,
  type Page,
} from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
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

export type RunningHost = {
  url: string;
  origin: string;
  dataDir: string;
  /** Lines the host wrote to stderr, for failure messages. */
  stderr: string[];
};

export type HostOptions = {
  /** Runs before the host starts, with the empty data folder. */
  prepare?: (dataDir: string) => Promise<void> | void;
  /** Extra environment of the host process. */
  env?: Record<string, string>;
};

/** Starts the headless host and resolves with the address it printed. */
export async function startHostProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; host: RunningHost }> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin', 'run-ts.js'),
      path.join(root, 'src-main', 'host', 'main.ts'),
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

async function stopHostProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

type Fixtures = {
  hostOptions: HostOptions;
  host: RunningHost;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  pageErrors: string[];
};

type WorkerFixtures = { embarkBrowser: Browser };

export const test = base.extend<Fixtures, WorkerFixtures>({
  hostOptions: [{}, { option: true }],
  embarkBrowser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructured first argument.
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: chromiumExecutable(),
        args: CHROMIUM_ARGS,
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  host: async ({ hostOptions }, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'embark-e2e-'));
    await hostOptions.prepare?.(dataDir);
    const { child, host } = await startHostProcess(dataDir, hostOptions.env);
    await use(host);
    await stopHostProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructured first argument.
  pageErrors: async ({}, use) => {
    await use([]);
  },
  page: async ({ embarkBrowser, pageErrors }, use) => {
    const context = await embarkBrowser.newContext();
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await use(page);
    await context.close();
  },
});

export { expect } from '@playwright/test';
