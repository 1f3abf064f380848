import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './harness.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Calls the back end through the page's own WebSocket to the host. */
async function callFromPage(page: Page, channel: string, args: unknown) {
  return page.evaluate(
    ({ channel, args }) =>
      new Promise<{ ok: boolean; error?: { code: string }; result?: unknown }>(
        (resolve, reject) => {
          // The test tsconfig has no DOM types; this runs in the page.
          const { location } = globalThis as unknown as {
            location: { search: string; host: string };
          };
          const token = new URLSearchParams(location.search).get('token');
          const socket = new WebSocket(
            `ws://${location.host}/ipc?token=${encodeURIComponent(token ?? '')}`,
          );
          socket.onerror = () => reject(new Error('WebSocket failed'));
          socket.onopen = () =>
            socket.send(JSON.stringify({ id: 1, channel, args }));
          socket.onmessage = (event) => {
            resolve(JSON.parse(String(event.data)));
            socket.close();
          };
        },
      ),
    { channel, args },
  );
}

test('page loads with the token', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(page).toHaveTitle('Embark');
  await expect(page.locator('#root')).not.toBeEmpty();
  const reply = await callFromPage(page, 'workspace:info', {});
  expect(reply.ok).toBe(true);
  expect(pageErrors).toEqual([]);
});

test('page without the token is forbidden', async ({ page, host }) => {
  const response = await page.goto(host.origin);
  expect(response?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('printed when it started');
});

let lockHolder: ChildProcess | undefined;

/** Holds an exclusive lock on the data folder's embark.db until killed. */
function holdLock(dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'embark.db');
  lockHolder = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import Database from 'better-sqlite3';
       const db = new Database(${JSON.stringify(file)});
       db.pragma('journal_mode = DELETE');
       db.exec('BEGIN EXCLUSIVE');
       process.stdout.write('locked\\n');
       setInterval(() => {}, 1000);`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const holder = lockHolder;
  return new Promise((resolve, reject) => {
    holder.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    holder.once('exit', (code) =>
      reject(new Error(`The lock holder exited with code ${code}.`)),
    );
  });
}

/** Kills the lock holder and waits until it has exited. */
async function releaseLock(): Promise<void> {
  const holder = lockHolder;
  lockHolder = undefined;
  if (!holder || holder.exitCode !== null || holder.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => holder.once('exit', resolve));
  holder.kill('SIGKILL');
  await exited;
}

/** Lists the serious and critical axe-core violations on the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter(
      (violation) =>
        violation.impact === 'serious' || violation.impact === 'critical',
    )
    .map(
      (violation) =>
        `${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

test.describe('locked database', () => {
  test.use({
    hostOptions: {
      prepare: holdLock,
      env: { EMBARK_BUSY_TIMEOUT_MS: '300' },
    },
  });

  test.afterEach(releaseLock);

  test('error screen shows DB_LOCKED', async ({ page, host }) => {
    await page.goto(host.url);
    const heading = page.getByRole('heading', {
      name: 'The workspace is open in another window',
    });
    await expect(heading).toBeVisible();
    await expect(heading).toBeFocused();
    await expect(page.getByText('DB_LOCKED', { exact: true })).toBeVisible();
    await expect(page.getByText(host.dataDir, { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.screenshot({
        path: `test-results/screenshots/startup-error-${theme}.png`,
      });
      expect(await seriousViolations(page)).toEqual([]);
    }

    // While the lock is held, a retry keeps the screen and shows a status.
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Embark still cannot open the workspace.',
    );
    await expect(page.getByText('DB_LOCKED', { exact: true })).toBeVisible();
  });

  test('retry after unlock shows the board', async ({ page, host }) => {
    await page.goto(host.url);
    const heading = page.getByRole('heading', {
      name: 'The workspace is open in another window',
    });
    await expect(heading).toBeVisible();

    await releaseLock();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { name: 'Board' })).toBeVisible();
    await expect(heading).toHaveCount(0);
  });
});
