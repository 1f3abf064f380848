import { EmbarkError } from '../errors.ts';
import {
  playbookDefinitionSchema,
  segmentSchema,
  type PlaybookDefinition,
  type Segment,
} from '../playbooks/model.ts';
import { mapBoundaryEvent } from './boundary.ts';
import { Draft } from './draft.ts';
import { addFlowEdge } from './flows.ts';
import { eventDefinitionTypes } from './elements.ts';
import {
  addImplicitEnds,
  addImplicitSplits,
  completeBranchConditions,
  contractPassThroughs,
  dropForkConditions,
  dropUnreachable,
  insertOutcomeBranches,
  sanitizeKeys,
} from './graph.ts';
import {
  documentationText,
  readEmbarkData,
  stringProperty,
  type ModdleElement,
} from './moddle.ts';
import { elementPosition, parseBpmn, type ImportWarning } from './parse.ts';
import { assignRoles } from './roles.ts';
import { checkBoundaryEvents, selectProcess } from './select.ts';
import {
  walkProcess,
  wireFlattened,
  wireLinks,
  type ProcessWalk,
} from './walk.ts';

export { decodeBpmnBytes } from './decode.ts';
export { defaultImportRole } from './roles.ts';
export type { ImportWarning } from './parse.ts';

export interface BpmnImportOptions {
  /** Id of the process to import when the file has several pools. */
  processId?: string;
  segment?: Segment;
}

export interface BpmnImportResult {
  definition: PlaybookDefinition;
  /** Every element without an exact equivalent, and what it became. */
  warnings: ImportWarning[];
}

/**
 * Maps a BPMN 2.0 process onto a playbook definition. Step keys are the
 * element ids; elements without an exact equivalent are imported as the
 * nearest kind and listed in `warnings`. Rejects with BPMN_INVALID when the
 * text is not BPMN 2.0 XML or the model cannot be read safely.
 */
export async function importBpmn(
  xml: string,
  options: BpmnImportOptions = {},
): Promise<BpmnImportResult> {
  const parsed = await parseBpmn(xml);
  const { definitions } = parsed;
  checkBoundaryEvents(definitions, parsed.xml);
  const { process, warnings } = selectProcess(definitions, options.processId);
  const draft = new Draft(new Set(Object.keys(parsed.elementsById)));
  draft.warnings.push(...parsed.warnings, ...warnings);

  const walk = walkProcess(process, draft);
  const start = chooseStart(walk, process, parsed.xml);
  const dropReasons = new Map<string, string>();
  for (const other of walk.starts) {
    if (other === start) continue;
    dropReasons.set(
      other.id ?? '',
      `a playbook has one start, and the import starts at ${start.id}`,
    );
  }
  for (const boundary of walk.boundaries) {
    mapBoundaryEvent(boundary, {
      draft,
      endpoints: walk.endpoints,
      flowsFrom: walk.flowsFrom,
      dropReasons,
    });
  }
  for (const flow of walk.flows) addFlowEdge(draft, walk.endpoints, flow);
  wireFlattened(draft, walk);
  wireLinks(draft, walk);
  dropForkConditions(draft);

  const startKey = walk.endpoints.entry.get(start.id ?? '') ?? '';
  dropUnreachable(draft, startKey, propagateReasons(draft, walk, dropReasons));
  contractPassThroughs(draft);
  addImplicitEnds(draft);
  addImplicitSplits(draft);
  insertOutcomeBranches(draft);
  completeBranchConditions(draft);
  assignRoles(process, draft, walk.parentOf);
  sanitizeKeys(draft);
  return {
    definition: toDefinition(draft, process, definitions, options),
    warnings: draft.warnings,
  };
}

/** The start event to import: untriggered and connected ones first. */
function chooseStart(
  walk: ProcessWalk,
  process: ModdleElement,
  xml: string,
): ModdleElement {
  const connected = walk.starts.filter(
    (start) => (walk.flowsFrom.get(start.id ?? '') ?? []).length > 0,
  );
  const start =
    connected.find((event) => eventDefinitionTypes(event).length === 0) ??
    connected[0];
  if (!start) {
    const id = process.id ?? '';
    const starts = walk.starts.map((event) => event.id).join(', ');
    throw new EmbarkError(
      'BPMN_INVALID',
      `Process ${id}${elementPosition(xml, id)} has no start event with ` +
        'an outgoing sequence flow, so no step can start' +
        (starts
          ? ` (its start events ${starts} are connected to nothing)`
          : ' (it has no start event)') +
        '. Connect a start event to the first step.',
      { elementId: id },
    );
  }
  return start;
}

/**
 * Extends the reasons for dropped paths to every element behind them, so
 * that the report says why each one is missing.
 */
function propagateReasons(
  draft: Draft,
  walk: ProcessWalk,
  reasons: Map<string, string>,
): Map<string, string> {
  const result = new Map(reasons);
  for (const [elementId, reason] of reasons) {
    const queue = [walk.endpoints.entry.get(elementId) ?? elementId];
    const seen = new Set(queue);
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      const node = draft.nodes.get(key);
      if (node && !result.has(node.elementId)) {
        result.set(node.elementId, reason);
      }
      for (const edge of draft.outgoing(key)) {
        if (seen.has(edge.to)) continue;
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return result;
}

function toDefinition(
  draft: Draft,
  process: ModdleElement,
  definitions: ModdleElement,
  options: BpmnImportOptions,
): PlaybookDefinition {
  const playbookData = readEmbarkData(process, 'Playbook');
  const storedSegment = segmentSchema.safeParse(playbookData?.segment);
  const segment =
    options.segment ?? (storedSegment.success ? storedSegment.data : undefined);
  const description = documentationText(process);
  const name = [
    stringProperty(process, 'name'),
    stringProperty(definitions, 'name'),
    process.id,
  ]
    .map((candidate) => candidate?.replace(/\s+/g, ' ').trim())
    .find((candidate) => candidate);
  const candidate = {
    name: name ?? 'Imported playbook',
    ...(segment ? { segment } : {}),
    ...(description ? { description } : {}),
    nodes: [...draft.nodes.values()].map(
      ({ elementId: _e, passThrough: _p, exact: _x, ...node }) => node,
    ),
    edges: draft.edges.map(({ elementId: _e, synthetic: _s, ...edge }) => edge),
  };
  const result = playbookDefinitionSchema.safeParse(candidate);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EmbarkError(
      'BPMN_INVALID',
      `The process ${process.id} maps to an invalid playbook: ` +
        `${issue?.path.join('.')} ${issue?.message}. Simplify the element ` +
        'named there and import again.',
      { issues: result.error.issues },
    );
  }
  return result.data;
}
