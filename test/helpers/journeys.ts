import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { sampleAnswer } from '../../src-shared/forms/sample.ts';
import { embarkJson } from './cli.ts';

export type StepJson = {
  key: string;
  name: string;
  kind: string;
  state: string;
  role?: string;
  attempt: number;
  form?: Record<string, unknown>;
  review?: boolean;
  slots?: {
    name: string;
    required: boolean;
    accept: string[];
    document?: unknown;
  }[];
  approval?: { mode: string; approvers: string[]; votes: unknown[] };
};

export type JourneyJson = {
  id: string;
  clientId: string;
  segment: string;
  riskTier: string;
  status: string;
  progress: number;
  stage: string;
  playbookId: string;
  playbookVersion: number;
  incidents: { nodeKey: string; message: string; resolvedAt?: string }[];
  steps: StepJson[];
};

export function stepOf(journey: JourneyJson, key: string): StepJson {
  const step = journey.steps.find((candidate) => candidate.key === key);
  if (!step) throw new Error(`step ${key} is not in the journey`);
  return step;
}

export function openSteps(journey: JourneyJson): StepJson[] {
  return journey.steps.filter(
    (step) => step.state === 'ready' || step.state === 'in_progress',
  );
}

/**
 * Writes a small valid PDF, and a CSV beside it, into `dir` and returns the
 * PDF's path; `fileFor` picks the CSV for slots that take no PDF.
 */
export async function writeSamplePdf(dir: string): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.addPage([300, 300]).drawText('Embark test document', { x: 20, y: 150 });
  const file = path.join(dir, 'test-document.pdf');
  writeFileSync(file, await pdf.save());
  writeFileSync(path.join(dir, 'test-data.csv'), 'field,source\nname,crm\n');
  return file;
}

function fileFor(accept: string[] | undefined, pdf: string): string {
  if (!accept || accept.includes('application/pdf')) return pdf;
  return path.join(path.dirname(pdf), 'test-data.csv');
}

/** Returns the CLI arguments of the natural action on an open step. */
export function actionArgs(step: StepJson, pdf: string): string[] {
  switch (step.kind) {
    case 'form':
      return [
        '--action',
        'submit',
        '--data',
        JSON.stringify(sampleAnswer(step.form)),
      ];
    case 'fileRequest': {
      const empty = step.slots?.find((slot) => slot.required && !slot.document);
      if (!empty && step.review) return ['--action', 'approve'];
      const slot = empty ?? step.slots?.[0];
      return [
        '--action',
        'upload',
        '--file',
        fileFor(slot?.accept, pdf),
        ...(slot ? ['--slot', slot.name] : []),
      ];
    }
    case 'approval': {
      const votes = step.approval?.votes.length ?? 0;
      const role = step.approval?.approvers[votes] ?? 'approver';
      return ['--action', 'approve', '--as', `${role} approver ${votes + 1}`];
    }
    default:
      return ['--action', 'complete'];
  }
}

/** Performs the natural action on one open step through the CLI. */
export async function actOn(
  dataDir: string,
  journeyId: string,
  step: StepJson,
  pdf: string,
): Promise<JourneyJson> {
  return embarkJson<JourneyJson>(dataDir, [
    'journey',
    'act',
    journeyId,
    step.key,
    ...actionArgs(step, pdf),
  ]);
}

/**
 * Drives a journey through the CLI until it leaves `active`, calling
 * `observe` after every action. Fails after `limit` actions.
 */
export async function driveToEnd(
  dataDir: string,
  journeyId: string,
  pdf: string,
  observe: (journey: JourneyJson) => void = () => {},
  limit = 200,
): Promise<JourneyJson> {
  let journey = await embarkJson<JourneyJson>(dataDir, [
    'journey',
    'show',
    journeyId,
  ]);
  for (
    let count = 0;
    count < limit && journey.status === 'active';
    count += 1
  ) {
    const [step] = openSteps(journey);
    if (!step)
      throw new Error(`journey ${journeyId} is active with no open step`);
    journey = await actOn(dataDir, journeyId, step, pdf);
    observe(journey);
  }
  return journey;
}
