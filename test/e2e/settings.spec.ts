import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness.ts';
import { checkThemes } from './themes.ts';

test.use({ viewport: { width: 1440, height: 1000 } });

async function openApp(page: Page, url: string) {
  await page.goto(url);
  // The first page of a run waits for the host's worker and a cold browser.
  await expect(page.getByRole('heading', { name: 'Board' })).toBeVisible({
    timeout: 30_000,
  });
}

async function openSettings(page: Page, tab: string) {
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

/** Creates a small client in the New client dialog; returns its segment. */
async function createClient(page: Page, name: string, segment: string) {
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name (required)').fill(name);
  await dialog.getByLabel('Employees').fill('8');
  await dialog.getByLabel('Annual contract value').fill('4000');
  await dialog.getByLabel('Coordinator’s risk assessment').selectOption('low');
  await expect(dialog.getByTestId('classified-segment')).toHaveText(segment);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('heading', { name: 'Board' })).toBeVisible();
}

const previewRow = (page: Page, id: string) =>
  page.locator(`.settings-preview-table tr[data-sample="${id}"]`);

test('rule edit previews, saves and classifies', async ({
  page,
  host,
  pageErrors,
}) => {
  await openApp(page, host.url);
  await openSettings(page, 'Segment rules');
  const bakery = previewRow(page, 'example-bakery');
  await expect(bakery.getByTestId('preview-segment')).toHaveText('SMB');
  await expect(bakery.getByText('Changed')).toHaveCount(0);

  const cell = page.getByLabel('Rule 4, Employees', { exact: true });
  await expect(cell).toHaveValue('>= 100');
  // A test that does not parse is marked as it is typed.
  await cell.fill('>= >=');
  await expect(cell).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByRole('list', { name: 'Problems in the segment table' }),
  ).toContainText('Rule 4, Employees');
  await expect(page.getByText('The draft rules are invalid')).toBeVisible();

  await cell.fill('>= 5');
  await page
    .getByLabel('Rule 4 description', { exact: true })
    .fill('Five or more employees.');
  await expect(cell).not.toHaveAttribute('aria-invalid', 'true');
  await expect(bakery.getByTestId('preview-segment')).toHaveText(
    'Mid-marketwas SMB',
  );
  await expect(bakery.getByText('Changed')).toBeVisible();
  await expect(bakery).toContainText('Five or more employees.');
  await expect(
    page.getByText('Unsaved changes', { exact: true }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByText('Segment rules saved')).toBeVisible();
  await expect(page.getByText('Unsaved changes', { exact: true })).toHaveCount(
    0,
  );
  await expect(bakery.getByText('Changed')).toHaveCount(0);

  // A new client with 8 employees now classifies by the saved rule.
  await createClient(page, 'Corner Bakery', 'Mid-market');
  await expect(
    page
      .locator('section.lane[data-segment="mid-market"]')
      .getByRole('listitem', { name: 'Corner Bakery', exact: true }),
  ).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('reset to defaults asks first', async ({ page, host }) => {
  await openApp(page, host.url);
  await openSettings(page, 'Segment rules');
  await page.getByRole('button', { name: 'Move rule 1 down' }).click();
  await expect(page.getByLabel('Rule 2, Employees')).toHaveValue('>= 1000');
  // The focus follows the moved rule.
  await expect(
    page.getByRole('button', { name: 'Move rule 2 down' }),
  ).toBeFocused();
  await page.getByRole('button', { name: 'Reset to defaults…' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Reset the segment rules to the defaults?',
  });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('Rule 2, Employees')).toHaveValue('>= 1000');
  await page.getByRole('button', { name: 'Reset to defaults…' }).click();
  await dialog.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(page.getByLabel('Rule 1, Employees')).toHaveValue('>= 1000');
  await expect(page.getByText('Unsaved changes', { exact: true })).toHaveCount(
    0,
  );
});

test('stage edits show on the board', async ({ page, host }) => {
  await openApp(page, host.url);
  await createClient(page, 'Corner Bakery', 'SMB');
  await openSettings(page, 'Board stages');

  // Milestones map to Discovery, so it can be neither removed nor renamed.
  await expect(
    page.getByRole('button', { name: 'Remove Discovery' }),
  ).toBeDisabled();
  const discovery = page.getByLabel('Stage 2 name');
  await discovery.fill('Scoping');
  await expect(page.getByText(/cannot be renamed/)).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Save stages' }),
  ).toBeDisabled();
  await discovery.fill('Discovery');

  await page.getByLabel('New stage name').fill('Handover');
  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByRole('button', { name: 'Move Handover up' }).click();
  await page.getByLabel('New stage name').fill('Training');
  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByRole('button', { name: 'Remove Training' }).click();
  // The client in Intake moves with the stage's new name.
  await page.getByLabel('Stage 1 name').fill('Inbox');
  await page.getByRole('button', { name: 'Save stages' }).click();
  await expect(page.getByText('Stages saved')).toBeVisible();

  await page.keyboard.press('Control+1');
  await expect(page.locator('.column-head')).toHaveText([
    /^Inbox/,
    /^Discovery/,
    /^Setup/,
    /^Validation/,
    /^Launch/,
    /^Handover/,
    /^Live/,
  ]);
});

