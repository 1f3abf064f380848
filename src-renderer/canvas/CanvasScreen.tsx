import '@xyflow/react/dist/style.css';
import './canvas.css';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { ResultOf } from '../../src-shared/ipc/contract.ts';
import type { NodeKind } from '../../src-shared/playbooks/model.ts';
import { invoke } from '../api/client.ts';
import { reportError } from '../shell/toasts.ts';
import { ImportReportDialog, PublishedDialog } from './CanvasDialogs.tsx';
import { addNode, freeSpot, nextNodeKey, type Point } from './edits.ts';
import { FlowView } from './FlowView.tsx';
import { Inspector } from './Inspector.tsx';
import { IssuesPanel } from './IssuesPanel.tsx';
import { sizeOf } from './kinds.ts';
import { Palette } from './Palette.tsx';
import { commandForKey, type CommandContext } from './registry.ts';
import { createCanvasStore, type CanvasStore } from './store.ts';
import { Toolbar } from './Toolbar.tsx';
import { usePlaybookActions } from './usePlaybookActions.ts';

export interface CanvasScreenProps {
  /** The playbook to open; without it the screen offers a picker. */
  playbookId?: string;
}

type Summary = ResultOf<'playbooks:list'>[number];

const blankPlaybook = {
  name: 'New playbook',
  nodes: [
    { key: 'start', kind: 'start' as const, name: 'Start' },
    { key: 'end', kind: 'end' as const, name: 'End' },
  ],
  edges: [{ key: 'start__end', from: 'start', to: 'end' }],
};

function isTyping(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
  );
}

function PlaybookPicker(props: {
  playbooks: Summary[] | undefined;
  value: string | undefined;
  onChange: (id: string) => void;
  onNew: () => void;
}) {
  return (
    <div className="canvas-picker">
      <label htmlFor="canvas-playbook">Playbook</label>
      <select
        id="canvas-playbook"
        value={props.value ?? ''}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="" disabled>
          {props.playbooks === undefined ? 'Loading…' : 'Choose a playbook'}
        </option>
        {props.playbooks?.map((playbook) => (
          <option key={playbook.id} value={playbook.id}>
            {playbook.name} (version {playbook.version})
          </option>
        ))}
      </select>
      <button type="button" className="small" onClick={props.onNew}>
        New playbook
      </button>
    </div>
  );
}

/** The published playbooks; `reloadToken` changes after each publish. */
function usePlaybookList(reloadToken: unknown): Summary[] | undefined {
  const [playbooks, setPlaybooks] = useState<Summary[]>();
  useEffect(() => {
    invoke('playbooks:list', {}).then(setPlaybooks, (error: unknown) => {
      setPlaybooks([]);
      reportError('Could not list the playbooks', error);
    });
  }, [reloadToken]);
  return playbooks;
}

function Workspace({
  store,
  initialId,
}: {
  store: CanvasStore;
  initialId?: string;
}) {
  const actions = usePlaybookActions(store);
  const { open } = actions;
  const flow = useReactFlow();
  const playbooks = usePlaybookList(actions.published);
  const flowArea = useRef<HTMLDivElement>(null);
  const playbookId = useStore(store, (state) => state.playbookId);
  const segment = useStore(store, (state) => state.doc.definition.segment);
  const nodes = useStore(store, (state) => state.doc.definition.nodes);
  const names = useMemo(
    () => Object.fromEntries(nodes.map((node) => [node.key, node.name])),
    [nodes],
  );
  const hasNodes = useStore(
    store,
    (state) => state.doc.definition.nodes.length > 0,
  );

  useEffect(() => {
    if (initialId) void open(initialId);
  }, [initialId, open]);

  const context: CommandContext = useMemo(
    () => ({ store, save: actions.save }),
    [store, actions.save],
  );

  const addKind = useCallback(
    (kind: NodeKind, at?: Point) => {
      const { width, height } = sizeOf(kind);
      let point = at;
      if (!point) {
        const box = flowArea.current?.getBoundingClientRect();
        const centre = box
          ? { x: box.left + box.width / 2, y: box.top + box.height / 2 }
          : { x: 0, y: 0 };
        point = flow.screenToFlowPosition(centre);
      }
      const { doc } = store.getState();
      const key = nextNodeKey(doc.definition, kind);
      const corner = {
        x: Math.round(point.x - width / 2),
        y: Math.round(point.y - height / 2),
      };
      const kinds = new Map(
        doc.definition.nodes.map((node) => [node.key, node.kind]),
      );
      const spot = at
        ? corner
        : freeSpot(doc, corner, { width, height }, (other) =>
            sizeOf(kinds.get(other) ?? 'task'),
          );
      store.getState().apply(addNode(kind, spot, key));
      store.getState().select({ nodes: [key], edges: [] });
    },
    [flow, store],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const command = commandForKey(event, store.getState());
    if (!command) return;
    if (isTyping(event.target) && command.id !== 'save') return;
    event.preventDefault();
    command.run(context);
  };

  const startBlank = () => {
    store.getState().load({ definition: blankPlaybook, dirty: true });
  };

  return (
    <section
      className="canvas-screen"
      aria-label="Playbook canvas"
      onKeyDown={onKeyDown}
    >
      <header className="canvas-header">
        {!initialId && (
          <PlaybookPicker
            playbooks={playbooks}
            value={playbookId}
            onChange={(id) => void open(id)}
            onNew={startBlank}
          />
        )}
        <Toolbar
          context={context}
          busy={actions.busy}
          onPublish={() => void actions.publish()}
          onImport={(file) => void actions.importFile(file)}
          onExport={(format) => void actions.exportAs(format)}
        />
      </header>
      {actions.draft && (
        <div className="canvas-banner" role="status">
          <span>
            A draft saved {new Date(actions.draft.savedAt).toLocaleString()} is
            newer than the published version.
          </span>
          <button
            type="button"
            className="small primary"
            onClick={actions.restoreDraft}
          >
            Restore draft
          </button>
          <button
            type="button"
            className="small"
            onClick={actions.dismissDraft}
          >
            Discard draft
          </button>
        </div>
      )}
      <div className="canvas-body">
        <Palette onAdd={(kind) => addKind(kind)} />
        <div className="canvas-flow" ref={flowArea}>
          <FlowView
            store={store}
            onAddKind={addKind}
            onDropFile={(file) => void actions.importFile(file)}
            fitToken={actions.fitToken}
          />
          {!hasNodes && (
            <div className="canvas-empty">
              <h2>{actions.busy ?? 'No playbook open'}</h2>
              {!actions.busy && (
                <p>
                  Choose a playbook above, start a new one, or drop a{' '}
                  <code>.bpmn</code> file here to import it.
                </p>
              )}
            </div>
          )}
        </div>
        <div className="canvas-side">
          <Inspector store={store} />
          <IssuesPanel store={store} />
        </div>
      </div>
      {actions.report && (
        <ImportReportDialog
          report={actions.report}
          onClose={actions.closeReport}
        />
      )}
      {actions.published && (
        <PublishedDialog
          published={actions.published}
          segment={segment}
          names={names}
          onClose={actions.closePublished}
        />
      )}
    </section>
  );
}

/** The flow canvas where designers shape a playbook. */
export function CanvasScreen({ playbookId }: CanvasScreenProps) {
  const [store] = useState(createCanvasStore);
  return (
    <ReactFlowProvider>
      <Workspace store={store} initialId={playbookId} />
    </ReactFlowProvider>
  );
}
