import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';

/** Namespace of the BPMN 2.0 semantic model (OMG, BPMN 2.0.2). */
export const bpmnNamespace = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** Namespace of Embark's extension elements in exported files. */
export const embarkNamespace = 'urn:embark:schema:bpmn:1';

/**
 * Moddle package for Embark's extension elements. Each element's body is
 * JSON: `embark:step` on a flow node, `embark:flow` on a sequence flow and
 * `embark:playbook` on the process.
 */
const embarkPackage = {
  name: 'Embark',
  uri: embarkNamespace,
  prefix: 'embark',
  xml: { tagAlias: 'lowerCase' },
  types: ['Step', 'Flow', 'Playbook'].map((name) => ({
    name,
    superClass: ['Element'],
    properties: [{ name: 'body', isBody: true, type: 'String' }],
  })),
};

export function createModdle(): BpmnModdle {
  return new BpmnModdle({ embark: embarkPackage });
}

export type { ModdleElement };

export function stringProperty(
  element: ModdleElement,
  property: string,
): string | undefined {
  const value = element[property];
  return typeof value === 'string' ? value : undefined;
}

export function listProperty(
  element: ModdleElement,
  property: string,
): ModdleElement[] {
  const value = element[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function refProperty(
  element: ModdleElement,
  property: string,
): ModdleElement | undefined {
  const value = element[property];
  return value !== null && typeof value === 'object'
    ? (value as ModdleElement)
    : undefined;
}

/** Local type name without the prefix: `bpmn:UserTask` gives `UserTask`. */
export function localType(element: ModdleElement): string {
  const colon = element.$type.indexOf(':');
  return colon === -1 ? element.$type : element.$type.slice(colon + 1);
}

/** Text of the element's `documentation` children, joined by blank lines. */
export function documentationText(element: ModdleElement): string | undefined {
  const texts = listProperty(element, 'documentation')
    .map((doc) => stringProperty(doc, 'text')?.trim() ?? '')
    .filter((text) => text.length > 0);
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}

export function extensionValues(element: ModdleElement): ModdleElement[] {
  const extensions = refProperty(element, 'extensionElements');
  return extensions ? listProperty(extensions, 'values') : [];
}

/**
 * Reads the JSON body of an Embark extension element (`Step`, `Flow` or
 * `Playbook`). Returns undefined when the element has none, and null when
 * its body is not a JSON object.
 */
export function readEmbarkData(
  element: ModdleElement,
  type: 'Step' | 'Flow' | 'Playbook',
): Record<string, unknown> | null | undefined {
  const extension = extensionValues(element).find(
    (value) => value.$type === `embark:${type}`,
  );
  const body = extension ? stringProperty(extension, 'body') : undefined;
  if (body === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(body);
    return data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Creates an Embark extension element whose body is `data` as JSON. */
export function createEmbarkData(
  moddle: BpmnModdle,
  type: 'Step' | 'Flow' | 'Playbook',
  data: Record<string, unknown>,
): ModdleElement {
  return moddle.create(`embark:${type}`, { body: JSON.stringify(data) });
}
