import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import { invoke } from '../api/client.ts';
import { segments, type Segment } from '../../src-shared/playbooks/model.ts';
import { segmentLabels } from '../board/model.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { ErrorNote } from '../shell/ErrorNote.tsx';
import { useShell } from '../shell/store.ts';
import { notify } from '../shell/toasts.ts';
import { AttributeFields } from './AttributeFields.tsx';
import {
  attributesFromForm,
  contactsFromRows,
  emptyAttributeForm,
  type AttributeForm,
  type ContactRow,
} from './attributes.ts';
import { ClassificationPreview } from './ClassificationPreview.tsx';
import { ContactsEditor } from './ContactsEditor.tsx';
import { useClassification } from './useClassification.ts';
import './clients.css';

type Override = { on: boolean; segment: Segment; reason: string };

function OverrideFields(props: {
  value: Override;
  showErrors: boolean;
  onChange: (value: Override) => void;
}) {
  const { value, onChange } = props;
  const segmentId = useId();
  const reasonId = useId();
  const reasonMissing = value.on && value.reason.trim() === '';
  return (
    <fieldset>
      <legend>Segment</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={value.on}
          onChange={(event) => onChange({ ...value, on: event.target.checked })}
        />
        Choose the segment instead of the decision table
      </label>
      {value.on && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={segmentId}>Segment</label>
            <select
              id={segmentId}
              value={value.segment}
              onChange={(event) =>
                onChange({ ...value, segment: event.target.value as Segment })
              }
            >
              {segments.map((segment) => (
                <option key={segment} value={segment}>
                  {segmentLabels[segment]}
                </option>
              ))}
            </select>
          </div>
          <div className="field grow">
            <label htmlFor={reasonId}>Reason (required)</label>
            <input
              id={reasonId}
              value={value.reason}
              required
              aria-invalid={
                props.showErrors && reasonMissing ? true : undefined
              }
              aria-describedby={`${reasonId}-error`}
              onChange={(event) =>
                onChange({ ...value, reason: event.target.value })
              }
            />
            {props.showErrors && reasonMissing && (
              <span id={`${reasonId}-error`} className="field-error">
                Say why this client gets a different segment; the audit trail
                records it.
              </span>
            )}
          </div>
        </div>
      )}
    </fieldset>
  );
}

type PlaybookSummary = ResultOf<'playbooks:list'>[number];

/** Lists the published playbooks, or none when the call fails. */
function usePlaybooks(): PlaybookSummary[] | undefined {
  const [playbooks, setPlaybooks] = useState<PlaybookSummary[]>();
  useEffect(() => {
    invoke('playbooks:list', {}).then(setPlaybooks, () => setPlaybooks([]));
  }, []);
  return playbooks;
}

/**
 * Chooses the playbook of the new journey. The empty value means the
 * segment's own playbook. Any other value starts the latest published version
 * of the chosen one.
 */
function PlaybookField(props: {
  value: string;
  onChange: (playbookId: string) => void;
}) {
  const playbooks = usePlaybooks();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Playbook</label>
      <select
        id={id}
        value={props.value}
        aria-describedby={`${id}-help`}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">The segment’s playbook</option>
        {playbooks?.map((playbook) => (
          <option key={playbook.id} value={playbook.id}>
            {playbook.name} (version {playbook.version})
          </option>
        ))}
      </select>
      <span id={`${id}-help`} className="muted field-help">
        The journey starts on the latest published version.
      </span>
    </div>
  );
}

/** Adds a client, shows how it classifies, and opens its new journey. */
export function NewClientDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [rows, setRows] = useState<ContactRow[]>([]);
  const [form, setForm] = useState<AttributeForm>(emptyAttributeForm);
  const [override, setOverride] = useState<Override>({
    on: false,
    segment: 'smb',
    reason: '',
  });
  const [playbookId, setPlaybookId] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const nameId = useId();
  const ownerId = useId();
  const formId = useId();

  const { attributes, errors } = attributesFromForm(form);
  const contacts = contactsFromRows(rows);
  const live = useClassification(attributes, true);
  const invalid =
    name.trim() === '' ||
    Object.keys(errors).length > 0 ||
    Object.keys(contacts.errors).length > 0 ||
    (override.on && override.reason.trim() === '');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid) return;
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await invoke('clients:add', {
        name: name.trim(),
        owner: owner.trim() || undefined,
        contacts: contacts.contacts,
        attributes,
        ...(playbookId ? { playbookId } : {}),
        ...(override.on
          ? { segment: override.segment, reason: override.reason.trim() }
          : {}),
      });
      const shell = useShell.getState();
      shell.refreshBoard();
      notify(
        `${name.trim()} added`,
        `Segment ${segmentLabels[result.segment]}, ${result.riskTier} risk.`,
      );
      onClose();
      if (result.journeyId) {
        shell.open('journey', { journeyId: result.journeyId });
      }
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  };

  return (
    <Dialog
      wide
      title="New client"
      onClose={onClose}
      footer={
        <>
          <ClassificationPreview live={live} />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form={formId}
            className="primary"
            disabled={saving}
          >
            {saving && <span className="spinner" aria-hidden="true" />}
            Create
          </button>
        </>
      }
    >
      <form id={formId} className="client-form" noValidate onSubmit={create}>
        <div className="field-row">
          <div className="field grow">
            <label htmlFor={nameId}>Name (required)</label>
            <input
              id={nameId}
              value={name}
              autoFocus
              required
              aria-invalid={submitted && !name.trim() ? true : undefined}
              aria-describedby={`${nameId}-error`}
              onChange={(event) => setName(event.target.value)}
            />
            {submitted && !name.trim() && (
              <span id={`${nameId}-error`} className="field-error">
                Enter the client’s name.
              </span>
            )}
          </div>
          <div className="field grow">
            <label htmlFor={ownerId}>Owner</label>
            <input
              id={ownerId}
              value={owner}
              placeholder="You, if left empty"
              onChange={(event) => setOwner(event.target.value)}
            />
          </div>
        </div>
        <AttributeFields form={form} errors={errors} onChange={setForm} />
        <OverrideFields
          value={override}
          showErrors={submitted}
          onChange={setOverride}
        />
        <PlaybookField value={playbookId} onChange={setPlaybookId} />
        <ContactsEditor
          rows={rows}
          errors={submitted ? contacts.errors : {}}
          onChange={setRows}
        />
        {failure !== undefined && (
          <ErrorNote title="The client was not created" error={failure} />
        )}
      </form>
    </Dialog>
  );
}
