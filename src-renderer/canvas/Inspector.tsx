import { useState } from 'react';
import { useStore } from 'zustand';
import { checkExpression } from '../../src-shared/feel/feel.ts';
import {
  segments,
  workKinds,
  type PlaybookEdge,
  type PlaybookNode,
} from '../../src-shared/playbooks/model.ts';
import { updateEdge, updateNode, updatePlaybook } from './edits.ts';
import { Checkbox, NumberInput, SelectInput, TextInput } from './fields.tsx';
import { FormEditor } from './FormEditor.tsx';
import { kindInfo } from './kinds.ts';
import {
  ApprovalSettings,
  BranchSettings,
  DeadlineSettings,
  FileRequestSettings,
  MilestoneSettings,
  WaitSettings,
  type NodePatch,
} from './StepSettings.tsx';
import type { CanvasStore } from './store.ts';

const keyPattern = /^[A-Za-z_][\w.-]*$/;

function KindSettings({
  node,
  onPatch,
}: {
  node: PlaybookNode;
  onPatch: NodePatch;
}) {
  switch (node.kind) {
    case 'form':
      return <FormEditor node={node} onPatch={onPatch} />;
    case 'fileRequest':
      return <FileRequestSettings node={node} onPatch={onPatch} />;
    case 'approval':
      return <ApprovalSettings node={node} onPatch={onPatch} />;
    case 'branch':
      return <BranchSettings node={node} onPatch={onPatch} />;
    case 'milestone':
      return <MilestoneSettings node={node} onPatch={onPatch} />;
    case 'wait':
      return <WaitSettings node={node} onPatch={onPatch} />;
    default:
      return null;
  }
}

function NodeInspector({
  store,
  node,
}: {
  store: CanvasStore;
  node: PlaybookNode;
}) {
  const publishedKeys = useStore(store, (state) => state.publishedKeys);
  const edges = useStore(store, (state) => state.doc.definition.edges);
  const [keyError, setKeyError] = useState<string>();
  const onPatch: NodePatch = (patch) =>
    store.getState().apply(updateNode(node.key, patch));
  const info = kindInfo[node.kind];
  const isWork = workKinds.includes(node.kind);
  const locked = publishedKeys.has(node.key);
  const renameTo = (key: string) => {
    const taken = store
      .getState()
      .doc.definition.nodes.some((other) => other.key === key);
    if (!keyPattern.test(key))
      setKeyError(
        'Start with a letter or _, then use letters, digits, _, . or -.',
      );
    else if (taken) setKeyError(`Another step already uses the key "${key}".`);
    else {
      setKeyError(undefined);
      onPatch({ key });
      store.getState().select({ nodes: [key], edges: [] });
    }
  };
  return (
    <>
      <h2 className="canvas-inspector-title">
        <span aria-hidden="true">{info.icon}</span> {info.label}
      </h2>
      <p className="field-hint">{info.description}</p>
      <TextInput
        label="Name"
        value={node.name}
        onCommit={(name) => onPatch({ name })}
      />
      <TextInput
        label="Key"
        value={node.key}
        mono
        readOnly={locked}
        error={keyError}
        hint={
          locked
            ? 'Published journeys refer to this key, so it cannot change.'
            : 'Used in conditions and exports.'
        }
        onCommit={renameTo}
      />
      {isWork && (
        <>
          <TextInput
            label="Role"
            value={node.role ?? ''}
            hint="Who owns the step, such as client or coordinator."
            onCommit={(role) => onPatch({ role: role || undefined })}
          />
          <NumberInput
            label="Due in days"
            min={0}
            value={node.dueInDays}
            hint="Days from ready to due; empty for no due date."
            onCommit={(dueInDays) => onPatch({ dueInDays })}
          />
        </>
      )}
      <TextInput
        label="Help"
        multiline
        value={node.help ?? ''}
        hint="Shown with the step."
        onCommit={(help) => onPatch({ help: help || undefined })}
      />
      <KindSettings node={node} onPatch={onPatch} />
      {isWork && (
        <DeadlineSettings
          node={node}
          onPatch={onPatch}
          outgoing={edges.filter((edge) => edge.from === node.key)}
        />
      )}
    </>
  );
}

