import type { PlaybookDefinition } from '../../src-shared/playbooks/model.ts';
import {
  validatePlaybook,
  type PlaybookIssue,
  type PlaybookValidation,
} from '../../src-shared/playbooks/validate.ts';

export interface CanvasIssue extends PlaybookIssue {
  severity: 'error' | 'warning';
}

/** Validation results of a definition, looked up by node and edge key. */
export interface CanvasIssues {
  valid: boolean;
  all: CanvasIssue[];
  byNode: Map<string, CanvasIssue[]>;
  byEdge: Map<string, CanvasIssue[]>;
}

function push(
  map: Map<string, CanvasIssue[]>,
  key: string,
  issue: CanvasIssue,
) {
  const list = map.get(key);
  if (list) list.push(issue);
  else map.set(key, [issue]);
}

/**
 * Validates in the window without compiling form schemas: the page's
 * Content Security Policy forbids the code Ajv generates. Publishing runs
 * the full check, forms included, on the back end.
 */
function validateHere(def: PlaybookDefinition): PlaybookValidation {
  return validatePlaybook(def, { compileForms: false });
}

export function collectIssues(def: PlaybookDefinition): CanvasIssues {
  const result = validateHere(def);
  const all: CanvasIssue[] = [
    ...result.errors.map((issue) => ({ ...issue, severity: 'error' as const })),
    ...result.warnings.map((issue) => ({
      ...issue,
      severity: 'warning' as const,
    })),
  ];
  const byNode = new Map<string, CanvasIssue[]>();
  const byEdge = new Map<string, CanvasIssue[]>();
  for (const issue of all) {
    if (issue.nodeKey !== undefined) push(byNode, issue.nodeKey, issue);
    if (issue.edgeKey !== undefined) push(byEdge, issue.edgeKey, issue);
  }
  return { valid: result.valid, all, byNode, byEdge };
}
