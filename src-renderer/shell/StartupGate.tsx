import { useEffect, useRef, useState, type ReactNode } from 'react';
import { invoke, IpcCallError } from '../api/client.ts';
import './startup-gate.css';

type GateState =
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'failed'; error: unknown; retrying: boolean; attempts: number };

/** The screen's wording for one kind of start-up failure. */
type FailureCopy = {
  heading: string;
  /** Reference code shown to the user; absent when the error has none. */
  code?: string;
  message: string;
  dataDir?: string;
  steps: ReactNode;
};

/**
 * Returns the data folder named in a database error's details. It prefers
 * `dataDir` and falls back to the folder of the database `file`.
 */
function dataFolderOf(error: IpcCallError): string | undefined {
  const { dataDir, file } = error.details;
  if (typeof dataDir === 'string' && dataDir) return dataDir;
  if (typeof file !== 'string' || !file) return undefined;
  const folder = file.replace(/[\\/][^\\/]*$/, '');
  return folder && folder !== file ? folder : undefined;
}

function restoreCommand(dataDir: string | undefined): string {
  const dataOption = dataDir ? ` --data "${dataDir}"` : '';
  return `embark${dataOption} restore FILE --overwrite`;
}

function databaseCopy(error: IpcCallError): FailureCopy | undefined {
  const base = {
    code: error.code,
    message: error.message,
    dataDir: dataFolderOf(error),
  };
  switch (error.code) {
    case 'DB_LOCKED':
      return {
        ...base,
        heading: 'The workspace is open in another window',
        steps: (
          <p>
            Close the other Embark window, or wait for the Embark command that
            uses this data folder to finish. Then choose Try again.
          </p>
        ),
      };
    case 'DB_CORRUPT':
      return {
        ...base,
        heading: 'The workspace database is damaged',
        steps: (
          <>
            <p>
              Embark left the damaged file untouched. Restore a backup from a
              terminal, with FILE as the path of your backup file:
            </p>
            <pre className="startup-command">
              <code>{restoreCommand(base.dataDir)}</code>
            </pre>
            <p>
              The restore keeps a copy of the damaged database beside the new
              one. Then choose Try again.
            </p>
          </>
        ),
      };
    case 'DB_TOO_NEW':
      return {
        ...base,
        heading: 'This workspace was saved by a newer version of Embark',
        steps: (
          <p>
            Update Embark to the latest version, then open this workspace again.
          </p>
        ),
      };
    default:
      return undefined;
  }
}

/** Chooses the wording for a failed `workspace:info` call. */
function describeStartupFailure(error: unknown): FailureCopy {
  if (error instanceof IpcCallError) {
    const copy = databaseCopy(error);
    if (copy) return copy;
  }
  return {
    heading: 'Embark cannot reach its back end',
    code: error instanceof IpcCallError ? error.code : undefined,
    message:
      error instanceof Error ? error.message : 'An unexpected error occurred.',
    steps: (
      <p>
        Check that Embark is still running. In a browser, check that the
        terminal where you started Embark still shows it running. Then choose
        Try again.
      </p>
    ),
  };
}

function LoadingScreen() {
  return (
    <div className="startup startup-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>Opening the workspace…</span>
    </div>
  );
}

type ErrorScreenProps = {
  error: unknown;
  retrying: boolean;
  attempts: number;
  onRetry: () => void;
};

function ErrorScreen({ error, retrying, attempts, onRetry }: ErrorScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const copy = describeStartupFailure(error);

  // Focus moves to the heading when the screen first appears, so a screen
  // reader reads what failed. A retry keeps the focus on Try again.
  useEffect(() => heading.current?.focus(), []);

  let status = '';
  if (retrying) status = 'Trying again…';
  else if (attempts > 1) status = 'Embark still cannot open the workspace.';

  return (
    <main className="startup" aria-labelledby="startup-heading">
      <section className="startup-panel">
        <p className="startup-eyebrow">Embark could not start</p>
        <h1 id="startup-heading" ref={heading} tabIndex={-1}>
          {copy.heading}
        </h1>
        <p className="startup-message">{copy.message}</p>
        <dl className="startup-facts">
          {copy.dataDir && (
            <div>
              <dt>Data folder</dt>
              <dd>
                <code>{copy.dataDir}</code>
              </dd>
            </div>
          )}
          {copy.code && (
            <div>
              <dt>Reference</dt>
              <dd>
                <code>{copy.code}</code>
              </dd>
            </div>
          )}
        </dl>
        <h2>What to do</h2>
        <div className="startup-steps">{copy.steps}</div>
        <div className="startup-actions">
          <button
            type="button"
            className="primary"
            aria-disabled={retrying}
            onClick={() => {
              if (!retrying) onRetry();
            }}
          >
            Try again
          </button>
          <span className="startup-status muted" role="status">
            {status}
          </span>
        </div>
      </section>
    </main>
  );
}

/**
 * Calls `workspace:info` before the app renders. Until it succeeds, it
 * shows a loading state and then an error screen with recovery steps.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    invoke('workspace:info', {}).then(
      () => {
        if (current) setState({ kind: 'ready' });
      },
      (error: unknown) => {
        if (!current) return;
        setState({
          kind: 'failed',
          error,
          retrying: false,
          attempts: attempt + 1,
        });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  if (state.kind === 'ready') return children;
  if (state.kind === 'loading') return <LoadingScreen />;
  return (
    <ErrorScreen
      error={state.error}
      retrying={state.retrying}
      attempts={state.attempts}
      onRetry={() => {
        setState({ ...state, retrying: true });
        setAttempt(attempt + 1);
      }}
    />
  );
}
