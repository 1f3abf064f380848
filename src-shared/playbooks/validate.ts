import { EmbarkError } from '../errors.ts';
import { compileForm } from '../forms/validate.ts';
import { checkExpression } from '../feel/feel.ts';
import { conditionOf, workStepKinds } from '../journeys/graph.ts';
import { normalizeInstant } from '../journeys/duration.ts';
import {
  playbookDefinitionSchema,
  type FormSpec,
  type NodeKind,
  type PlaybookDefinition,
  type PlaybookEdge,
  type PlaybookNode,
} from './model.ts';
import { checkGraph } from './validate-graph.ts';

export type PlaybookIssue = {
  nodeKey?: string;
  edgeKey?: string;
  message: string;
};

export type PlaybookValidation = {
  valid: boolean;
  errors: PlaybookIssue[];
  warnings: PlaybookIssue[];
};

/**
 * Checks a playbook definition: its shape, then its graph and each node's
 * settings. Every message names the node or edge and says how to fix it.
 */
export type ValidationOptions = {
  /**
   * Compile every form's JSON Schema (default true). Ajv generates code to
   * compile, which a page whose Content Security Policy forbids eval cannot
   * run, so the renderer turns this off and the back end checks the forms
   * when the playbook is published.
   */
  compileForms?: boolean;
};

export function validatePlaybook(
  def: unknown,
  options: ValidationOptions = {},
): PlaybookValidation {
  const parsed = playbookDefinitionSchema.safeParse(def);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) =>
      shapeIssue(def, issue.path, issue.message),
    );
    return { valid: false, errors, warnings: [] };
  }
  const playbook = parsed.data;
  const errors: PlaybookIssue[] = [];
  const warnings: PlaybookIssue[] = [];
  checkDuplicates(playbook, errors);
  checkGraph(playbook, errors, warnings);
  for (const node of playbook.nodes) {
    checkNodeSettings(playbook, node, errors, options.compileForms !== false);
  }
  for (const edge of playbook.edges) checkEdge(playbook, edge, errors);
  return { valid: errors.length === 0, errors, warnings };
}

/** Names a node in messages: its name and key, or the key alone. */
export function nodeLabel(node: PlaybookNode): string {
  return node.name && node.name !== node.key
    ? `"${node.name}" (${node.key})`
    : `"${node.key}"`;
}

function shapeIssue(
  def: unknown,
  path: PropertyKey[],
  message: string,
): PlaybookIssue {
  const where = path.length === 0 ? 'playbook' : path.map(String).join('.');
  const issue: PlaybookIssue = {
    message: `${where}: ${message}; fix this field in the playbook.`,
  };
  if (path[0] === 'nodes' && typeof path[1] === 'number') {
    const key = keyAt(def, 'nodes', path[1]);
    if (key !== undefined) issue.nodeKey = key;
  }
  if (path[0] === 'edges' && typeof path[1] === 'number') {
    const key = keyAt(def, 'edges', path[1]);
    if (key !== undefined) issue.edgeKey = key;
  }
  return issue;
}

