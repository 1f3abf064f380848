import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness.ts';
import { checkThemes } from './themes.ts';

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

/**
 * Selects the edge between two steps. React Flow draws it as a symmetric
 * Bézier curve, whose point halfway is the midpoint of its two handles.
 */
async function clickEdge(page: Page, from: string, to: string) {
  const start = await flowNode(page, from)
    .locator('.react-flow__handle.source')
    .boundingBox();
  const end = await flowNode(page, to)
    .locator('.react-flow__handle.target')
    .boundingBox();
  if (!start || !end) throw new Error(`the ${from} or ${to} handle is hidden`);
  await page.mouse.click(
    (start.x + start.width / 2 + end.x + end.width / 2) / 2,
    (start.y + start.height / 2 + end.y + end.height / 2) / 2,
  );
  await expect(page.getByRole('heading', { name: 'Connection' })).toBeVisible();
}

/** Drops a task from the palette at a point of the flow area and names it. */
async function dropTask(
  page: Page,
  key: string,
  name: string,
  at: { x: number; y: number },
) {
  const flow = page.locator('.canvas-flow');
  await page.getByRole('button', { name: 'Task', exact: true }).dragTo(flow, {
    targetPosition: at,
  });
  await expect(flowNode(page, key)).toBeVisible();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('Name').fill(name);
  await inspector.getByLabel('Name').press('Enter');
  await expect(flowNode(page, key)).toContainText(name);
}

/** Adds a client through the new-client dialog on a chosen playbook. */
async function addClientOn(page: Page, name: string, playbook: string) {
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByLabel('Name (required)').fill(name);
  await dialog.getByLabel('Employees').fill('8');
  await dialog.getByLabel('Annual contract value').fill('4000');
  await dialog
    .getByLabel('Playbook', { exact: true })
    .selectOption({ label: playbook });
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

const journeySteps = (page: Page) =>
  page.getByRole('navigation', { name: 'Steps' });

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

test('publish takes one click from a focused field', async ({ page, host }) => {
  await openCanvas(page, host.url);
  await page.getByLabel('Playbook', { exact: true }).selectOption({
    label: 'SMB onboarding (version 1)',
  });
  await expect(flowNode(page, 'start')).toBeVisible();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  // The first edit adds "unsaved changes" beside the name while the mouse
  // is down on Publish; the button must stay under the pointer.
  await inspector.getByLabel('Description').fill('Checked before publishing');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Published version 2' }),
  ).toBeVisible();
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

test('new version runs in new and moved journeys', async ({
  page,
  host,
  pageErrors,
}) => {
  // Two publishes, two clients and a move: twice the usual time limit.
  test.slow();
  await openCanvas(page, host.url);
  await page.getByRole('button', { name: 'New playbook' }).click();
  await expect(flowNode(page, 'end')).toBeVisible();
  await clickEdge(page, 'start', 'end');
  await page.keyboard.press('Delete');
  const box = await page.locator('.canvas-flow').boundingBox();
  if (!box) throw new Error('the canvas is not on screen');
  await dropTask(page, 'task', 'Welcome call', {
    x: box.width / 2 - 120,
    y: box.height - 200,
  });
  await connectSteps(page, 'start', 'task');
  await connectSteps(page, 'task', 'end');
  await page.getByRole('button', { name: 'Publish' }).click();
  const first = page.getByRole('dialog', { name: 'Published version 1' });
  await expect(
    first.getByText('No running journeys are on an older version'),
  ).toBeVisible();
  await first.getByRole('button', { name: 'Done' }).click();

  // A client started on version 1 runs its step.
  await addClientOn(page, 'Corner Bakery', 'New playbook (version 1)');
  await expect(journeySteps(page)).toContainText('Welcome call');
  await expect(journeySteps(page)).not.toContainText('Kickoff meeting');

  // Version 2 adds a step between the task and the end.
  await page.keyboard.press('Control+2');
  await page.getByLabel('Playbook', { exact: true }).selectOption({
    label: 'New playbook (version 1)',
  });
  await expect(flowNode(page, 'task')).toBeVisible();
  await clickEdge(page, 'task', 'end');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('rf__edge-task__end')).not.toBeAttached();
  const flowBox = await page.locator('.canvas-flow').boundingBox();
  if (!flowBox) throw new Error('the canvas is not on screen');
  // Above the first steps, clear of the minimap and the toasts.
  await dropTask(page, 'task_2', 'Kickoff meeting', {
    x: flowBox.width / 2,
    y: 100,
  });
  await connectSteps(page, 'task', 'task_2');
  await connectSteps(page, 'task_2', 'end');
  await expect(page.getByText('No problems')).toBeVisible();
  await page.getByRole('button', { name: 'Publish' }).click();

  // The publish offers to move the running journey, with a dry run.
  const second = page.getByRole('dialog', { name: 'Published version 2' });
  const candidate = second.getByRole('listitem').filter({
    hasText: 'Corner Bakery',
  });
  await expect(candidate).toContainText('version 1');
  await candidate.getByRole('button', { name: 'Preview move' }).click();
  const preview = second.getByRole('region', { name: 'Move of Corner Bakery' });
  await expect(
    preview.getByRole('region', { name: /Added/ }).getByRole('listitem'),
  ).toHaveText(['Kickoff meeting']);
  await expect(
    preview.getByRole('region', { name: /Kept/ }).getByRole('listitem'),
  ).toContainText(['Welcome call']);
  await checkThemes(page, 'canvas-publish', 'system');
  await second.getByRole('button', { name: 'Move Corner Bakery' }).click();
  await expect(
    second.getByText('No running journeys are on an older version'),
  ).toBeVisible();
  await second.getByRole('button', { name: 'Done' }).click();

  // A new client starts on version 2.
  await addClientOn(page, 'Hill Farm', 'New playbook (version 2)');
  await expect(journeySteps(page)).toContainText('Welcome call');
  await expect(journeySteps(page)).toContainText('Kickoff meeting');

  // The moved journey now has the step of version 2 as well.
  await page.keyboard.press('Control+1');
  await page
    .getByRole('listitem', { name: 'Corner Bakery', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Corner Bakery' }),
  ).toBeVisible();
  await expect(journeySteps(page)).toContainText('Kickoff meeting');
  expect(pageErrors).toEqual([]);
});

test('canvas passes axe in both themes', async ({ page, host }) => {
  test.slow();
  await openCanvas(page, host.url);
  await page.getByLabel('Playbook', { exact: true }).selectOption({
    label: 'Mid-market onboarding (version 1)',
  });
  await expect(flowNode(page, 'start')).toBeVisible();
  await flowNode(page, 'intake_form').click();
  await expect(
    page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Key'),
  ).toHaveValue('intake_form');
  await checkThemes(page, 'canvas', 'system');
});
