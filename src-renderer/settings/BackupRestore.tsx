import { useState, type FormEvent } from 'react';
import { invoke, IpcCallError } from '../api/client.ts';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import { ConfirmDialog } from '../shell/Dialog.tsx';
import { ErrorNote } from '../shell/ErrorNote.tsx';
import { notify } from '../shell/toasts.ts';

/** Returns true for a full path on Linux, macOS or Windows. */
function isFullPath(file: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(file);
}

const pathHint =
  'Give the full path, such as /home/dana/backups/embark.embark-backup.';

function suggestedBackupFile(dataDir: string, now: Date): string {
  const separator =
    dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/';
  const day = now.toISOString().slice(0, 10);
  return `${dataDir}${separator}backups${separator}embark-${day}.embark-backup`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function Backup({ dataDir }: { dataDir: string }) {
  const [file, setFile] = useState(() =>
    suggestedBackupFile(dataDir, new Date()),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<ResultOf<'workspace:backup'>>();
  const [replacing, setReplacing] = useState(false);
  const trimmed = file.trim();
  const pathProblem =
    trimmed !== '' && !isFullPath(trimmed) ? pathHint : undefined;

  const backUp = async (overwrite: boolean) => {
    setReplacing(false);
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await invoke('workspace:backup', { file: trimmed, overwrite }));
    } catch (caught) {
      const exists =
        caught instanceof IpcCallError && caught.details.exists === true;
      if (exists) setReplacing(true);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed === '' || pathProblem) return;
    void backUp(false);
  };

  return (
    <form
      className="settings-file-form"
      onSubmit={submit}
      aria-labelledby="backup-title"
    >
      <h4 id="backup-title">Back up</h4>
      <p className="muted">
        Writes one file with the database and every document. Keep it on another
        disk or in another place.
      </p>
      <div className="field">
        <label htmlFor="backup-file">Backup file</label>
        <div className="settings-file-row">
          <input
            id="backup-file"
            className="mono"
            spellCheck={false}
            value={file}
            aria-invalid={pathProblem ? true : undefined}
            aria-describedby="backup-file-hint"
            onChange={(event) => setFile(event.target.value)}
          />
          <button
            type="submit"
            className="primary"
            disabled={busy || trimmed === '' || pathProblem !== undefined}
          >
            {busy ? 'Backing up…' : 'Back up now'}
          </button>
        </div>
        <span
          id="backup-file-hint"
          className={pathProblem ? 'field-error' : 'field-hint'}
        >
          {pathProblem ?? 'A folder that does not exist yet is created.'}
        </span>
      </div>
      <div role="status" className="settings-result">
        {busy && (
          <>
            <span className="spinner" aria-hidden="true" /> Writing the backup…
          </>
        )}
        {done && (
          <span className="success-text">
            Backed up the database and {done.documents}{' '}
            {done.documents === 1 ? 'document' : 'documents'} (
            {formatBytes(done.bytes)}) to <code>{done.file}</code>.
          </span>
        )}
      </div>
      {error !== undefined && (
        <ErrorNote title="Could not write the backup" error={error} />
      )}
      {replacing && (
        <ConfirmDialog
          title="Replace the existing backup file?"
          message={
            <p>
              <code>{trimmed}</code> already exists. Replacing it keeps the old
              file until the new backup is complete.
            </p>
          }
          confirmLabel="Replace file"
          danger
          onCancel={() => setReplacing(false)}
          onConfirm={() => void backUp(true)}
        />
      )}
    </form>
  );
}

type CheckedBackup = Awaited<ReturnType<typeof checkBackup>>;

const checkBackup = (file: string) => invoke('workspace:checkBackup', { file });

const countOf = (count: number, singular: string, plural: string) =>
  `${count.toLocaleString()} ${count === 1 ? singular : plural}`;