/** A FEEL condition field that checks the expression on every keystroke. */
function ConditionInput({
  edge,
  onPatch,
}: {
  edge: PlaybookEdge;
  onPatch: (patch: Partial<PlaybookEdge>) => void;
}) {
  const [text, setText] = useState(edge.condition ?? '');
  const check = text.trim() ? checkExpression(text) : undefined;
  return (
    <>
      <TextInput
        label="Condition (FEEL)"
        value={edge.condition ?? ''}
        mono
        multiline
        placeholder="employees > 250 and handlesPaymentCards"
        error={check && !check.ok ? `Invalid FEEL: ${check.error}` : undefined}
        hint="The path is taken when the expression is true. Leave empty for no condition."
        onInput={setText}
        onCommit={(condition) =>
          onPatch({ condition: condition.trim() || undefined })
        }
      />
      {check && check.variables.length > 0 && (
        <p className="field-hint" aria-live="polite">
          Reads:{' '}
          {check.variables.map((name) => (
            <code key={name}>{name} </code>
          ))}
        </p>
      )}
    </>
  );
}

function EdgeInspector({
  store,
  edge,
}: {
  store: CanvasStore;
  edge: PlaybookEdge;
}) {
  const onPatch = (patch: Partial<PlaybookEdge>) =>
    store.getState().apply(updateEdge(edge.key, patch));
  return (
    <>
      <h2 className="canvas-inspector-title">Connection</h2>
      <p className="field-hint">
        From <code>{edge.from}</code> to <code>{edge.to}</code>
      </p>
      <TextInput
        label="Name"
        value={edge.name ?? ''}
        onCommit={(name) => onPatch({ name: name || undefined })}
      />
      <ConditionInput key={edge.key} edge={edge} onPatch={onPatch} />
      <Checkbox
        label="Default path"
        hint="Taken when no condition holds."
        checked={edge.isDefault ?? false}
        onChange={(on) => onPatch({ isDefault: on || undefined })}
      />
      <Checkbox
        label="On reject"
        hint="Taken when the step is rejected."
        checked={edge.onReject ?? false}
        onChange={(on) => onPatch({ onReject: on || undefined })}
      />
    </>
  );
}

function PlaybookInspector({ store }: { store: CanvasStore }) {
  const definition = useStore(store, (state) => state.doc.definition);
  const patch = (next: Parameters<typeof updatePlaybook>[0]) =>
    store.getState().apply(updatePlaybook(next));
  return (
    <>
      <h2 className="canvas-inspector-title">Playbook</h2>
      <p className="field-hint">Select a step or a connection to edit it.</p>
      <TextInput
        label="Name"
        value={definition.name}
        onCommit={(name) => name.trim() && patch({ name: name.trim() })}
      />
      <SelectInput
        label="Segment"
        value={definition.segment ?? ''}
        options={[
          { value: '', label: 'No segment' },
          ...segments.map((segment) => ({ value: segment, label: segment })),
        ]}
        onChange={(segment) => patch({ segment: segment || undefined })}
      />
      <TextInput
        label="Description"
        multiline
        value={definition.description ?? ''}
        onCommit={(description) =>
          patch({ description: description || undefined })
        }
      />
    </>
  );
}

/** The side panel that edits the selected step, connection or playbook. */
export function Inspector({ store }: { store: CanvasStore }) {
  const selection = useStore(store, (state) => state.selection);
  const definition = useStore(store, (state) => state.doc.definition);
  const single = selection.nodes.length + selection.edges.length === 1;
  const node = single
    ? definition.nodes.find((n) => n.key === selection.nodes[0])
    : undefined;
  const edge = single
    ? definition.edges.find((e) => e.key === selection.edges[0])
    : undefined;
  let body;
  if (node) body = <NodeInspector key={node.key} store={store} node={node} />;
  else if (edge)
    body = <EdgeInspector key={edge.key} store={store} edge={edge} />;
  else if (selection.nodes.length + selection.edges.length > 1)
    body = (
      <p className="muted">
        {selection.nodes.length} steps and {selection.edges.length} connections
        selected. Copy, delete or drag them together.
      </p>
    );
  else body = <PlaybookInspector store={store} />;
  return (
    <aside className="canvas-inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}
