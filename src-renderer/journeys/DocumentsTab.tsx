import { useEffect, useMemo, useState } from 'react';
import { invoke } from '../api/client.ts';
import { ErrorNote } from './ErrorNote.tsx';
import {
  formatBytes,
  formatDateTime,
  mimeName,
  type JourneyDocument,
  type Step,
} from './model.ts';
import { PdfPreview } from './PdfPreview.tsx';
import { toActionError, type ActionError } from './useAction.ts';

type Props = { journeyId: string; steps: Step[]; revision: number };

type Content = { name: string; mime: string; base64: string };

/** The journey's documents, newest first, with a preview of the chosen one. */
export function DocumentsTab({ journeyId, steps, revision }: Props) {
  const [documents, setDocuments] = useState<JourneyDocument[]>();
  const [error, setError] = useState<ActionError>();
  const [selected, setSelected] = useState<string>();
  const names = useMemo(
    () => new Map(steps.map((step) => [step.key, step.name])),
    [steps],
  );

  useEffect(() => {
    let current = true;
    invoke('journeys:documents', { id: journeyId })
      .then((list) => {
        if (!current) return;
        const sorted = [...list].sort((a, b) =>
          b.uploadedAt.localeCompare(a.uploadedAt),
        );
        setDocuments(sorted);
        setSelected((previous) => previous ?? sorted[0]?.id);
      })
      .catch((failure: unknown) => {
        if (current) setError(toActionError(failure));
      });
    return () => {
      current = false;
    };
  }, [journeyId, revision]);

  if (error)
    return <ErrorNote title="Could not load the documents" error={error} />;
  if (!documents) {
    return (
      <p className="loading" role="status">
        <span className="spinner" /> Loading documents…
      </p>
    );
  }
  if (documents.length === 0) {
    return (
      <p className="empty">
        No documents yet. Upload them on a file request step in the Steps tab.
      </p>
    );
  }
  return (
    <div className="documents">
      <table className="document-list">
        <caption className="visually-hidden">Documents</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Step</th>
            <th scope="col">Version</th>
            <th scope="col">Size</th>
            <th scope="col">Uploaded</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => (
            <tr
              key={document.id}
              className={document.id === selected ? 'selected' : undefined}
            >
              <td>
                <button
                  type="button"
                  className="link"
                  aria-pressed={document.id === selected}
                  onClick={() => setSelected(document.id)}
                >
                  {document.name}
                </button>
                <div className="muted">{mimeName(document.mime)}</div>
              </td>
              <td>
                {document.stepKey
                  ? (names.get(document.stepKey) ?? document.stepKey)
                  : '—'}
              </td>
              <td>{document.version}</td>
              <td>{formatBytes(document.size)}</td>
              <td>
                {formatDateTime(document.uploadedAt)}
                <div className="muted">by {document.uploadedBy}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && <DocumentPreview key={selected} id={selected} />}
    </div>
  );
}

function DocumentPreview({ id }: { id: string }) {
  const [content, setContent] = useState<Content>();
  const [error, setError] = useState<ActionError>();

  useEffect(() => {
    let current = true;
    invoke('documents:read', { id })
      .then((result) => current && setContent(result))
      .catch((failure: unknown) => current && setError(toActionError(failure)));
    return () => {
      current = false;
    };
  }, [id]);

  if (error)
    return <ErrorNote title="Could not open the document" error={error} />;
  if (!content) {
    return (
      <p className="loading" role="status">
        <span className="spinner" /> Loading the document…
      </p>
    );
  }
  return (
    <section
      className="document-preview panel"
      aria-label={`Preview of ${content.name}`}
    >
      {content.mime === 'application/pdf' ? (
        <PdfPreview name={content.name} base64={content.base64} />
      ) : content.mime.startsWith('image/') ? (
        <img
          src={`data:${content.mime};base64,${content.base64}`}
          alt={content.name}
        />
      ) : (
        <p className="empty">
          {mimeName(content.mime)} files have no preview. The file is stored
          with the journey.
        </p>
      )}
    </section>
  );
}
