import type { Page } from '@playwright/test';
import { expect, test } from './harness.ts';
import { checkThemes } from './themes.ts';

test.use({ viewport: { width: 1440, height: 900 } });

const welcome = (page: Page) =>
  page.getByRole('heading', { name: 'Welcome to Embark' });

/** The toolbar's count of the clients that match the filters. */
const boardTotal = (page: Page) =>
  page.locator('.toolbar-actions [role="status"]');

async function startEmpty(page: Page) {
  await expect(welcome(page)).toBeVisible();
  await page.getByRole('button', { name: 'Start empty' }).click();
  await expect(
    page.getByRole('heading', { name: 'No clients yet' }),
  ).toBeVisible();
}

test('start empty is remembered', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await startEmpty(page);
  await expect(welcome(page)).toHaveCount(0);

  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'No clients yet' }),
  ).toBeVisible();
  await expect(welcome(page)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('first-run sample fills the board', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await expect(welcome(page)).toBeVisible();
  await page.getByRole('button', { name: 'Load the sample workspace' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(boardTotal(page)).toHaveText('30 clients', { timeout: 60_000 });
  for (const segment of ['smb', 'mid-market', 'enterprise']) {
    await expect(
      page.locator(`section.lane[data-segment="${segment}"] .card`).first(),
    ).toBeVisible();
  }
  await page.reload();
  await expect(boardTotal(page)).toHaveText('30 clients');
  await expect(welcome(page)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('command palette loads the sample', async ({ page, host, pageErrors }) => {
  await page.goto(host.url);
  await startEmpty(page);

  // Cancelling the confirmation adds nothing.
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Commands' });
  await expect(palette).toBeVisible();
  // Focus starts in the search field, so typing filters at once.
  await expect(palette.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('sample');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', {
    name: 'Load the sample workspace?',
  });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('Adds 30 sample clients');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(
    page.getByRole('heading', { name: 'No clients yet' }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Commands' }).click();
  await palette.getByRole('option', { name: /Load the sample/ }).click();
  await confirm.getByRole('button', { name: 'Load sample' }).click();
  await expect(confirm.getByRole('progressbar')).toBeVisible();
  await expect(confirm).toBeHidden({ timeout: 60_000 });
  await expect(boardTotal(page)).toHaveText('30 clients');
  expect(pageErrors).toEqual([]);
});

test('first-run screens pass axe in both themes', async ({ page, host }) => {
  // Six axe scans and screenshots: three times the usual time limit.
  test.slow();
  await page.goto(host.url);
  await expect(welcome(page)).toBeVisible();
  await checkThemes(page, 'first-run', 'system');
  await page.keyboard.press('Control+Shift+P');
  await page.getByRole('combobox', { name: 'Type a command' }).fill('the');
  await page.keyboard.press('ArrowDown');
  await checkThemes(page, 'command-palette', 'system');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page
    .getByRole('combobox', { name: 'Type a command' })
    .fill('load sample');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('dialog', { name: 'Load the sample workspace?' }),
  ).toBeVisible();
  await checkThemes(page, 'load-sample', 'system');
});
