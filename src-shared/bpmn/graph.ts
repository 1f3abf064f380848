import { Draft, type DraftEdge, type DraftNode } from './draft.ts';

const gatewayKinds = new Set(['branch', 'fork', 'join']);

/** Keys of the nodes reachable from `startKey` along edges. */
export function reachableFrom(draft: Draft, startKey: string): Set<string> {
  const seen = new Set<string>([startKey]);
  const queue = [startKey];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    for (const edge of draft.outgoing(key)) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}

/**
 * Removes the nodes that the start cannot reach and reports each BPMN
 * element once, with the reason from `reasons` (by element id) when known.
 */
export function dropUnreachable(
  draft: Draft,
  startKey: string,
  reasons: ReadonlyMap<string, string>,
): void {
  const reachable = reachableFrom(draft, startKey);
  const kept = new Set(
    [...draft.nodes.values()]
      .filter((node) => reachable.has(node.key))
      .map((node) => node.elementId),
  );
  const reported = new Set<string>();
  for (const node of [...draft.nodes.values()]) {
    if (reachable.has(node.key)) continue;
    draft.removeNode(node.key);
    if (reported.has(node.elementId) || kept.has(node.elementId)) continue;
    reported.add(node.elementId);
    // What the element would have become no longer applies.
    draft.warnings.splice(
      0,
      draft.warnings.length,
      ...draft.warnings.filter((w) => w.elementId !== node.elementId),
    );
    draft.warn(
      node.elementId,
      `${node.elementId} is not imported: ` +
        (reasons.get(node.elementId) ??
          'it is not connected to the main flow from the start event'),
    );
  }
}

/** Removes pass-through nodes by joining their incoming and outgoing edges. */
export function contractPassThroughs(draft: Draft): void {
  for (let round = 0; round < draft.nodes.size * 4 + 4; round += 1) {
    const pass = [...draft.nodes.values()].find((node) => node.passThrough);
    if (!pass) return;
    contractOne(draft, pass);
  }
}

function contractOne(draft: Draft, pass: DraftNode): void {
  const incoming = draft.incoming(pass.key).filter((e) => e.from !== pass.key);
  const outgoing = draft.outgoing(pass.key).filter((e) => e.to !== pass.key);
  const [single] = outgoing;
  if (outgoing.length === 0) {
    pass.kind = 'end';
    delete pass.passThrough;
    return;
  }
  if (single && outgoing.length === 1) {
    bypassTo(draft, pass, incoming, single);
    return;
  }
  const [only] = incoming;
  if (only && incoming.length === 1 && isPlainSequence(draft, only)) {
    for (const edge of outgoing) edge.from = only.from;
    draft.removeEdge(only);
    draft.removeNode(pass.key);
    return;
  }
  const conditional = outgoing.some((edge) => edge.condition !== undefined);
  pass.kind = conditional ? 'branch' : 'fork';
  if (conditional) pass.branch = { mode: 'inclusive' };
  delete pass.passThrough;
  draft.warn(
    pass.elementId,
    `${pass.elementId} has ${outgoing.length} outgoing flows: imported as ` +
      (conditional ? 'an inclusive branch' : 'a fork') +
      ` (${pass.key}) that takes ` +
      (conditional ? 'each flow whose condition holds' : 'all of them'),
  );
}

/** Points each incoming edge at the target of the single outgoing edge. */
function bypassTo(
  draft: Draft,
  pass: DraftNode,
  incoming: DraftEdge[],
  outgoing: DraftEdge,
): void {
  const [only] = incoming;
  if (only && incoming.length === 1 && only.synthetic && !outgoing.synthetic) {
    outgoing.from = only.from;
    outgoing.condition ??= only.condition;
    if (only.isDefault) outgoing.isDefault = true;
    if (only.onReject) outgoing.onReject = true;
    renameDeadlineEdge(draft, only.key, outgoing.key);
    draft.removeEdge(only);
  } else {
    for (const edge of incoming) {
      edge.to = outgoing.to;
      edge.name ??= outgoing.name;
    }
    if (outgoing.condition !== undefined) {
      draft.warn(
        outgoing.elementId,
        `The condition of ${outgoing.elementId} is dropped: it leaves an ` +
          'element that the import removes, and a flow without a choice ' +
          'needs no condition',
      );
    }
    draft.removeEdge(outgoing);
  }
  draft.removeNode(pass.key);
}

function renameDeadlineEdge(draft: Draft, from: string, to: string): void {
  for (const node of draft.nodes.values()) {
    if (node.deadline?.edge === from) node.deadline.edge = to;
  }
}

/** An edge that is the only normal way out of a node that makes no choice. */
function isPlainSequence(draft: Draft, edge: DraftEdge): boolean {
  const source = draft.nodes.get(edge.from);
  return (
    edge.condition === undefined &&
    !edge.isDefault &&
    !edge.onReject &&
    source !== undefined &&
    source.deadline?.edge !== edge.key &&
    draft.normalOutgoing(source.key).length === 1
  );
}

/**
 * Adds an end after every imported node whose path stops without an end
 * event, since BPMN ends a path where an element has no outgoing flow.
 */
export function addImplicitEnds(draft: Draft): void {
  for (const node of [...draft.nodes.values()]) {
    if (node.exact || node.kind === 'end') continue;
    if (draft.normalOutgoing(node.key).length > 0) continue;
    const endKey = draft.uniqueKey(`${node.key}__end`);
    draft.addNode({
      key: endKey,
      kind: 'end',
      name: '',
      elementId: node.elementId,
    });
    draft.addEdge({
      key: draft.uniqueKey(`${node.key}__to_end`),
      from: node.key,
      to: endKey,
      elementId: node.elementId,
      synthetic: true,
    });
    draft.warn(
      node.elementId,
      `${node.elementId} has no outgoing flow: an end (${endKey}) is added ` +
        'after it, because BPMN ends the path there',
    );
  }
}

