import { EmbarkError } from '../errors.ts';
import {
  bpmnNamespace,
  createModdle,
  localType,
  stringProperty,
  type ModdleElement,
} from './moddle.ts';

/** One entry of the import report: what an element became, or why not. */
export interface ImportWarning {
  elementId: string;
  message: string;
}

export interface ParsedBpmn {
  xml: string;
  definitions: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  warnings: ImportWarning[];
}

/**
 * Parses BPMN 2.0 XML with bpmn-moddle and turns the problems that moddle
 * only warns about (duplicate ids, a foreign encoding, dangling flow
 * references) into BPMN_INVALID errors with line and column.
 */
export async function parseBpmn(text: string): Promise<ParsedBpmn> {
  const xml = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkIsXmlText(xml);
  checkEncoding(xml);
  checkRootElement(xml);
  const moddle = createModdle();
  let result;
  try {
    result = await moddle.fromXML(xml);
  } catch (error) {
    throw parseFailure(error);
  }
  const definitions = result.rootElement;
  const warnings = triageWarnings(xml, definitions, result.warnings);
  return { xml, definitions, elementsById: result.elementsById, warnings };
}

/** Line and column (1-based) of `offset` in `text`. */
export function positionAt(
  text: string,
  offset: number,
): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** ` (line N, column M)` of the element declaring `id`, or empty. */
export function elementPosition(xml: string, id: string): string {
  const match = new RegExp(`\\sid\\s*=\\s*["']${escapeRegExp(id)}["']`).exec(
    xml,
  );
  if (!match) return '';
  const start = xml.lastIndexOf('<', match.index);
  const { line, column } = positionAt(xml, start === -1 ? match.index : start);
  return ` (line ${line}, column ${column})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The first control character other than tab, line feed and carriage
 * return, none of which XML 1.0 allows anywhere in a document.
 */
function firstControlCharacter(
  xml: string,
): { index: number; code: number } | undefined {
  for (let index = 0; index < xml.length; index += 1) {
    const code = xml.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) {
      return { index, code };
    }
  }
  return undefined;
}

function checkIsXmlText(xml: string): void {
  const control = firstControlCharacter(xml);
  if (control) {
    const { line, column } = positionAt(xml, control.index);
    const code = control.code.toString(16).padStart(4, '0');
    throw new EmbarkError(
      'BPMN_INVALID',
      `The file is not XML: it contains the control character ` +
        `U+${code.toUpperCase()} at line ${line}, column ${column}, as ` +
        'binary files do. Choose the .bpmn file that your modeler saved.',
      { line, column },
    );
  }
  const start = xml.search(/\S/);
  if (start === -1) {
    throw new EmbarkError(
      'BPMN_INVALID',
      'The file is empty. Choose a BPMN 2.0 XML file.',
    );
  }
  if (xml[start] !== '<') {
    const excerpt = xml.slice(start, start + 30).split('\n')[0] ?? '';
    throw new EmbarkError(
      'BPMN_INVALID',
      `The file is not XML: it starts with "${excerpt}" where an XML ` +
        'document starts with "<". Choose a BPMN 2.0 XML file.',
    );
  }
}

function checkEncoding(xml: string): void {
  const declaration = /^\s*<\?xml\s[^>]*?\?>/.exec(xml)?.[0];
  const encoding = declaration
    ? /\sencoding\s*=\s*["']([^"']+)["']/.exec(declaration)?.[1]
    : undefined;
  if (!encoding || /^(utf-?8|us-ascii|ascii)$/i.test(encoding)) return;
  throw new EmbarkError(
    'BPMN_INVALID',
    `The file declares encoding ${encoding}, but Embark reads BPMN text ` +
      `as UTF-8 and cannot trust characters decoded from ${encoding}. ` +
      'Save the file as UTF-8 and import it again.',
    { encoding },
  );
}

function checkRootElement(xml: string): void {
  const root = /<(?![?!])([^\s/>]+)([^>]*)>/.exec(xml);
  if (!root) {
    throw new EmbarkError(
      'BPMN_INVALID',
      'The file has no XML root element. Choose a BPMN 2.0 XML file.',
    );
  }
  const [, qualifiedName = '', attributes = ''] = root;
  const colon = qualifiedName.indexOf(':');
  const prefix = colon === -1 ? '' : qualifiedName.slice(0, colon);
  const name = qualifiedName.slice(colon + 1);
  const declaration = prefix ? `xmlns:${escapeRegExp(prefix)}` : 'xmlns';
  const namespace = new RegExp(
    `\\s${declaration}\\s*=\\s*["']([^"']*)["']`,
  ).exec(attributes)?.[1];
  const { line, column } = positionAt(xml, root.index);
  const where = `at line ${line}, column ${column}`;
  if (namespace !== bpmnNamespace) {
    throw new EmbarkError(
      'BPMN_INVALID',
      `The root element <${qualifiedName}> ${where} is not in the BPMN 2.0 ` +
        `namespace ${bpmnNamespace}` +
        (namespace ? ` (it is in ${namespace})` : ' (it has no namespace)') +
        ', so this is not a BPMN 2.0 file. Export the model from your ' +
        'modeler as BPMN 2.0 XML.',
      { line, column },
    );
  }
  if (name !== 'definitions') {
    throw new EmbarkError(
      'BPMN_INVALID',
      `The root element is <${qualifiedName}> ${where}, but a BPMN 2.0 ` +
        'file starts with <definitions>. Export the whole model from your ' +
        'modeler as BPMN 2.0 XML.',
      { line, column },
    );
  }
}

/** Line, column and cause from a moddle message (its lines are 0-based). */
function moddleLocation(message: string): {
  line?: number;
  column?: number;
  cause: string;
} {
  const line = /\bline: (\d+)/.exec(message)?.[1];
  const column = /\bcolumn: (\d+)/.exec(message)?.[1];
  const cause = /nested error: (.*)$/s.exec(message)?.[1] ?? message;
  return {
    ...(line !== undefined ? { line: Number(line) + 1 } : {}),
    ...(column !== undefined ? { column: Number(column) + 1 } : {}),
    cause: cause.trim(),
  };
}

function describeLocation(location: { line?: number; column?: number }) {
  return location.line === undefined
    ? ''
    : ` at line ${location.line}, column ${location.column ?? 1}`;
}

function parseFailure(error: unknown): EmbarkError {
  const message = error instanceof Error ? error.message : String(error);
  const location = moddleLocation(message);
  return new EmbarkError(
    'BPMN_INVALID',
    `The file is not a readable BPMN 2.0 document: ${location.cause}` +
      `${describeLocation(location)}. Fix the XML or export the model ` +
      'again from your modeler.',
    { line: location.line, column: location.column },
  );
}

interface ModdleWarning {
  message: string;
  element?: ModdleElement;
  property?: string;
  value?: string;
}

const flowReferences = new Set([
  'bpmn:sourceRef',
  'bpmn:targetRef',
  'bpmn:attachedToRef',
  'sourceRef',
  'targetRef',
  'attachedToRef',
]);

function triageWarnings(
  xml: string,
  definitions: ModdleElement,
  moddleWarnings: readonly ModdleWarning[],
): ImportWarning[] {
  const definitionsId = stringProperty(definitions, 'id') ?? 'definitions';
  const warnings: ImportWarning[] = [];
  for (const warning of moddleWarnings) {
    const duplicate = /duplicate ID <([^>]*)>/.exec(warning.message);
    if (duplicate) throw duplicateId(duplicate[1] ?? '', warning.message);
    const illegal = /illegal ID <([^>]*)>/.exec(warning.message);
    if (illegal) throw illegalId(illegal[1] ?? '', warning.message);
    const unresolved = /unresolved reference <([^>]*)>/.exec(warning.message);
    if (unresolved) {
      const reference = unresolved[1] ?? '';
      warnings.push(
        unresolvedReference(xml, warning, reference, definitionsId),
      );
      continue;
    }
    if (/unsupported document encoding/.test(warning.message)) continue;
    const location = moddleLocation(warning.message);
    warnings.push({
      elementId: definitionsId,
      message:
        `Skipped content that is not BPMN 2.0${describeLocation(location)}: ` +
        `${location.cause}.`,
    });
  }
  return warnings;
}

function duplicateId(id: string, message: string): EmbarkError {
  const location = moddleLocation(message);
  return new EmbarkError(
    'BPMN_INVALID',
    `Duplicate id "${id}"${describeLocation(location)}: another element ` +
      'already has this id, but every element id in a BPMN file must be ' +
      'unique. Rename one of the elements.',
    { elementId: id, line: location.line, column: location.column },
  );
}

function illegalId(id: string, message: string): EmbarkError {
  const location = moddleLocation(message);
  return new EmbarkError(
    'BPMN_INVALID',
    `The id "${id}"${describeLocation(location)} is not a valid element ` +
      'id: it must start with a letter or _ and contain only letters, ' +
      'digits, _, - and . (ASCII). Rename the element.',
    { elementId: id, line: location.line, column: location.column },
  );
}

function unresolvedReference(
  xml: string,
  warning: ModdleWarning,
  target: string,
  definitionsId: string,
): ImportWarning {
  const element = warning.element;
  const elementId = element?.id ?? definitionsId;
  const property = warning.property ?? 'a reference';
  if (element && flowReferences.has(property)) {
    throw new EmbarkError(
      'BPMN_INVALID',
      `${localType(element)} ${elementId}${elementPosition(xml, elementId)} ` +
        `has ${property.replace(/^bpmn:/, '')}="${target}", but no element ` +
        `has the id ${target}. Point it at an existing element or remove it.`,
      { elementId, reference: target },
    );
  }
  return {
    elementId,
    message:
      `${element ? localType(element) : 'Element'} ${elementId} refers to ` +
      `${target} (${property.replace(/^bpmn:/, '')}), which does not ` +
      'exist; the reference is ignored.',
  };
}