function keyAt(
  def: unknown,
  list: 'nodes' | 'edges',
  index: number,
): string | undefined {
  if (def === null || typeof def !== 'object') return undefined;
  const items = (def as Record<string, unknown>)[list];
  if (!Array.isArray(items)) return undefined;
  const item: unknown = items[index];
  if (item === null || typeof item !== 'object') return undefined;
  const key = (item as Record<string, unknown>).key;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

function checkDuplicates(
  playbook: PlaybookDefinition,
  errors: PlaybookIssue[],
): void {
  const nodeKeys = new Set<string>();
  for (const node of playbook.nodes) {
    if (nodeKeys.has(node.key)) {
      errors.push({
        nodeKey: node.key,
        message: `Node key "${node.key}" is used by more than one node; give each node its own key.`,
      });
    }
    nodeKeys.add(node.key);
  }
  const edgeKeys = new Set<string>();
  for (const edge of playbook.edges) {
    if (edgeKeys.has(edge.key)) {
      errors.push({
        edgeKey: edge.key,
        message: `Edge key "${edge.key}" is used by more than one edge; give each edge its own key.`,
      });
    }
    edgeKeys.add(edge.key);
  }
}

/** Compiles a form's JSON Schema so a broken one fails before publishing. */
function checkFormSchema(form: FormSpec, add: (message: string) => void): void {
  try {
    compileForm(form);
  } catch (error) {
    if (!(error instanceof EmbarkError)) throw error;
    add(`has a form schema that cannot be used: ${error.message}`);
  }
}

function checkNodeSettings(
  playbook: PlaybookDefinition,
  node: PlaybookNode,
  errors: PlaybookIssue[],
  compileForms: boolean,
): void {
  const add = (message: string): void => {
    errors.push({
      nodeKey: node.key,
      message: `${describeKind(node)} ${message}`,
    });
  };
  if (workStepKinds.includes(node.kind) && !node.role) {
    add('has a missing assignee: set its role to the role that owns the step.');
  }
  if (node.kind === 'form' && !node.form)
    add(
      'has no form schema; add form.schema with the JSON Schema of its answers.',
    );
  if (node.form && compileForms) checkFormSchema(node.form, add);
  if (node.kind === 'fileRequest') checkSlots(node, add);
  if (node.kind === 'approval') checkApproval(node, add);
  if (node.kind === 'wait') checkWait(node, add);
  if (node.deadline) {
    const edge = playbook.edges.find(
      (entry) => entry.key === node.deadline?.edge,
    );
    if (!edge || edge.from !== node.key) {
      add(
        `has a deadline edge "${node.deadline.edge}" that does not leave this node; point deadline.edge at one of its outgoing edges.`,
      );
    }
  }
}

function checkSlots(node: PlaybookNode, add: (message: string) => void): void {
  const slots = node.slots ?? [];
  if (slots.length === 0) {
    add(
      'has no slots; add at least one named slot for the documents it requests.',
    );
    return;
  }
  const seen = new Set<string>();
  for (const slot of slots) {
    if (seen.has(slot.name))
      add(
        `has more than one slot named "${slot.name}"; give each slot its own name.`,
      );
    seen.add(slot.name);
  }
}

function checkApproval(
  node: PlaybookNode,
  add: (message: string) => void,
): void {
  const spec = node.approval;
  if (!spec) {
    add(
      'has no approval spec; add approval with a mode and the approver roles.',
    );
    return;
  }
  if (spec.mode !== 'nOfM') return;
  if (spec.required === undefined || spec.required > spec.approvers.length) {
    add(
      `needs approval.required between 1 and ${spec.approvers.length} (the number of approvers) for mode nOfM.`,
    );
  }
}

function checkWait(node: PlaybookNode, add: (message: string) => void): void {
  const wait = node.wait;
  if (!wait?.duration && !wait?.until) {
    add(
      'has neither a duration nor an until date; set wait.duration (such as P2D) or wait.until.',
    );
    return;
  }
  if (wait.until && !wait.duration) {
    try {
      normalizeInstant(wait.until);
    } catch {
      add(
        `has wait.until "${wait.until}", which is not an ISO date or date-time; write it like 2024-05-01.`,
      );
    }
  }
}

function checkEdge(
  playbook: PlaybookDefinition,
  edge: PlaybookEdge,
  errors: PlaybookIssue[],
): void {
  const source = playbook.nodes.find((node) => node.key === edge.from);
  if (
    edge.onReject &&
    source &&
    source.kind !== 'approval' &&
    source.kind !== 'fileRequest'
  ) {
    errors.push({
      edgeKey: edge.key,
      nodeKey: source.key,
      message: `Edge "${edge.key}" is marked onReject but leaves ${describeKind(source)}; only approvals and file requests can be rejected, so remove onReject.`,
    });
  }
  const condition = conditionOf(edge);
  if (condition === undefined) return;
  const check = checkExpression(condition);
  if (!check.ok) {
    errors.push({
      edgeKey: edge.key,
      message: `Edge "${edge.key}" has condition "${condition}", which is not valid FEEL (${check.error}); correct it, for example riskTier = "high".`,
    });
  }
}

const kindLabels: Record<NodeKind, string> = {
  start: 'Start',
  end: 'End',
  task: 'Task',
  form: 'Form',
  fileRequest: 'File request',
  approval: 'Approval',
  milestone: 'Milestone',
  branch: 'Branch',
  fork: 'Fork',
  join: 'Join',
  wait: 'Wait',
};

/** Names a node in messages with its kind, such as `Form "Intake" (intake)`. */
export function describeKind(node: PlaybookNode): string {
  return `${kindLabels[node.kind]} ${nodeLabel(node)}`;
}
