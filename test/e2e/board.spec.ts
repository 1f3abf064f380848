import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness.ts';
import { checkThemes } from './themes.ts';

// Tall enough that all three lanes are on screen, so a card can be dragged
// from one lane to another without scrolling.
test.use({ viewport: { width: 1440, height: 1500 } });

const lane = (page: Page, segment: string) =>
  page.locator(`section.lane[data-segment="${segment}"]`);

const card = (scope: Page | Locator, name: string) =>
  scope.getByRole('listitem', { name, exact: true });

/** The toolbar's count of the clients that match the filters. */
const boardTotal = (page: Page) =>
  page.locator('.toolbar-actions [role="status"]');

async function openBoard(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Board' })).toBeVisible();
}

async function loadSample(page: Page) {
  await expect(
    page.getByRole('heading', { name: 'Welcome to Embark' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Load the sample workspace' }).click();
  await expect(page.locator('.card').first()).toBeVisible({ timeout: 60_000 });
}

type NewClient = {
  name: string;
  employees: string;
  value: string;
  stakeholders?: string;
  checks?: string[];
  risk: string;
  segment: string;
};

async function createClient(page: Page, client: NewClient) {
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name (required)').fill(client.name);
  await dialog.getByLabel('Employees').fill(client.employees);
  await dialog.getByLabel('Annual contract value').fill(client.value);
  if (client.stakeholders) {
    await dialog.getByLabel('Stakeholders').fill(client.stakeholders);
  }
  for (const label of client.checks ?? []) {
    await dialog.getByLabel(label, { exact: true }).check();
  }
  await dialog
    .getByLabel('Coordinator’s risk assessment')
    .selectOption(client.risk);
  // The classification follows the attributes as they are typed.
  await expect(dialog.getByTestId('classified-segment')).toHaveText(
    client.segment,
  );
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  // Creating a client opens its journey; go back to the board.
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('heading', { name: 'Board' })).toBeVisible();
}

test('sample workspace fills the lanes', async ({ page, host, pageErrors }) => {
  await openBoard(page, host.url);
  await loadSample(page);
  for (const segment of ['smb', 'mid-market', 'enterprise']) {
    await expect(lane(page, segment).locator('.card').first()).toBeVisible();
  }
  await expect(boardTotal(page)).toHaveText('30 clients');
  expect(pageErrors).toEqual([]);
});

test('new client per segment shows its class', async ({ page, host }) => {
  await openBoard(page, host.url);
  await createClient(page, {
    name: 'Corner Bakery',
    employees: '8',
    value: '4000',
    risk: 'low',
    segment: 'SMB',
  });
  await createClient(page, {
    name: 'Initech Payroll',
    employees: '350',
    value: '80000',
    stakeholders: '5',
    checks: ['CRM'],
    risk: 'low',
    segment: 'Mid-market',
  });
  await createClient(page, {
    name: 'Globex Insurance',
    employees: '12000',
    value: '900000',
    stakeholders: '14',
    checks: ['SSO', 'ERP', 'SOC2', 'GDPR'],
    risk: 'medium',
    segment: 'Enterprise',
  });
  await expect(card(lane(page, 'smb'), 'Corner Bakery')).toBeVisible();
  await expect(card(lane(page, 'mid-market'), 'Initech Payroll')).toBeVisible();
  await expect(
    card(lane(page, 'enterprise'), 'Globex Insurance'),
  ).toBeVisible();
});

test('dragging to enterprise migrates after confirm', async ({
  page,
  host,
}) => {
  await openBoard(page, host.url);
  await createClient(page, {
    name: 'Initech Payroll',
    employees: '350',
    value: '80000',
    stakeholders: '5',
    checks: ['CRM'],
    risk: 'low',
    segment: 'Mid-market',
  });
  const moving = card(lane(page, 'mid-market'), 'Initech Payroll');
  await moving.dragTo(lane(page, 'enterprise'));

  const dialog = page.getByRole('dialog', {
    name: 'Move Initech Payroll to Enterprise',
  });
  await expect(dialog).toBeVisible();
  const kept = dialog.getByRole('region', { name: /Kept/ });
  const added = dialog.getByRole('region', { name: /Added/ });
  await expect(kept.getByRole('listitem').first()).toBeVisible();
  await expect(added.getByText('Security questionnaire')).toBeVisible();
  // Nothing moves before the confirmation.
  await expect(moving).toBeVisible();

  await dialog.getByLabel('Reason').fill('Signed an enterprise agreement');
  await dialog.getByRole('button', { name: 'Confirm move' }).click();
  await expect(dialog).toBeHidden();
  await expect(card(lane(page, 'enterprise'), 'Initech Payroll')).toBeVisible();
  await expect(moving).toBeHidden();
});

test('keyboard moves a card through the menu', async ({ page, host }) => {
  await openBoard(page, host.url);
  await loadSample(page);
  const first = lane(page, 'mid-market').locator('.card').first();
  const name = (await first.getAttribute('aria-label')) ?? '';
  await first.focus();
  await page.keyboard.press('m');
  const chooser = page.getByRole('dialog', {
    name: `Move ${name} to another segment`,
  });
  await chooser.getByLabel('Enterprise').check();
  await chooser.getByRole('button', { name: 'Preview the move' }).click();
  const preview = page.getByRole('dialog', {
    name: `Move ${name} to Enterprise`,
  });
  await expect(
    preview.getByRole('button', { name: 'Confirm move' }),
  ).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(card(lane(page, 'mid-market'), name)).toBeVisible();
});

test('arrow keys move focus and Enter opens', async ({ page, host }) => {
  await openBoard(page, host.url);
  await loadSample(page);
  await page.locator('.card[tabindex="0"]').first().focus();
  const focused = page.locator('.card:focus');
  await expect(focused).toHaveCount(1);
  const before = await focused.getAttribute('data-journey-id');
  await page.keyboard.press('ArrowDown');
  await expect(focused).not.toHaveAttribute('data-journey-id', before ?? '');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Board' })).toBeHidden();
});

test('board screens pass axe in both themes', async ({ page, host }) => {
  // Ten axe scans and screenshots: three times the usual time limit.
  test.slow();
  await openBoard(page, host.url);
  await checkThemes(page, 'board-empty', 'setting');
  await loadSample(page);
  await checkThemes(page, 'board-sample', 'setting');
  await page.getByLabel('Segment', { exact: true }).selectOption('enterprise');
  await expect(boardTotal(page)).toHaveText('10 clients');
  await checkThemes(page, 'board-filtered', 'setting');
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  const moving = lane(page, 'mid-market').locator('.card').first();
  await moving.dragTo(lane(page, 'enterprise'));
  await expect(
    page.getByRole('button', { name: 'Confirm move' }),
  ).toBeEnabled();
  await checkThemes(page, 'board-migration', 'setting');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+n');
  await page.getByLabel('Employees').fill('2500');
  await expect(page.getByTestId('classified-segment')).toBeVisible();
  await checkThemes(page, 'board-new-client', 'setting');
});
