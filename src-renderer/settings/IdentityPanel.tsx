import { useState, type FormEvent } from 'react';
import { invoke } from '../api/client.ts';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import { ErrorNote } from '../shell/ErrorNote.tsx';
import { notify } from '../shell/toasts.ts';
import { UnsavedBadge } from './UnsavedBadge.tsx';

type Identity = ResultOf<'settings:setIdentity'>;

/** The roles of Embark's permission model, in the order they are listed. */
const knownRoles = [
  { value: 'coordinator', hint: 'runs journeys' },
  { value: 'designer', hint: 'builds playbooks' },
  { value: 'reviewer', hint: 'approves steps routed to them' },
  { value: 'admin', hint: 'manages the workspace' },
  { value: 'viewer', hint: 'reads only' },
];

// The same shape as the back end's check: something@domain.tld.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Form = { name: string; email: string; roles: string[] };

function formOf(identity: Identity): Form {
  return {
    name: identity.name,
    email: identity.email ?? '',
    roles: identity.roles ?? [],
  };
}

function problemsOf(form: Form) {
  return {
    name: form.name.trim() === '' ? 'Enter your name.' : undefined,
    email:
      form.email.trim() !== '' && !emailPattern.test(form.email.trim())
        ? 'Enter an email address such as dana@example.com, or leave it empty.'
        : undefined,
  };
}

/** Renders the form of the local identity recorded on every action. */
export function IdentityPanel(props: {
  identity: Identity;
  onSaved: (identity: Identity) => void;
}) {
  const [form, setForm] = useState<Form>(() => formOf(props.identity));
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const problems = problemsOf(form);
  const changed =
    JSON.stringify(form) !== JSON.stringify(formOf(props.identity));
  const roles = [
    ...knownRoles,
    ...form.roles
      .filter((role) => !knownRoles.some((known) => known.value === role))
      .map((value) => ({ value, hint: '' })),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (problems.name || problems.email) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const saved = await invoke('settings:setIdentity', {
        name: form.name.trim(),
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(form.roles.length > 0 ? { roles: form.roles } : {}),
      });
      props.onSaved(saved);
      setForm(formOf(saved));
      setShowErrors(false);
      notify('Identity saved', `Actions are now recorded as ${saved.name}.`);
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  const toggleRole = (role: string, on: boolean) =>
    setForm({
      ...form,
      roles: on
        ? [...form.roles, role]
        : form.roles.filter((each) => each !== role),
    });

  return (
    <section
      className="panel settings-identity"
      aria-labelledby="identity-title"
    >
      <div className="settings-section-head">
        <h3 id="identity-title">Your identity</h3>
        <p className="muted">
          Embark records this name on everything you do in this workspace: steps
          completed, approvals, uploads and settings changes.
        </p>
      </div>
      <form
        className="settings-form"
        onSubmit={(event) => void submit(event)}
        noValidate
      >
        <div className="field">
          <label htmlFor="identity-name">Name (required)</label>
          <input
            id="identity-name"
            value={form.name}
            autoComplete="name"
            aria-invalid={showErrors && problems.name ? true : undefined}
            aria-describedby="identity-name-error"
            onChange={(event) => setForm({ ...form, name: event.target.value })}
          />
          <span id="identity-name-error" className="field-error">
            {showErrors ? problems.name : undefined}
          </span>
        </div>
        <div className="field">
          <label htmlFor="identity-email">Email</label>
          <input
            id="identity-email"
            type="email"
            value={form.email}
            autoComplete="email"
            aria-invalid={showErrors && problems.email ? true : undefined}
            aria-describedby="identity-email-error"
            onChange={(event) =>
              setForm({ ...form, email: event.target.value })
            }
          />
          <span id="identity-email-error" className="field-error">
            {showErrors ? problems.email : undefined}
          </span>
        </div>
        <fieldset>
          <legend>Roles</legend>
          <div className="settings-roles">
            {roles.map((role) => (
              <label key={role.value} className="check">
                <input
                  type="checkbox"
                  checked={form.roles.includes(role.value)}
                  onChange={(event) =>
                    toggleRole(role.value, event.target.checked)
                  }
                />
                <span>
                  {role.value}
                  {role.hint && <span className="muted"> · {role.hint}</span>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {saveError !== undefined && (
          <ErrorNote title="Could not save the identity" error={saveError} />
        )}
        <div className="settings-form-actions">
          {changed && <UnsavedBadge />}
          <button
            type="button"
            disabled={!changed || saving}
            onClick={() => {
              setForm(formOf(props.identity));
              setShowErrors(false);
            }}
          >
            Discard changes
          </button>
          <button
            type="submit"
            className="primary"
            disabled={!changed || saving}
          >
            {saving ? 'Saving…' : 'Save identity'}
          </button>
        </div>
      </form>
    </section>
  );
}
