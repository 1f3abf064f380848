import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleAnswer } from '../../src-shared/forms/sample.ts';
import type { JourneyState } from '../../src-shared/journeys/model.ts';
import { actOnStep } from '../journeys/actions.ts';
import { showJourney } from '../journeys/service.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { currentActor } from '../workspace/workspace.ts';

let samplePdfPath: string | undefined;

/** Writes a one-page PDF to a temporary folder, once per process. */
export async function samplePdf(): Promise<string> {
  if (samplePdfPath) return samplePdfPath;
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText('Sample onboarding document', {
    x: 72,
    y: 760,
    font,
    size: 18,
  });
  const folder = mkdtempSync(path.join(os.tmpdir(), 'embark-sample-'));
  samplePdfPath = path.join(folder, 'sample-document.pdf');
  writeFileSync(samplePdfPath, await pdf.save());
  writeFileSync(
    path.join(folder, 'sample-data.csv'),
    'field,source\nname,crm\n',
  );
  return samplePdfPath;
}

/** Returns the sample PDF, or the sample CSV for a slot that takes no PDF. */
async function sampleFileFor(accept: string[] | undefined): Promise<string> {
  const pdf = await samplePdf();
  if (!accept?.length || accept.includes('application/pdf')) return pdf;
  return path.join(path.dirname(pdf), 'sample-data.csv');
}

/**
 * Performs the natural action on the first open step of a journey: submits
 * a sample answer, uploads a sample PDF, approves, or completes. Returns
 * false when no step is open.
 */
export async function advanceJourney(
  ws: Workspace,
  journeyId: string,
): Promise<boolean> {
  const view = showJourney(ws, journeyId);
  if (view.status !== 'active') return false;
  const step = view.steps.find(
    (candidate) =>
      candidate.state === 'ready' || candidate.state === 'in_progress',
  );
  if (!step) return false;
  const actor = currentActor(ws);
  switch (step.kind) {
    case 'form':
      await actOnStep(
        ws,
        journeyId,
        step.key,
        {
          action: 'submit',
          data: sampleAnswer(step.form),
        },
        actor,
      );
      return true;
    case 'fileRequest': {
      const empty = step.slots?.find((slot) => slot.required && !slot.document);
      if (!empty && step.review) {
        await actOnStep(ws, journeyId, step.key, { action: 'approve' }, actor);
      } else {
        await actOnStep(
          ws,
          journeyId,
          step.key,
          {
            action: 'upload',
            slot: empty?.name,
            file: await sampleFileFor(empty?.accept),
          },
          actor,
        );
      }
      return true;
    }
    case 'approval': {
      const votes = step.approval?.votes.length ?? 0;
      const role = step.approval?.approvers[votes] ?? step.role ?? 'approver';
      await actOnStep(
        ws,
        journeyId,
        step.key,
        { action: 'approve' },
        {
          name: `${role} approver ${votes + 1}`,
          roles: [role],
        },
      );
      return true;
    }
    default:
      await actOnStep(ws, journeyId, step.key, { action: 'complete' }, actor);
      return true;
  }
}

/** Advances a journey until it is no longer active or `limit` actions ran. */
export async function driveJourney(
  ws: Workspace,
  journeyId: string,
  limit = 200,
): Promise<JourneyState['status']> {
  for (let count = 0; count < limit; count += 1) {
    if (!(await advanceJourney(ws, journeyId))) break;
  }
  return showJourney(ws, journeyId).status;
}
