import { useId, useRef, useState, type DragEvent } from 'react';
import { Decision } from './Decision.tsx';
import {
  acceptAttribute,
  formatBytes,
  isOpen,
  mimeName,
  type Slot,
  type Step,
} from './model.ts';
import type { ActArgs } from './useAction.ts';

type Progress = { phase: 'reading' | 'sending'; percent?: number };

type Props = {
  step: Step;
  busy: boolean;
  run: (args: ActArgs) => Promise<boolean>;
};

/** Reads a file as base64, reporting the share read so far. */
export function readAsBase64(
  file: File,
  onProgress: (percent: number) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => {
      if (event.lengthComputable) {
        onProgress(Math.round((event.loaded * 100) / event.total));
      }
    };
    reader.onerror = () =>
      reject(new Error(`Could not read ${file.name}; choose the file again.`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** A file request: one drop target per slot, then the review decision. */
export function FileRequestStep({ step, busy, run }: Props) {
  const slots = step.slots ?? [];
  const open = isOpen(step);
  const filled = slots.every((slot) => !slot.required || slot.document);
  return (
    <div className="file-step">
      <ul className="slots">
        {slots.map((slot) => (
          <li key={slot.name}>
            <SlotCard slot={slot} stepKey={step.key} open={open} run={run} />
          </li>
        ))}
      </ul>
      {step.review && open && (
        <section className="review" aria-label="Review">
          <h3>Review the documents</h3>
          {filled ? (
            <Decision
              stepKey={step.key}
              busy={busy}
              run={run}
              approveLabel="Approve documents"
              rejectLabel="Reject documents"
            />
          ) : (
            <p className="muted">
              Approve or reject once every required document is uploaded.
            </p>
          )}
        </section>
      )}
    </div>
  );
}

type SlotProps = {
  slot: Slot;
  stepKey: string;
  open: boolean;
  run: (args: ActArgs) => Promise<boolean>;
};

function SlotCard({ slot, stepKey, open, run }: SlotProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<Progress>();
  const [readError, setReadError] = useState<string>();
  const [over, setOver] = useState(false);

  const upload = async (file: File) => {
    setReadError(undefined);
    setProgress({ phase: 'reading', percent: 0 });
    try {
      const base64 = await readAsBase64(file, (percent) =>
        setProgress({ phase: 'reading', percent }),
      );
      setProgress({ phase: 'sending' });
      await run({
        stepKey,
        action: 'upload',
        slot: slot.name,
        file: { name: file.name, base64 },
      });
    } catch (error) {
      setReadError(error instanceof Error ? error.message : String(error));
    } finally {
      setProgress(undefined);
      if (input.current) input.current.value = '';
    }
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && open && !progress) void upload(file);
  };

  const document = slot.document;
  return (
    <div
      className={`slot${over ? ' drag-over' : ''}${open ? '' : ' closed'}`}
      data-slot={slot.name}
      onDragOver={(event) => {
        if (!open) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <div className="slot-head">
        <strong id={`${id}-label`}>{slot.label ?? slot.name}</strong>
        <span className={`badge ${slot.required ? '' : 'info'}`}>
          {slot.required ? 'Required' : 'Optional'}
        </span>
      </div>
      <p className="muted slot-accept">
        Accepts {slot.accept.map(mimeName).join(', ')}
      </p>
      {document ? (
        <p className="slot-document">
          <span aria-hidden="true">📄</span> {document.name}
          <span className="muted">
            {' '}
            · version {document.version} · {formatBytes(document.size)}
          </span>
        </p>
      ) : (
        <p className="muted">No document yet.</p>
      )}
      {progress ? (
        <UploadProgress progress={progress} />
      ) : (
        open && (
          <div className="slot-drop">
            <span className="muted">Drop a file here or</span>
            <input
              ref={input}
              id={`${id}-file`}
              type="file"
              className="visually-hidden"
              accept={acceptAttribute(slot.accept)}
              aria-labelledby={`${id}-label`}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void upload(file);
              }}
            />
            <button
              type="button"
              className="small"
              onClick={() => input.current?.click()}
            >
              {document ? 'Replace…' : 'Choose file…'}
            </button>
          </div>
        )
      )}
      {readError && (
        <p className="field-error" role="alert">
          {readError}
        </p>
      )}
    </div>
  );
}

function UploadProgress({ progress }: { progress: Progress }) {
  const label =
    progress.phase === 'reading'
      ? `Reading the file… ${progress.percent ?? 0}%`
      : 'Uploading and checking the document…';
  return (
    <div className="upload-progress" role="status">
      <progress
        max={100}
        value={progress.phase === 'reading' ? progress.percent : undefined}
        aria-label={label}
      />
      <span>{label}</span>
    </div>
  );
}
