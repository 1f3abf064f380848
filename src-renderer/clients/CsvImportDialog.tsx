import { useId, useState } from 'react';
import { IpcCallError, invoke } from '../api/client.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { ErrorNote } from '../shell/ErrorNote.tsx';
import { useShell } from '../shell/store.ts';
import { notify } from '../shell/toasts.ts';
import { validRecordCount } from './csvRecords.ts';
import './clients.css';

export type RowError = { line: number; message: string };

/** Reads the per-row report from a CSV_INVALID error's details. */
export function rowErrorsOf(error: unknown): RowError[] | undefined {
  if (!(error instanceof IpcCallError) || error.code !== 'CSV_INVALID') {
    return undefined;
  }
  const errors = error.details.errors;
  // A file-level problem (no header, unknown columns) has no row list.
  if (!Array.isArray(errors)) return undefined;
  return errors.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { line, message } = item as Record<string, unknown>;
    return typeof line === 'number' && typeof message === 'string'
      ? [{ line, message }]
      : [];
  });
}

function RowReport({ errors }: { errors: RowError[] }) {
  return (
    <div className="row-report">
      <table>
        <caption className="visually-hidden">Invalid rows</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((row) => (
            <tr key={`${row.line}-${row.message}`}>
              <td>{row.line}</td>
              <td>{row.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Imports clients from a CSV file. The whole file is tried first; when rows
 * are invalid the dialog lists them and offers to import the valid rows.
 */
export function CsvImportDialog({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [rowErrors, setRowErrors] = useState<RowError[]>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const refreshBoard = useShell((state) => state.refreshBoard);

  const choose = async (chosen: File | undefined) => {
    setRowErrors(undefined);
    setFailure(undefined);
    setFile(
      chosen ? { name: chosen.name, text: await chosen.text() } : undefined,
    );
  };

  const run = async (skipInvalid: boolean) => {
    if (!file) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await invoke('clients:importCsv', {
        text: file.text,
        skipInvalid,
      });
      const added = result.added.length;
      notify(
        `${added} ${added === 1 ? 'client' : 'clients'} imported`,
        result.errors.length > 0
          ? `${result.errors.length} invalid rows were left out.`
          : '',
      );
      refreshBoard();
      onClose();
    } catch (error) {
      const report = rowErrorsOf(error);
      if (report) setRowErrors(report);
      else setFailure(error);
      setBusy(false);
    }
  };

  const validRows =
    file && rowErrors
      ? validRecordCount(
          file.text,
          rowErrors.map((row) => row.line),
        )
      : 0;

  return (
    <Dialog
      wide
      title="Import clients from CSV"
      description="One client per row after a header row. The name column is required; other columns include owner, contact_name, contact_email, employees, annualContractValue and compliance, with several entries in one cell separated by ;."
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {rowErrors ? (
            <button
              type="button"
              className="primary"
              disabled={busy || validRows === 0}
              onClick={() => void run(true)}
            >
              Import the {validRows} valid {validRows === 1 ? 'row' : 'rows'}
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={busy || !file}
              onClick={() => void run(false)}
            >
              {busy && <span className="spinner" aria-hidden="true" />}
              Import
            </button>
          )}
        </>
      }
    >
      <div className="field">
        <label htmlFor={inputId}>CSV file</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => void choose(event.target.files?.[0])}
        />
      </div>
      {rowErrors && (
        <div role="alert" className="error-note">
          <strong>
            {rowErrors.length} {rowErrors.length === 1 ? 'row is' : 'rows are'}{' '}
            invalid, so nothing was imported.
          </strong>
          <span>
            Fix the file and choose it again, or import only the valid rows.
          </span>
        </div>
      )}
      {rowErrors && rowErrors.length > 0 && <RowReport errors={rowErrors} />}
      {failure !== undefined && (
        <ErrorNote title="The file was not imported" error={failure} />
      )}
    </Dialog>
  );
}
