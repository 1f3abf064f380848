import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { expect, test } from './harness.ts';
import { finishStep, ipcCall } from './ipc.ts';
import { seriousViolations } from './themes.ts';

test.use({ viewport: { width: 1440, height: 1000 } });

const corpus = process.env.EMBARK_CORPUS;

// The back end parses every uploaded PDF before it stores it, which can take
// several seconds on a loaded machine.
const UPLOAD_TIMEOUT = 30_000;

type NewClient = { name: string; risk: 'low' | 'medium' | 'high' };

/**
 * Creates an SMB client through the New client dialog on the board, then
 * opens its journey from the client's card.
 */
async function openNewJourney(page: Page, url: string, client: NewClient) {
  await page.goto(url);
  // The first page of a run waits for the host's worker and a cold browser,
  // which has taken more than the default 5 seconds on a loaded machine.
  await expect(page.getByRole('heading', { name: 'Board' })).toBeVisible({
    timeout: 30_000,
  });
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name (required)').fill(client.name);
  await dialog.getByLabel('Employees').fill('8');
  await dialog.getByLabel('Annual contract value').fill('4000');
  await dialog
    .getByLabel('Coordinator’s risk assessment')
    .selectOption(client.risk);
  await expect(dialog.getByTestId('classified-segment')).toHaveText('SMB');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();

  await page.keyboard.press('Control+1');
  await expect(page.getByRole('heading', { name: 'Board' })).toBeVisible();
  await page.getByRole('listitem', { name: client.name, exact: true }).click();
  await expect(
    page.getByRole('region', { name: `Journey of ${client.name}` }),
  ).toBeVisible();
}

const stepRow = (page: Page, key: string) =>
  page
    .getByRole('navigation', { name: 'Steps' })
    .locator(`[data-step="${key}"]`);

const stepPanel = (page: Page, name: string) =>
  page.getByRole('region', { name, exact: true });

/** Fills the intake form's required fields, with the given email address. */
async function fillIntake(form: Locator, email: string) {
  await form.getByLabel(/^Company name/).fill('Corner Bakery Ltd');
  await form.getByLabel(/^Name/).fill('Ada Baker');
  await form.getByLabel(/^Email/).fill(email);
  await form.getByLabel(/^Number of employees/).fill('8');
  await form.getByLabel(/^Will you process payment card data/).check();
  await form.getByLabel(/^Payment processor/).fill('Stripe');
}

async function submitIntake(page: Page) {
  const panel = stepPanel(page, 'Intake form');
  await fillIntake(panel, 'ada@example.com');
  await panel.getByRole('button', { name: 'Submit answers' }).click();
  await expect(stepRow(page, 'intake_form')).toContainText('Done');
}

/**
 * Builds a one-page PDF with a line of text and a correct cross-reference
 * table, so that the upload check parses it as a real document.
 */
