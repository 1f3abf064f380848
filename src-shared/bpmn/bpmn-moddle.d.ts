/**
 * Minimal typings for bpmn-moddle 10.3, which ships element types under
 * `bpmn-moddle/types` but none for the `BpmnModdle` class itself.
 */
declare module 'bpmn-moddle' {
  /** A parsed or created model element; properties depend on `$type`. */
  export interface ModdleElement {
    $type: string;
    /** Attributes from namespaces moddle has no package for. */
    $attrs?: Record<string, string>;
    $parent?: ModdleElement;
    /** Text content of a generic (unknown) extension element. */
    $body?: string;
    id?: string;
    [property: string]: unknown;
  }

  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: string;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: ParseWarning[];
    elementsById: Record<string, ModdleElement>;
    references: unknown[];
  }

  export interface ModdlePackage {
    name: string;
    uri: string;
    prefix: string;
    xml?: { tagAlias?: string };
    types: unknown[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, ModdlePackage>);
    /** Rejects with an Error whose `warnings` lists what was read so far. */
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    toXML(
      element: ModdleElement,
      options?: { format?: boolean; preamble?: boolean },
    ): Promise<{ xml: string }>;
    create(type: string, properties?: Record<string, unknown>): ModdleElement;
  }
}
