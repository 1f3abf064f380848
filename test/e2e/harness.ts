/**
 * End-to-end fixtures: each test gets its own data folder and its own
 * headless host (a child process, as `npm run web` starts it), and a page
 * from a fresh browser context.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Browser, type Page } from '@playwright/test';
import {
  launchChromium,
  startHostProcess,
  stopHostProcess,
  type RunningHost,
} from '../helpers/host-process.ts';

export {
  chromiumExecutable,
  startHostProcess,
  type RunningHost,
} from '../helpers/host-process.ts';

export type HostOptions = {
  /** Runs before the host starts, with the empty data folder. */
  prepare?: (dataDir: string) => Promise<void> | void;
  /** Extra environment of the host process. */
  env?: Record<string, string>;
};

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
      const browser = await launchChromium();
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