function smallPdf(line: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ' +
      '/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\n`;
  body += `startxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Uploads a generated PDF to one slot of the open file request. */
async function uploadTo(panel: Locator, slotLabel: string, name: string) {
  await panel.getByLabel(slotLabel).setInputFiles({
    name,
    mimeType: 'application/pdf',
    buffer: smallPdf(name),
  });
  await expect(panel.locator('.slot', { hasText: slotLabel })).toContainText(
    name,
    { timeout: UPLOAD_TIMEOUT },
  );
}

const REGISTRATION = 'Certificate of incorporation or business registration';
const TAX_FORM = 'Tax registration form';
const REJECTION = 'The tax form is unsigned; upload a signed copy.';

test('form error then valid submit', async ({ page, host, pageErrors }) => {
  await openNewJourney(page, host.url, { name: 'Corner Bakery', risk: 'low' });
  const panel = stepPanel(page, 'Intake form');
  await expect(stepRow(page, 'intake_form')).toContainText('Ready');
  await expect(stepRow(page, 'documents')).toContainText('Blocked');

  await fillIntake(panel, 'ada-at-example');
  await panel.getByRole('button', { name: 'Submit answers' }).click();
  // rjsf renders a field's errors in the element with the field's id and
  // the suffix "__error".
  await expect(panel.locator('#root_primaryContact_email__error')).toHaveText(
    'must be an email address, such as name@example.com',
  );
  await expect(stepRow(page, 'intake_form')).toContainText('Ready');

  await panel.getByLabel(/^Email/).fill('ada@example.com');
  await panel.getByRole('button', { name: 'Submit answers' }).click();
  await expect(stepRow(page, 'intake_form')).toContainText('Done');
  await expect(stepRow(page, 'documents')).toContainText('Ready');
  // The panel moves on to the next open step.
  await expect(stepPanel(page, 'Company documents')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('uploaded PDF shows its preview', async ({ page, host, pageErrors }) => {
  test.skip(!corpus, 'EMBARK_CORPUS is unset, so there is no PDF to upload.');
  const file = path.join(corpus ?? '', 'pdf', 'us-constitution.pdf');
  await openNewJourney(page, host.url, { name: 'Corner Bakery', risk: 'low' });
  await submitIntake(page);

  const panel = stepPanel(page, 'Company documents');
  await panel.getByLabel(REGISTRATION).setInputFiles(file);
  await expect(panel.locator('.slot', { hasText: REGISTRATION })).toContainText(
    'us-constitution.pdf',
    { timeout: UPLOAD_TIMEOUT },
  );

  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(
    page.getByRole('button', { name: 'us-constitution.pdf' }),
  ).toBeVisible();
  const preview = page.getByRole('region', {
    name: 'Preview of us-constitution.pdf',
  });
  const firstPage = preview.getByRole('img', {
    name: 'us-constitution.pdf, page 1',
  });
  await expect(firstPage).toHaveAttribute('data-state', 'ready');
  const box = await firstPage.boundingBox();
  expect(box?.width).toBeGreaterThan(0);
  expect(box?.height).toBeGreaterThan(0);
  // The canvas's width and height attributes are its drawing buffer in pixels.
  expect(Number(await firstPage.getAttribute('width'))).toBeGreaterThan(0);
  expect(Number(await firstPage.getAttribute('height'))).toBeGreaterThan(0);
  await expect(preview.getByText(/^Page 1 of \d+$/)).toBeVisible();

  await preview.getByRole('button', { name: 'Next page' }).click();
  await expect(preview.getByText(/^Page 2 of \d+$/)).toBeVisible();
  await expect(
    preview.getByRole('img', { name: 'us-constitution.pdf, page 2' }),
  ).toHaveAttribute('data-state', 'ready');
  expect(pageErrors).toEqual([]);
});

test('rejected review returns for rework', async ({
  page,
  host,
  pageErrors,
}) => {
  await openNewJourney(page, host.url, {
    name: 'Harbour Florists',
    risk: 'medium',
  });
  await submitIntake(page);

  const documents = stepPanel(page, 'Company documents');
  await uploadTo(documents, REGISTRATION, 'registration.pdf');
  await uploadTo(documents, TAX_FORM, 'tax-form.pdf');
  await documents.getByRole('button', { name: 'Approve documents' }).click();
  await expect(stepRow(page, 'documents')).toContainText('Done');
  await expect(stepRow(page, 'security_review')).toContainText('Ready');

  const review = stepPanel(page, 'Security review');
  await review.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(
    review.getByText('Enter a comment that says what must change'),
  ).toBeVisible();
  await review.getByLabel(/^Comment/).fill(REJECTION);
  await review.getByRole('button', { name: 'Reject', exact: true }).click();

  // The work goes back to the file request, as its second attempt.
  await expect(stepRow(page, 'security_review')).toContainText('Rejected');
  await stepRow(page, 'security_review').click();
  await expect(review.getByText(REJECTION)).toBeVisible();
  await stepRow(page, 'documents').click();
  await expect(stepRow(page, 'documents')).toContainText('Ready');
  await expect(stepRow(page, 'documents')).toContainText('Attempt 2');
  await expect(documents).toBeVisible();
  await expect(documents.getByText('Attempt', { exact: true })).toBeVisible();

  await uploadTo(documents, TAX_FORM, 'tax-form-signed.pdf');
  await uploadTo(documents, REGISTRATION, 'registration.pdf');
  await documents.getByRole('button', { name: 'Approve documents' }).click();
  await expect(stepRow(page, 'documents')).toContainText('Done');
  await expect(stepRow(page, 'security_review')).toContainText('Ready');
  await expect(stepRow(page, 'security_review')).toContainText('Attempt 2');

  await stepRow(page, 'security_review').click();
  await review.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(stepRow(page, 'security_review')).toContainText('Done');
  await expect(stepRow(page, 'agreement')).toContainText('Ready');

  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(
    timeline.getByText(`Rejected Security review: “${REJECTION}”`),
  ).toBeVisible();
  await expect(
    timeline.getByText(
      'Sent Security review back to Company documents for rework.',
    ),
  ).toBeVisible();
  expect(pageErrors).toEqual([]);
});

/** Opens a client's journey from its card on the board. */
async function openJourney(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByRole('listitem', { name, exact: true }).click();
  await expect(
    page.getByRole('region', { name: `Journey of ${name}` }),
  ).toBeVisible();
}

async function samplePdfBase64(): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.addPage([300, 300]).drawText('Embark test document', { x: 20, y: 150 });
  return Buffer.from(await pdf.save()).toString('base64');
}

test('enterprise tracks meet at launch readiness', async ({
  page,
  host,
  pageErrors,
}) => {
  const name = 'Globex Insurance';
  const added = await ipcCall(host, 'clients:add', {
    name,
    attributes: {
      employees: 12000,
      annualContractValue: 900000,
      stakeholders: 14,
      integrations: ['sso', 'erp'],
      compliance: ['SOC2', 'GDPR'],
      risk: 'medium',
    },
  });
  expect(added.segment).toBe('enterprise');
  const journeyId = added.journeyId!;
  const pdf = await samplePdfBase64();
  const finish = async (keys: string[]) => {
    for (const key of keys) await finishStep(host, journeyId, key, pdf);
  };
  await finish(['intake_form', 'documents', 'kickoff', 'discovery_form']);

  // Both tracks open at once; launch readiness waits for both.
  await openJourney(page, host.url, name);
  await expect(stepRow(page, 'stakeholder_alignment')).toContainText('Ready');
  await expect(stepRow(page, 'security_questionnaire')).toContainText('Ready');
  await expect(stepRow(page, 'launch_readiness')).toContainText('Blocked');

  await finish([
    'stakeholder_alignment',
    'contract_approval_chain',
    'training_plan',
  ]);
  await openJourney(page, host.url, name);
  await expect(stepRow(page, 'training_plan')).toContainText('Done');
  await expect(stepRow(page, 'security_questionnaire')).toContainText('Ready');
  await expect(stepRow(page, 'launch_readiness')).toContainText('Blocked');

  await finish([
    'security_questionnaire',
    'data_protection_questionnaire',
    'sso_setup',
    'integration_setup',
    'data_mapping',
    'uat_signoff',
  ]);
  await openJourney(page, host.url, name);
  await expect(stepRow(page, 'launch_readiness')).toContainText('Ready');
  await page.keyboard.press('Control+1');
  await expect(
    boardCell(page, 'enterprise', 'Launch').getByRole('listitem', {
      name,
      exact: true,
    }),
  ).toBeVisible();
  expect(pageErrors).toEqual([]);
});

/** The board cell of a segment lane and stage column. */
const boardCell = (page: Page, segment: string, stage: string) =>
  page.locator(`[data-segment="${segment}"] [data-stage="${stage}"]`);

test('finished journey moves its card to Live', async ({
  page,
  host,
  pageErrors,
}) => {
  const name = 'Quayside Books';
  await openNewJourney(page, host.url, { name, risk: 'low' });
  await page.keyboard.press('Control+1');
  const card = page.getByRole('listitem', { name, exact: true });
  await expect(
    boardCell(page, 'smb', 'Intake').getByRole('listitem', {
      name,
      exact: true,
    }),
  ).toBeVisible();
  await card.click();

  await submitIntake(page);
  const documents = stepPanel(page, 'Company documents');
  await uploadTo(documents, REGISTRATION, 'registration.pdf');
  await uploadTo(documents, TAX_FORM, 'tax-form.pdf');
  await documents.getByRole('button', { name: 'Approve documents' }).click();
  await expect(stepRow(page, 'documents')).toContainText('Done');
  // A low-risk client goes straight from its documents to the agreement.
  await expect(stepRow(page, 'security_review')).toContainText('Skipped');

  const agreement = stepPanel(page, 'Service agreement acknowledgement');
  await agreement
    .getByLabel(/^I have read and accept the service agreement/)
    .check();
  await agreement.getByLabel(/^Full name/).fill('Quinn Reader');
  await agreement.getByRole('button', { name: 'Submit answers' }).click();
  await expect(stepRow(page, 'agreement')).toContainText('Done');

  await page.keyboard.press('Control+1');
  await expect(
    boardCell(page, 'smb', 'Live').getByRole('listitem', { name, exact: true }),
  ).toBeVisible();
  await expect(
    boardCell(page, 'smb', 'Intake').getByRole('listitem', {
      name,
      exact: true,
    }),
  ).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

type Part = 'steps' | 'documents' | 'timeline';

/** Saves a screenshot of the journey view and returns its serious axe findings. */
async function captureTheme(page: Page, part: Part, theme: string) {
  await page.getByLabel('Theme', { exact: true }).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await page.screenshot({
    path: `test-results/screenshots/journey-${part}-${theme}.png`,
    fullPage: true,
  });
  return seriousViolations(page, `${part} ${theme}`);
}

async function captureBothThemes(page: Page, part: Part) {
  const light = await captureTheme(page, part, 'light');
  const dark = await captureTheme(page, part, 'dark');
  return [...light, ...dark];
}

test('journey view passes axe in both themes', async ({ page, host }) => {
  await openNewJourney(page, host.url, { name: 'Corner Bakery', risk: 'low' });
  await expect(
    stepPanel(page, 'Intake form').getByRole('button', {
      name: 'Submit answers',
    }),
  ).toBeVisible();
  expect(await captureBothThemes(page, 'steps')).toEqual([]);

  await submitIntake(page);
  const documents = stepPanel(page, 'Company documents');
  await uploadTo(documents, REGISTRATION, 'registration.pdf');
  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(
    page.getByRole('img', { name: 'registration.pdf, page 1' }),
  ).toHaveAttribute('data-state', 'ready');
  expect(await captureBothThemes(page, 'documents')).toEqual([]);

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(
    page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first(),
  ).toBeVisible();
  expect(await captureBothThemes(page, 'timeline')).toEqual([]);
});
