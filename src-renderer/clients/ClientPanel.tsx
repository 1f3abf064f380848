import { useEffect, useId, useState, type FormEvent } from 'react';
import { invoke } from '../api/client.ts';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import type { Segment } from '../../src-shared/playbooks/model.ts';
import { MigrationDialog } from '../board/MigrationDialog.tsx';
import { riskLabels, segmentLabels } from '../board/model.ts';
import { ConfirmDialog, Dialog } from '../shell/Dialog.tsx';
import { ErrorNote } from '../shell/ErrorNote.tsx';
import { useShell } from '../shell/store.ts';
import { notify } from '../shell/toasts.ts';
import { AttributeFields } from './AttributeFields.tsx';
import {
  attributesFromForm,
  contactsFromRows,
  formFromAttributes,
  rowsFromContacts,
  type AttributeForm,
  type ContactRow,
} from './attributes.ts';
import { ContactsEditor } from './ContactsEditor.tsx';
import './clients.css';

type Client = ResultOf<'clients:get'>;
type Update = ResultOf<'clients:update'>;

type Props = { clientId: string; journeyId?: string; onClose: () => void };

type Draft = {
  name: string;
  owner: string;
  notes: string;
  rows: ContactRow[];
  form: AttributeForm;
};

function draftOf(client: Client): Draft {
  return {
    name: client.name,
    owner: client.owner ?? '',
    notes: client.notes,
    rows: rowsFromContacts(client.contacts),
    form: formFromAttributes(client.attributes),
  };
}

function DetailsFields(props: {
  draft: Draft;
  onChange: (draft: Draft) => void;
}) {
  const { draft, onChange } = props;
  const nameId = useId();
  const ownerId = useId();
  const notesId = useId();
  return (
    <>
      <div className="field-row">
        <div className="field grow">
          <label htmlFor={nameId}>Name</label>
          <input
            id={nameId}
            value={draft.name}
            onChange={(event) =>
              onChange({ ...draft, name: event.target.value })
            }
          />
        </div>
        <div className="field grow">
          <label htmlFor={ownerId}>Owner</label>
          <input
            id={ownerId}
            value={draft.owner}
            onChange={(event) =>
              onChange({ ...draft, owner: event.target.value })
            }
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={notesId}>Notes</label>
        <textarea
          id={notesId}
          value={draft.notes}
          onChange={(event) =>
            onChange({ ...draft, notes: event.target.value })
          }
        />
      </div>
    </>
  );
}

function ReclassifyOffer(props: {
  update: Update;
  busy: boolean;
  onReclassify: () => void;
}) {
  const { segment, riskTier } = props.update.classification;
  return (
    <div className="offer" role="status">
      <span>
        These attributes now classify as{' '}
        <strong>{segmentLabels[segment]}</strong> ({riskLabels[riskTier]}).
      </span>
      <button
        type="button"
        className="primary"
        disabled={props.busy}
        onClick={props.onReclassify}
      >
        Reclassify
      </button>
    </div>
  );
}