test('removing a stage with clients asks first', async ({ page, host }) => {
  await openApp(page, host.url);
  await createClient(page, 'Corner Bakery', 'SMB');
  await openSettings(page, 'Board stages');
  await expect(page.locator('[data-stage-row="1"]')).toContainText('1 client');
  await page.getByRole('button', { name: 'Remove Intake' }).click();
  await page.getByRole('button', { name: 'Save stages' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Remove stages that clients are in?',
  });
  await expect(dialog).toContainText('1 client is in Intake');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    page.getByText('Unsaved changes', { exact: true }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await page
    .getByRole('dialog', { name: 'Discard your changes to the stages?' })
    .getByRole('button', { name: 'Discard changes' })
    .click();
  await expect(page.getByLabel('Stage 1 name')).toHaveValue('Intake');
});

test('identity is validated and saved', async ({ page, host }) => {
  await openApp(page, host.url);
  await openSettings(page, 'Identity');
  await page.getByLabel('Name (required)').fill('');
  await page.getByLabel('Email').fill('dana.example.com');
  await page.getByRole('button', { name: 'Save identity' }).click();
  await expect(page.getByText('Enter your name.')).toBeVisible();
  await expect(page.getByText(/Enter an email address/)).toBeVisible();

  await page.getByLabel('Name (required)').fill('Dana Reyes');
  await page.getByLabel('Email').fill('dana@example.com');
  await page.getByLabel(/^coordinator/).check();
  await page.getByRole('button', { name: 'Save identity' }).click();
  await expect(page.getByText('Identity saved')).toBeVisible();

  // A fresh load, waiting for the board: a shortcut pressed while the app
  // still opens the workspace is lost.
  await openApp(page, host.url);
  await openSettings(page, 'Identity');
  await expect(page.getByLabel('Name (required)')).toHaveValue('Dana Reyes');
  await expect(page.getByLabel('Email')).toHaveValue('dana@example.com');
  await expect(page.getByLabel(/^coordinator/)).toBeChecked();
});

test('backup and restore round trip', async ({ page, host }) => {
  await openApp(page, host.url);
  await createClient(page, 'Before Backup', 'SMB');
  await openSettings(page, 'Data and backup');
  await expect(page.getByTestId('data-folder')).toHaveText(host.dataDir);

  const file = path.join(host.dataDir, 'backups', 'e2e.embark-backup');
  await page.getByLabel('Backup file', { exact: true }).fill(file);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/Backed up the database/)).toContainText(file);

  await createClient(page, 'After Backup', 'SMB');
  const card = (name: string) =>
    page.getByRole('listitem', { name, exact: true });
  await expect(card('After Backup')).toBeVisible();

  // A file that is not a backup changes nothing.
  await openSettings(page, 'Data and backup');
  const restoreField = page.getByLabel('Backup file to restore');
  await restoreField.fill(path.join(host.dataDir, 'missing.embark-backup'));
  await page.getByRole('button', { name: 'Restore…' }).click();
  await expect(page.getByText('Could not restore the backup')).toBeVisible();
  await expect(page.getByText('BACKUP_INVALID')).toBeVisible();
  // The file is checked before the confirmation opens.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Control+1');
  await expect(card('After Backup')).toBeVisible();

  await openSettings(page, 'Data and backup');
  await restoreField.fill(file);
  await page.getByRole('button', { name: 'Restore…' }).click();
  const confirm = page.getByRole('dialog', {
    name: 'Replace the current data with this backup?',
  });
  await expect(confirm).toContainText('is replaced by the contents');
  await expect(confirm.getByTestId('backup-summary')).toContainText(
    'holds 1 client, 1 journey and 0 documents',
  );
  await confirm.getByRole('button', { name: 'Replace and restore' }).click();
  await expect(page.getByText('Backup restored')).toBeVisible();

  await page.keyboard.press('Control+1');
  await expect(card('Before Backup')).toBeVisible();
  await expect(card('After Backup')).toHaveCount(0);
  // The restored workspace takes new work.
  await createClient(page, 'After Restore', 'SMB');
  await expect(card('After Restore')).toBeVisible();
});

test('settings screens pass axe in both themes', async ({ page, host }) => {
  // Ten axe scans and screenshots: three times the usual time limit.
  test.slow();
  // Tall enough to show the rules editor and its preview together.
  await page.setViewportSize({ width: 1440, height: 1800 });
  await openApp(page, host.url);
  await createClient(page, 'Corner Bakery', 'SMB');
  await page
    .getByRole('button', { name: 'Dismiss: Corner Bakery added' })
    .click();
  await openSettings(page, 'Segment rules');
  await page.getByLabel('Rule 4, Employees', { exact: true }).fill('>= 5');
  await expect(
    previewRow(page, 'example-bakery').getByText('Changed'),
  ).toBeVisible();
  await checkThemes(page, 'settings-rules', 'setting');
  await page.getByRole('button', { name: 'Risk table' }).click();
  await checkThemes(page, 'settings-risk', 'setting');
  await openSettings(page, 'Board stages');
  await checkThemes(page, 'settings-stages', 'setting');
  await openSettings(page, 'Identity');
  await checkThemes(page, 'settings-identity', 'setting');
  await openSettings(page, 'Data and backup');
  await checkThemes(page, 'settings-data', 'setting');
});
