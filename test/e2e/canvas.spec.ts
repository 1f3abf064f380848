import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness.ts';

test.use({ viewport: { width: 1440, height: 900 } });

const flowNode = (page: Page, key: string) =>
  page.getByTestId(`rf__node-${key}`);

async function openCanvas(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Playbooks' }).first().click();
  await expect(
    page.getByRole('region', { name: 'Playbook canvas' }),
  ).toBeVisible();
}

/** Drags from one handle to another with the mouse, as a person would. */
async function dragHandle(page: Page, from: Locator, to: Locator) {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error('a handle to connect is not on screen');
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, {
    steps: 12,
  });
  await page.mouse.up();
}

async function connectSteps(page: Page, from: string, to: string) {
  await dragHandle(
    page,
    flowNode(page, from).locator('.react-flow__handle.source'),
    flowNode(page, to).locator('.react-flow__handle.target'),
  );
  await expect(page.getByTestId(`rf__edge-${from}__${to}`)).toBeAttached();
}

test('canvas shows a built-in playbook', async ({ page, host, pageErrors }) => {
  await openCanvas(page, host.url);
  await page.getByLabel('Playbook', { exact: true }).selectOption({
    label: 'SMB onboarding (version 1)',
  });
  await expect(flowNode(page, 'start')).toBeVisible();
  await flowNode(page, 'intake_form').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByLabel('Key')).toHaveValue('intake_form');
  await expect(inspector.getByLabel('Key')).toHaveAttribute('readonly', '');
  await expect(page.getByText('No problems')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('palette step is added, connected and published', async ({
  page,
  host,
  pageErrors,
}) => {
  await openCanvas(page, host.url);
  await page.getByRole('button', { name: 'New playbook' }).click();
  await expect(flowNode(page, 'end')).toBeVisible();

  // A straight edge has no height, so Playwright cannot click its element;
  // the mouse clicks halfway between the two handles instead.
  const from = await flowNode(page, 'start')
    .locator('.react-flow__handle.source')
    .boundingBox();
  const to = await flowNode(page, 'end')
    .locator('.react-flow__handle.target')
    .boundingBox();
  if (!from || !to) throw new Error('the start and end handles are hidden');
  await page.mouse.click(
    (from.x + to.x + to.width) / 2,
    from.y + from.height / 2,
  );
  await expect(page.getByRole('heading', { name: 'Connection' })).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('rf__edge-start__end')).not.toBeAttached();

  const flow = page.locator('.canvas-flow');
  const box = await flow.boundingBox();
  if (!box) throw new Error('the canvas is not on screen');
  await page.getByRole('button', { name: 'Task', exact: true }).dragTo(flow, {
    targetPosition: { x: box.width / 2, y: box.height - 200 },
  });
  await expect(flowNode(page, 'task')).toBeVisible();

  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Name').fill('Welcome call');
  await inspector.getByLabel('Name').press('Enter');
  await expect(flowNode(page, 'task')).toContainText('Welcome call');

  await connectSteps(page, 'start', 'task');
  await connectSteps(page, 'task', 'end');
  await expect(page.getByText('No problems')).toBeVisible();

  await page.getByRole('button', { name: 'Publish' }).click();
  const published = page.getByRole('dialog', { name: 'Published version 1' });
  await expect(published).toBeVisible();
  await published.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('version 1', { exact: true })).toBeVisible();

  await flowNode(page, 'task').click();
  await inspector.getByLabel('Name').fill('Welcome call with the client');
  await inspector.getByLabel('Name').press('Enter');
  await flowNode(page, 'task').click();
  await page.keyboard.press('Control+z');
  await expect(flowNode(page, 'task').locator('.canvas-node-name')).toHaveText(
    'Welcome call',
  );
  await page.keyboard.press('Control+Shift+z');
  await expect(flowNode(page, 'task')).toContainText('with the client');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Published version 2' }),
  ).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('BPMN import shows its report', async ({ page, host }) => {
  const corpus = process.env.EMBARK_CORPUS;
  test.skip(!corpus, 'EMBARK_CORPUS is unset, so there is no BPMN to import.');
  const file = path.join(
    corpus ?? '',
    'bpmn',
    'miwg-C.1.0-invoice-approval.bpmn',
  );
  test.skip(!existsSync(file), `${file} does not exist.`);
  await openCanvas(page, host.url);
  await page.getByLabel('BPMN file to import').setInputFiles(file);
  const report = page.getByRole('dialog', {
    name: 'Imported miwg-C.1.0-invoice-approval.bpmn',
  });
  await expect(report).toBeVisible();
  await expect(report.getByRole('table')).toBeVisible();
  await report.getByRole('button', { name: 'Review on the canvas' }).click();
  await expect(page.getByText('not published')).toBeVisible();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
});
