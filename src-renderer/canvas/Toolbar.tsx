import { useRef } from 'react';
import { useStore } from 'zustand';
import {
  canvasCommands,
  formatShortcut,
  type CommandContext,
} from './registry.ts';

const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export interface ToolbarProps {
  context: CommandContext;
  busy?: string;
  onPublish: () => void;
  onImport: (file: File) => void;
  onExport: (format: 'bpmn' | 'json') => void;
}

/** Toolbar buttons run the same registry entries as the shortcuts. */
export function Toolbar(props: ToolbarProps) {
  const { context } = props;
  const state = useStore(context.store);
  const fileInput = useRef<HTMLInputElement>(null);
  const unpublished = !state.playbookId;
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Canvas actions">
      <div className="canvas-toolbar-title">
        <strong title={state.doc.definition.name}>
          {state.doc.definition.name}
        </strong>
        <span className="muted">
          {unpublished ? 'not published' : `version ${state.version}`}
          {state.dirty ? ' · unsaved changes' : ''}
        </span>
      </div>
      <div className="canvas-toolbar-group">
        {canvasCommands.map((command) => {
          const shortcut = command.shortcuts[0];
          const keys = shortcut ? formatShortcut(shortcut, mac) : '';
          return (
            <button
              key={command.id}
              type="button"
              className="small"
              disabled={!command.when(state)}
              title={`${command.name} (${keys})`}
              aria-keyshortcuts={
                shortcut
                  ? formatShortcut(shortcut, false).replace('Ctrl', 'Control')
                  : undefined
              }
              onClick={() => command.run(context)}
            >
              {command.name}
            </button>
          );
        })}
      </div>
      <div className="canvas-toolbar-group canvas-toolbar-files">
        <button
          type="button"
          className="small"
          onClick={() => fileInput.current?.click()}
        >
          Import BPMN…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".bpmn,.xml,application/xml,text/xml"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="BPMN file to import"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) props.onImport(file);
          }}
        />
        <button
          type="button"
          className="small"
          disabled={unpublished}
          title={
            unpublished
              ? 'Publish the playbook to export it as BPMN.'
              : 'Exports the published version.'
          }
          onClick={() => props.onExport('bpmn')}
        >
          Export BPMN
        </button>
        <button
          type="button"
          className="small"
          title={
            unpublished
              ? 'Exports the playbook as it is now.'
              : 'Exports the published version.'
          }
          onClick={() => props.onExport('json')}
        >
          Export JSON
        </button>
        <button
          type="button"
          className="primary small"
          disabled={Boolean(props.busy) || !state.issues.valid}
          title={
            state.issues.valid
              ? 'Publish a new version'
              : 'Fix the errors listed under Validation first.'
          }
          onClick={props.onPublish}
        >
          {props.busy === 'Publishing' ? 'Publishing…' : 'Publish'}
        </button>
      </div>
    </div>
  );
}