function Restore({ onRestored }: { onRestored: () => void }) {
  const [file, setFile] = useState('');
  const [checked, setChecked] = useState<CheckedBackup>();
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const trimmed = file.trim();
  const pathProblem =
    trimmed !== '' && !isFullPath(trimmed) ? pathHint : undefined;

  const restore = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await invoke('workspace:restore', {
        file: checked?.file ?? trimmed,
      });
      setChecked(undefined);
      setFile('');
      notify(
        'Backup restored',
        `The workspace now has ${countOf(result.clients, 'client', 'clients')}. The data as it was before is kept in ${result.previousDatabase}.`,
      );
      onRestored();
    } catch (caught) {
      setChecked(undefined);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  // The file is checked before the confirmation opens. The confirmation
  // then lists the backup's contents, and an invalid file never reaches it.
  const check = async () => {
    setChecking(true);
    setError(undefined);
    try {
      setChecked(await checkBackup(trimmed));
    } catch (caught) {
      setError(caught);
    } finally {
      setChecking(false);
    }
  };

  return (
    <form
      className="settings-file-form"
      aria-labelledby="restore-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed !== '' && !pathProblem && !checking) void check();
      }}
    >
      <h4 id="restore-title">Restore</h4>
      <p className="muted">
        Replaces everything in this workspace with the contents of a backup.
        Embark checks the file first; a file that is not a backup changes
        nothing.
      </p>
      <div className="field">
        <label htmlFor="restore-file">Backup file to restore</label>
        <div className="settings-file-row">
          <input
            id="restore-file"
            className="mono"
            spellCheck={false}
            value={file}
            placeholder="/path/to/embark.embark-backup"
            aria-invalid={pathProblem ? true : undefined}
            aria-describedby="restore-file-hint"
            onChange={(event) => setFile(event.target.value)}
          />
          <button
            type="submit"
            className="danger"
            disabled={
              busy || checking || trimmed === '' || pathProblem !== undefined
            }
          >
            {checking ? 'Checking…' : 'Restore…'}
          </button>
        </div>
        <span
          id="restore-file-hint"
          className={pathProblem ? 'field-error' : 'field-hint'}
        >
          {pathProblem ?? 'A file written by Back up now or embark backup.'}
        </span>
      </div>
      {error !== undefined && (
        <ErrorNote title="Could not restore the backup" error={error} />
      )}
      {checked && (
        <ConfirmDialog
          title="Replace the current data with this backup?"
          message={
            <>
              <p>
                Every client, journey, playbook and setting in this workspace is
                replaced by the contents of <code>{checked.file}</code>. Work
                done since that backup was written is lost from the workspace.
              </p>
              <p data-testid="backup-summary">
                The backup was written{' '}
                {new Date(checked.writtenAt).toLocaleString()} and holds{' '}
                {countOf(checked.clients, 'client', 'clients')},{' '}
                {countOf(checked.journeys, 'journey', 'journeys')} and{' '}
                {countOf(checked.documents, 'document', 'documents')}.
              </p>
              <p className="muted">
                Embark keeps a copy of the current database in the data folder,
                named embark.db.before-restore-DATE.
              </p>
              {busy && (
                <p role="status">
                  <span className="spinner" aria-hidden="true" /> Restoring…
                </p>
              )}
            </>
          }
          confirmLabel="Replace and restore"
          danger
          busy={busy}
          onCancel={() => {
            if (!busy) setChecked(undefined);
          }}
          onConfirm={() => void restore()}
        />
      )}
    </form>
  );
}

/** Backup to a file and restore from one, on the machine Embark runs on. */
export function BackupRestore(props: {
  dataDir: string;
  onRestored: () => void;
}) {
  return (
    <section
      className="panel settings-backup"
      aria-labelledby="backup-section-title"
    >
      <div className="settings-section-head">
        <h3 id="backup-section-title">Backup and restore</h3>
        <p className="muted">Paths are on the computer that runs Embark.</p>
      </div>
      <Backup dataDir={props.dataDir} />
      <Restore onRestored={props.onRestored} />
    </section>
  );
}
