import { useState } from 'react';

/** Copies text with the Clipboard API, else through a selected textarea. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('The browser did not allow copying.');
}

/**
 * Shows where the workspace keeps its data, with a copy button, and how to
 * start Embark on another folder.
 */
export function DataFolder({ dataDir }: { dataDir: string }) {
  const [copyStatus, setCopyStatus] = useState('');
  const inElectron = window.embark !== undefined;
  return (
    <section className="panel" aria-labelledby="data-title">
      <div className="settings-section-head">
        <h3 id="data-title">Data folder</h3>
        <p className="muted">
          The database (<code>embark.db</code>), the documents and the log of
          this workspace.
        </p>
      </div>
      <div className="settings-path">
        <code data-testid="data-folder">{dataDir}</code>
        <button
          type="button"
          className="small"
          onClick={() => {
            copyText(dataDir).then(
              () => setCopyStatus('Copied the path.'),
              () => setCopyStatus('Could not copy; select the path instead.'),
            );
          }}
        >
          Copy path
        </button>
        <span className="muted" role="status">
          {copyStatus}
        </span>
      </div>
      <h4>Use another folder</h4>
      <p>
        Embark opens the folder named by the <code>EMBARK_DATA</code>{' '}
        environment variable, else the default application-data folder of your
        system. Quit Embark, then start it on another folder:
      </p>
      <pre className="settings-command">
        <code>
          {inElectron
            ? 'EMBARK_DATA=/path/to/folder npm start'
            : 'npm run web -- --data /path/to/folder'}
        </code>
      </pre>
      <p className="muted">
        {inElectron
          ? 'In a browser, start the headless host with npm run web -- --data /path/to/folder.'
          : 'EMBARK_DATA=/path/to/folder npm run web does the same, and also works for the desktop window (npm start).'}{' '}
        An empty folder becomes a new, empty workspace.
      </p>
    </section>
  );
}
