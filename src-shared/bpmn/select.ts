import { EmbarkError } from '../errors.ts';
import {
  listProperty,
  localType,
  refProperty,
  stringProperty,
  type ModdleElement,
} from './moddle.ts';
import { elementPosition, type ImportWarning } from './parse.ts';

/** Flow nodes directly in a process or sub-process (not sequence flows). */
export function flowNodes(container: ModdleElement): ModdleElement[] {
  return listProperty(container, 'flowElements').filter((element) => {
    const type = localType(element);
    return (
      type !== 'SequenceFlow' &&
      !type.startsWith('Data') &&
      type !== 'BoundaryEvent'
    );
  });
}

/** Every flow element of a container and of the sub-processes inside it. */
export function allFlowElements(container: ModdleElement): ModdleElement[] {
  return listProperty(container, 'flowElements').flatMap((element) => [
    element,
    ...allFlowElements(element),
  ]);
}

export function processesOf(definitions: ModdleElement): ModdleElement[] {
  return listProperty(definitions, 'rootElements').filter(
    (element) => element.$type === 'bpmn:Process',
  );
}

/**
 * Rejects a boundary event that is attached to nothing: bpmn-moddle reads
 * it without complaint, but it has no step to belong to.
 */
export function checkBoundaryEvents(
  definitions: ModdleElement,
  xml: string,
): void {
  for (const process of processesOf(definitions)) {
    for (const element of allFlowElements(process)) {
      if (element.$type !== 'bpmn:BoundaryEvent') continue;
      if (refProperty(element, 'attachedToRef')) continue;
      const id = element.id ?? '';
      throw new EmbarkError(
        'BPMN_INVALID',
        `Boundary event ${id}${elementPosition(xml, id)} is attached to no ` +
          'activity (it has no attachedToRef). Attach it to the task it ' +
          'belongs to, or remove it.',
        { elementId: id },
      );
    }
  }
}

export interface ProcessSelection {
  process: ModdleElement;
  warnings: ImportWarning[];
}

/**
 * Picks the process to import: the requested one, else the only executable
 * process with flow nodes, else the process with the most flow nodes.
 */
export function selectProcess(
  definitions: ModdleElement,
  processId: string | undefined,
): ProcessSelection {
  const processes = processesOf(definitions);
  if (processes.length === 0) {
    throw new EmbarkError(
      'BPMN_INVALID',
      'The file contains no process, so there is nothing to import. ' +
        'Model the flow as a process (a pool with a start event and ' +
        'steps) and export it again.',
    );
  }
  const process = processId
    ? requestedProcess(processes, processId)
    : defaultProcess(processes);
  const warnings = processes
    .filter((other) => other !== process && flowNodes(other).length > 0)
    .map((other) => ({
      elementId: other.id ?? '',
      message:
        `Process ${describeProcess(other)} is not imported: the file has ` +
        `several processes and the import uses ${describeProcess(process)}. ` +
        `Choose ${other.id} as the process to import it instead.`,
    }));
  warnings.push(...messageFlowWarnings(definitions));
  return { process, warnings };
}

function describeProcess(process: ModdleElement): string {
  const name = stringProperty(process, 'name');
  return name
    ? `${process.id} (${name.replace(/\s+/g, ' ')})`
    : `${process.id}`;
}

function requestedProcess(
  processes: ModdleElement[],
  processId: string,
): ModdleElement {
  const process = processes.find((candidate) => candidate.id === processId);
  const available = processes.map((candidate) => candidate.id).join(', ');
  if (!process) {
    throw new EmbarkError(
      'BPMN_INVALID',
      `The file has no process with the id ${processId}. Choose one of: ` +
        `${available}.`,
      { processId, available: processes.map((candidate) => candidate.id) },
    );
  }
  if (flowNodes(process).length === 0) {
    throw new EmbarkError(
      'BPMN_INVALID',
      `Process ${processId} has no flow nodes to import. Choose one of: ` +
        `${available}.`,
      { processId },
    );
  }
  return process;
}

function defaultProcess(processes: ModdleElement[]): ModdleElement {
  const withNodes = processes.filter(
    (process) => flowNodes(process).length > 0,
  );
  if (withNodes.length === 0) {
    throw new EmbarkError(
      'BPMN_INVALID',
      `The file has no process with flow nodes (processes: ` +
        `${processes.map((process) => process.id).join(', ')}), so there ` +
        'is nothing to import. Add a start event and steps to the process.',
    );
  }
  const executable = withNodes.filter(
    (process) => process.isExecutable === true,
  );
  const [onlyExecutable] = executable;
  if (onlyExecutable && executable.length === 1) return onlyExecutable;
  const candidates = executable.length > 1 ? executable : withNodes;
  return candidates.reduce((best, process) =>
    flowNodes(process).length > flowNodes(best).length ? process : best,
  );
}

function messageFlowWarnings(definitions: ModdleElement): ImportWarning[] {
  return listProperty(definitions, 'rootElements')
    .filter((element) => element.$type === 'bpmn:Collaboration')
    .flatMap((collaboration) => listProperty(collaboration, 'messageFlows'))
    .map((flow) => {
      const source = refProperty(flow, 'sourceRef')?.id ?? '?';
      const target = refProperty(flow, 'targetRef')?.id ?? '?';
      return {
        elementId: flow.id ?? '',
        message:
          `Message flow ${flow.id} from ${source} to ${target} is not ` +
          'imported: Embark runs one pool, and a person marks a message ' +
          'as received',
      };
    });
}