/** Client details: contacts, attributes, notes, reclassification, archive. */
export function ClientPanel({ clientId, journeyId, onClose }: Props) {
  const [client, setClient] = useState<Client>();
  const [draft, setDraft] = useState<Draft>();
  const [loadError, setLoadError] = useState<unknown>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [offer, setOffer] = useState<Update>();
  const [moveTo, setMoveTo] = useState<{ from: Segment; to: Segment }>();
  const [migrating, setMigrating] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const refreshBoard = useShell((state) => state.refreshBoard);
  const formId = useId();

  useEffect(() => {
    invoke('clients:get', { id: clientId })
      .then((result) => {
        setClient(result);
        setDraft(draftOf(result));
      })
      .catch(setLoadError);
  }, [clientId]);

  const attributes =
    draft && attributesFromForm(draft.form, client?.attributes);
  const contacts = draft && contactsFromRows(draft.rows);
  const invalid =
    !draft?.name.trim() ||
    Object.keys(attributes?.errors ?? {}).length > 0 ||
    Object.keys(contacts?.errors ?? {}).length > 0;

  const save = async (reclassify: boolean) => {
    if (!draft || !attributes || !contacts || invalid || !client) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await invoke('clients:update', {
        id: clientId,
        name: draft.name.trim(),
        owner: draft.owner.trim() || undefined,
        notes: draft.notes,
        contacts: contacts.contacts,
        attributes: attributes.attributes,
        reclassify,
      });
      setClient(result.client);
      setDraft(draftOf(result.client));
      setOffer(
        result.reclassificationOffered && !result.reclassified
          ? result
          : undefined,
      );
      refreshBoard();
      if (result.reclassified) {
        notify(`${result.client.name} reclassified`);
        if (journeyId && result.client.segment !== client.segment) {
          setMoveTo({ from: client.segment, to: result.client.segment });
        }
      } else notify('Changes saved');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const archive = async () => {
    setBusy(true);
    try {
      await invoke('clients:archive', { id: clientId });
      notify(`${client?.name ?? 'Client'} archived`);
      refreshBoard();
      onClose();
    } catch (error) {
      setFailure(error);
      setConfirmArchive(false);
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  return (
    <Dialog
      wide
      title={client ? client.name : 'Client details'}
      onClose={onClose}
      footer={
        client && (
          <>
            <button
              type="button"
              className="danger footer-start"
              disabled={busy || client.archivedAt !== null}
              onClick={() => setConfirmArchive(true)}
            >
              {client.archivedAt ? 'Archived' : 'Archive'}
            </button>
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button
              type="submit"
              form={formId}
              className="primary"
              disabled={busy || invalid}
            >
              Save changes
            </button>
          </>
        )
      }
    >
      {loadError !== undefined && (
        <ErrorNote title="The client could not be loaded" error={loadError} />
      )}
      {!client && loadError === undefined && (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the client…
        </p>
      )}
      {client && draft && attributes && contacts && (
        <form id={formId} className="client-form" noValidate onSubmit={submit}>
          <div className="client-badges">
            <span className={`badge segment-${client.segment}`}>
              {segmentLabels[client.segment]}
            </span>
            <span className="badge">{riskLabels[client.riskTier]}</span>
            {client.archivedAt && (
              <span className="badge warning">Archived</span>
            )}
          </div>
          {offer && (
            <ReclassifyOffer
              update={offer}
              busy={busy}
              onReclassify={() => void save(true)}
            />
          )}
          {moveTo && !migrating && (
            <div className="offer" role="status">
              <span>
                The journey still follows the {segmentLabels[moveTo.from]}{' '}
                playbook.
              </span>
              <button type="button" onClick={() => setMigrating(true)}>
                Move the journey to {segmentLabels[moveTo.to]}…
              </button>
            </div>
          )}
          <DetailsFields draft={draft} onChange={setDraft} />
          <ContactsEditor
            rows={draft.rows}
            errors={contacts.errors}
            onChange={(rows) => setDraft({ ...draft, rows })}
          />
          <AttributeFields
            form={draft.form}
            errors={attributes.errors}
            onChange={(form) => setDraft({ ...draft, form })}
          />
          {failure !== undefined && (
            <ErrorNote title="The change was not saved" error={failure} />
          )}
        </form>
      )}
      {confirmArchive && client && (
        <ConfirmDialog
          title={`Archive ${client.name}?`}
          message="The client leaves the active client list. Its journey, documents and history are kept."
          confirmLabel="Archive"
          danger
          busy={busy}
          onConfirm={() => void archive()}
          onCancel={() => setConfirmArchive(false)}
        />
      )}
      {migrating && moveTo && journeyId && client && (
        <MigrationDialog
          journeyId={journeyId}
          clientName={client.name}
          from={moveTo.from}
          to={moveTo.to}
          onMoved={() => setMoveTo(undefined)}
          onClose={() => setMigrating(false)}
        />
      )}
    </Dialog>
  );
}
