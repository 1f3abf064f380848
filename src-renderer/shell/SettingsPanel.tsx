import { useEffect, useState } from 'react';
import { invoke } from '../api/client.ts';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import { reportError } from './toasts.ts';

type Settings = ResultOf<'settings:get'>;

/** Read-only view of the workspace settings until the editors exist. */
export function SettingsPanel() {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => {
    invoke('settings:get', {})
      .then(setSettings)
      .catch((error: unknown) =>
        reportError('Could not load the settings', error),
      );
  }, []);

  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {!settings ? (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the settings…
        </p>
      ) : (
        <div className="settings-grid">
          <section className="panel" aria-labelledby="settings-identity">
            <h2 id="settings-identity">Identity</h2>
            <p>{settings.identity.name}</p>
            {settings.identity.email && (
              <p className="muted">{settings.identity.email}</p>
            )}
            {settings.identity.roles && (
              <p className="muted">{settings.identity.roles.join(', ')}</p>
            )}
          </section>
          <section className="panel" aria-labelledby="settings-data">
            <h2 id="settings-data">Data folder</h2>
            <p>
              <code>{settings.dataDir}</code>
            </p>
          </section>
          <section className="panel" aria-labelledby="settings-stages">
            <h2 id="settings-stages">Board stages</h2>
            <ol>
              {settings.stages.map((stage) => (
                <li key={stage}>{stage}</li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </section>
  );
}
