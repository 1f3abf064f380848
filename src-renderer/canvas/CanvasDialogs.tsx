import { useEffect, useState } from 'react';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import type { Segment } from '../../src-shared/playbooks/model.ts';
import { invoke } from '../api/client.ts';
import { StepList } from '../board/MigrationDialog.tsx';
import { Dialog } from '../shell/Dialog.tsx';
import { notify, reportError } from '../shell/toasts.ts';
import type { ImportReport, Published } from './usePlaybookActions.ts';

/** What the BPMN import kept, changed or dropped, element by element. */
export function ImportReportDialog(props: {
  report: ImportReport;
  onClose: () => void;
}) {
  const { report, onClose } = props;
  return (
    <Dialog
      title={`Imported ${report.fileName}`}
      wide
      onClose={onClose}
      description="The playbook is open on the canvas and not yet published. Review it, then publish."
      footer={
        <button type="button" className="primary" onClick={onClose}>
          Review on the canvas
        </button>
      }
    >
      {report.warnings.length === 0 ? (
        <p>Every element was imported without changes.</p>
      ) : (
        <table className="canvas-report">
          <caption className="visually-hidden">Import report</caption>
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {report.warnings.map((warning, index) => (
              <tr key={index}>
                <td>
                  <code>{warning.elementId}</code>
                </td>
                <td>{warning.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}

type Candidate = { journeyId: string; clientName: string; version: number };
type Migration = ResultOf<'journeys:migrate'>;

/** Journeys checked for an older version; the board lists at most this many. */
const maxJourneysChecked = 50;

/**
 * Finds journeys on older versions of a playbook. The board does not say
 * which playbook a card runs, so each card of the segment is looked up.
 */
async function findJourneys(
  published: Published,
  segment: Segment | undefined,
): Promise<Candidate[]> {
  const board = await invoke('board:get', {
    ...(segment ? { segment: segment } : {}),
    limit: maxJourneysChecked,
  });
  const found: Candidate[] = [];
  for (const card of board.cards) {
    if (card.status !== 'active') continue;
    const journey = await invoke('journeys:get', { id: card.journeyId });
    if (
      journey.playbookId === published.playbookId &&
      journey.playbookVersion < published.version
    ) {
      found.push({
        journeyId: journey.id,
        clientName: journey.clientName,
        version: journey.playbookVersion,
      });
    }
  }
  return found;
}

function MigrationPreview(props: {
  migration: Migration;
  clientName: string;
  names: Record<string, string>;
}) {
  const { migration, clientName, names } = props;
  return (
    <section
      className="canvas-migration"
      aria-live="polite"
      aria-label={`Move of ${clientName}`}
    >
      <h3>
        {clientName}: version {migration.from.version} to version{' '}
        {migration.to.version}
      </h3>
      <p className="muted">
        Finished steps are kept. Nothing changes until you confirm.
      </p>
      <div className="migration-lists">
        <StepList
          title="Kept"
          steps={migration.kept}
          names={names}
          empty="No steps carry over."
        />
        <StepList
          title="Added"
          steps={migration.added}
          names={names}
          empty="No new steps."
        />
        <StepList
          title="Removed"
          steps={migration.removed}
          names={names}
          empty="No steps are removed."
        />
      </div>
    </section>
  );
}

/** Confirms a publish and offers to move running journeys to the new version. */
export function PublishedDialog(props: {
  published: Published;
  segment?: Segment;
  /** Step names of the published version, by step key. */
  names: Record<string, string>;
  onClose: () => void;
}) {
  const { published, segment, names, onClose } = props;
  const [candidates, setCandidates] = useState<Candidate[]>();
  const [chosen, setChosen] = useState<Candidate>();
  const [preview, setPreview] = useState<Migration>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    findJourneys(published, segment).then(setCandidates, (error: unknown) => {
      setCandidates([]);
      reportError('Could not list the journeys on this playbook', error);
    });
  }, [published, segment]);

  const dryRun = async (candidate: Candidate) => {
    setChosen(candidate);
    setPreview(undefined);
    try {
      setPreview(
        await invoke('journeys:migrate', {
          id: candidate.journeyId,
          playbookId: published.playbookId,
          version: published.version,
          dryRun: true,
        }),
      );
    } catch (error) {
      reportError(
        `Could not preview the move of ${candidate.clientName}`,
        error,
      );
    }
  };

  const confirm = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      await invoke('journeys:migrate', {
        id: chosen.journeyId,
        playbookId: published.playbookId,
        version: published.version,
        dryRun: false,
        reason: `Moved to version ${published.version} from the canvas`,
      });
      notify(`Moved ${chosen.clientName} to version ${published.version}`);
      setCandidates((list) =>
        list?.filter((c) => c.journeyId !== chosen.journeyId),
      );
      setChosen(undefined);
      setPreview(undefined);
    } catch (error) {
      reportError(`Could not move ${chosen.clientName}`, error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Published version ${published.version}`}
      wide
      onClose={onClose}
      description="New journeys start on this version. Running journeys stay on their version unless you move them."
      footer={
        <>
          <button type="button" onClick={onClose}>
            Done
          </button>
          {preview && chosen && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void confirm()}
            >
              Move {chosen.clientName}
            </button>
          )}
        </>
      }
    >
      {candidates === undefined && (
        <p className="muted">Looking for running journeys on older versions…</p>
      )}
      {candidates?.length === 0 && (
        <p>No running journeys are on an older version of this playbook.</p>
      )}
      {candidates && candidates.length > 0 && (
        <ul className="canvas-candidates">
          {candidates.map((candidate) => (
            <li key={candidate.journeyId}>
              <span>
                {candidate.clientName}{' '}
                <span className="muted">(version {candidate.version})</span>
              </span>
              <button
                type="button"
                className="small"
                aria-pressed={chosen?.journeyId === candidate.journeyId}
                onClick={() => void dryRun(candidate)}
              >
                Preview move
              </button>
            </li>
          ))}
        </ul>
      )}
      {preview && chosen && (
        <MigrationPreview
          migration={preview}
          clientName={chosen.clientName}
          names={names}
        />
      )}
    </Dialog>
  );
}
