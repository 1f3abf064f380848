import { useCallback, useState } from 'react';
import { invoke } from '../api/client.ts';
import { notify, reportError } from '../shell/toasts.ts';
import {
  discardDraft,
  loadDraft,
  loadLayout,
  saveDraft,
  saveLayout,
  type Draft,
} from './drafts.ts';
import { downloadText, fileToBase64, isBpmnFile } from './files.ts';
import type { CanvasStore } from './store.ts';

export type ImportReport = {
  fileName: string;
  warnings: { elementId: string; message: string }[];
};

export type Published = { playbookId: string; version: number };

/**
 * Validates the document on the back end and publishes it as a new version.
 * Returns undefined, after reporting the problems, when it is invalid.
 */
async function publishDoc(store: CanvasStore): Promise<Published | undefined> {
  const { playbookId, doc } = store.getState();
  const check = await invoke('playbooks:validate', {
    definition: doc.definition,
  });
  if (!check.valid) {
    reportError(
      'Could not publish the playbook',
      new Error(
        `${check.errors.length} problem(s) must be fixed first; they are listed under Validation.`,
      ),
    );
    return undefined;
  }
  const result = await invoke('playbooks:publish', {
    id: playbookId,
    definition: doc.definition,
  });
  store
    .getState()
    .markSaved({ playbookId: result.id, version: result.version });
  saveLayout(localStorage, result.id, doc.layout);
  discardDraft(localStorage, playbookId);
  return { playbookId: result.id, version: result.version };
}

/**
 * Downloads the published version through the back end, or the document
 * as JSON when it was never published.
 */
async function exportDoc(store: CanvasStore, format: 'bpmn' | 'json') {
  const { playbookId, version, doc } = store.getState();
  if (!playbookId) {
    const text = JSON.stringify(doc.definition, null, 2);
    downloadText(`${doc.definition.name}.json`, text, 'application/json');
    return;
  }
  const file = await invoke('playbooks:export', {
    id: playbookId,
    version,
    format,
  });
  const type = format === 'bpmn' ? 'application/xml' : 'application/json';
  downloadText(file.name, file.text, type);
}

/**
 * Loading, saving, publishing, importing and exporting a playbook, with the
 * state of the dialogs they open.
 */
export function usePlaybookActions(store: CanvasStore) {
  const [busy, setBusy] = useState<string>();
  const [draft, setDraft] = useState<Draft>();
  const [report, setReport] = useState<ImportReport>();
  const [published, setPublished] = useState<Published>();
  const [fitToken, setFitToken] = useState(0);

  const open = useCallback(
    async (playbookId: string) => {
      setBusy('Opening the playbook');
      try {
        const { id, version, ...definition } = await invoke('playbooks:get', {
          id: playbookId,
        });
        store.getState().load({
          playbookId: id,
          version,
          definition,
          layout: loadLayout(localStorage, id),
          published: true,
        });
        setDraft(loadDraft(localStorage, id));
        setFitToken((token) => token + 1);
      } catch (error) {
        reportError(`Could not open the playbook ${playbookId}`, error);
      } finally {
        setBusy(undefined);
      }
    },
    [store],
  );

  const restoreDraft = useCallback(() => {
    if (!draft) return;
    const state = store.getState();
    state.load({
      playbookId: state.playbookId,
      version: state.version,
      definition: draft.definition,
      layout: draft.layout,
      dirty: true,
    });
    // Keys of the published version stay fixed in the restored draft.
    store.setState({ publishedKeys: state.publishedKeys });
    setDraft(undefined);
    setFitToken((token) => token + 1);
  }, [draft, store]);

  const dismissDraft = useCallback(() => {
    discardDraft(localStorage, store.getState().playbookId);
    setDraft(undefined);
  }, [store]);

  const save = useCallback(() => {
    const { playbookId, version, doc } = store.getState();
    try {
      saveDraft(localStorage, playbookId, { ...doc, baseVersion: version });
      store.getState().markSaved();
      notify('Draft saved', 'It is kept in this window until you publish.');
    } catch (error) {
      reportError('Could not save the draft', error);
    }
  }, [store]);

  const publish = useCallback(async () => {
    setBusy('Publishing');
    try {
      const result = await publishDoc(store);
      if (!result) return;
      setDraft(undefined);
      setPublished(result);
    } catch (error) {
      reportError('Could not publish the playbook', error);
    } finally {
      setBusy(undefined);
    }
  }, [store]);

  const importFile = useCallback(
    async (file: File) => {
      if (!isBpmnFile(file)) {
        reportError(
          `Could not import ${file.name}`,
          new Error('Only BPMN files (.bpmn or .xml) can be imported.'),
        );
        return;
      }
      setBusy(`Importing ${file.name}`);
      try {
        const result = await invoke('playbooks:importBpmn', {
          name: file.name,
          base64: await fileToBase64(file),
        });
        store.getState().load({ definition: result.definition, dirty: true });
        setDraft(undefined);
        setFitToken((token) => token + 1);
        setReport({ fileName: file.name, warnings: result.warnings });
      } catch (error) {
        reportError(`Could not import ${file.name}`, error);
      } finally {
        setBusy(undefined);
      }
    },
    [store],
  );

  const exportAs = useCallback(
    (format: 'bpmn' | 'json') =>
      exportDoc(store, format).catch((error: unknown) =>
        reportError(
          `Could not export the playbook as ${format.toUpperCase()}`,
          error,
        ),
      ),
    [store],
  );

  return {
    busy,
    draft,
    report,
    published,
    fitToken,
    open,
    restoreDraft,
    dismissDraft,
    save,
    publish,
    importFile,
    exportAs,
    closeReport: () => setReport(undefined),
    closePublished: () => setPublished(undefined),
  };
}