/**
 * Puts a fork or an inclusive branch after every step with several
 * outgoing flows: BPMN takes all of them, or those whose condition holds,
 * while a playbook step has one way out.
 */
export function addImplicitSplits(draft: Draft): void {
  for (const node of [...draft.nodes.values()]) {
    if (node.exact || gatewayKinds.has(node.kind)) continue;
    const outgoing = draft.normalOutgoing(node.key);
    if (outgoing.length < 2) continue;
    const conditional = outgoing.some((edge) => edge.condition !== undefined);
    const splitKey = draft.uniqueKey(`${node.key}__split`);
    draft.addNode({
      key: splitKey,
      kind: conditional ? 'branch' : 'fork',
      name: '',
      elementId: node.elementId,
      ...(conditional ? { branch: { mode: 'inclusive' as const } } : {}),
    });
    for (const edge of outgoing) edge.from = splitKey;
    draft.addEdge({
      key: draft.uniqueKey(`${node.key}__to_split`),
      from: node.key,
      to: splitKey,
      elementId: node.elementId,
      synthetic: true,
    });
    draft.warn(
      node.elementId,
      `${node.elementId} has ${outgoing.length} outgoing flows: ` +
        (conditional ? 'an inclusive branch' : 'a fork') +
        ` (${splitKey}) is added after it, which takes ` +
        (conditional ? 'each flow whose condition holds' : 'all of them') +
        ' as BPMN does',
    );
  }
}

/** Drops conditions from edges leaving forks, which take every edge. */
export function dropForkConditions(draft: Draft): void {
  for (const edge of draft.edges) {
    const source = draft.nodes.get(edge.from);
    if (source?.kind !== 'fork' || edge.condition === undefined) continue;
    draft.warn(
      edge.elementId,
      `The condition of ${edge.elementId} is dropped: it leaves a parallel ` +
        'gateway, which takes every outgoing flow',
    );
    delete edge.condition;
  }
}

const keyPattern = /^[A-Za-z_][\w.-]*$/;

/** Rewrites node keys that the playbook key pattern rejects. */
export function sanitizeKeys(draft: Draft): void {
  for (const node of [...draft.nodes.values()]) {
    if (keyPattern.test(node.key)) continue;
    let base = node.key.replace(/[^\w.-]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    const key = draft.uniqueKey(base);
    draft.nodes.delete(node.key);
    for (const edge of draft.edges) {
      if (edge.from === node.key) edge.from = key;
      if (edge.to === node.key) edge.to = key;
    }
    draft.warn(
      node.elementId,
      `The id ${node.key} is not a valid step key (letters, digits, _, . ` +
        `and -, starting with a letter or _): the step key is ${key}`,
    );
    node.key = key;
    draft.nodes.set(key, node);
  }
}

/**
 * Puts an exclusive branch after each step that has alternative paths from
 * boundary events: each alternative is taken when its variable is true,
 * and the step's normal flow is the default.
 */
export function insertOutcomeBranches(draft: Draft): void {
  const sources = new Set(
    draft.edges.filter((edge) => edge.alternative).map((edge) => edge.from),
  );
  for (const key of sources) {
    const node = draft.nodes.get(key);
    if (!node) continue;
    const branchKey = draft.uniqueKey(`${key}__outcome`);
    draft.addNode({
      key: branchKey,
      kind: 'branch',
      name: '',
      branch: { mode: 'exclusive' },
      elementId: node.elementId,
    });
    const normal = draft.normalOutgoing(key);
    for (const edge of normal) edge.from = branchKey;
    const [single] = normal;
    if (single && normal.length === 1) single.isDefault = true;
    for (const edge of draft.outgoing(key)) {
      if (!edge.alternative) continue;
      edge.from = branchKey;
      edge.condition = `${edge.alternative} = true`;
      delete edge.alternative;
    }
    draft.addEdge({
      key: draft.uniqueKey(`${key}__to_outcome`),
      from: key,
      to: branchKey,
      elementId: node.elementId,
      synthetic: true,
    });
  }
}

/**
 * Gives the unconditioned, non-default edges of a branch a condition, as
 * a playbook branch needs: `true` on an inclusive branch (BPMN always
 * takes such a flow), the default flag on the only such edge of an
 * exclusive branch, else a variable named after the edge.
 */
export function completeBranchConditions(draft: Draft): void {
  for (const node of draft.nodes.values()) {
    if (node.exact || node.kind !== 'branch') continue;
    const outgoing = draft.normalOutgoing(node.key);
    const open = outgoing.filter(
      (edge) => edge.condition === undefined && !edge.isDefault,
    );
    if (outgoing.length < 2 || open.length === 0) continue;
    const [single] = open;
    const hasDefault = outgoing.some((edge) => edge.isDefault);
    for (const edge of open) {
      if (node.branch?.mode === 'inclusive') {
        edge.condition = 'true';
      } else if (single && open.length === 1 && !hasDefault) {
        edge.isDefault = true;
      } else {
        edge.condition = `${feelVariable(edge.key)} = true`;
      }
      draft.warn(
        edge.elementId,
        `Sequence flow ${edge.elementId} leaves ${node.elementId} without ` +
          'a condition: ' +
          (edge.isDefault
            ? 'imported as the default edge'
            : `imported with the condition ${edge.condition}`),
      );
    }
  }
}

function feelVariable(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}
