import { checkExpression } from '../../src-shared/feel/feel.ts';
import { riskTiers, segments } from '../../src-shared/playbooks/model.ts';
import { checkUnaryTestSyntax } from '../../src-shared/segments/compile.ts';
import type {
  DecisionTable,
  SegmentRules,
} from '../../src-shared/segments/table.ts';

export type TableKey = keyof SegmentRules;

export const tableTitles: Record<TableKey, string> = {
  segment: 'Segment table',
  risk: 'Risk table',
};

/** The results each table may give, in the order the select lists them. */
export const tableResults: Record<TableKey, readonly string[]> = {
  segment: segments,
  risk: riskTiers,
};

type Rule = DecisionTable['rules'][number];

function withRules(table: DecisionTable, rules: Rule[]): DecisionTable {
  return { ...table, rules };
}

export function updateInput(
  table: DecisionTable,
  index: number,
  patch: Partial<DecisionTable['inputs'][number]>,
): DecisionTable {
  const inputs = table.inputs.map((input, i) =>
    i === index ? { ...input, ...patch } : input,
  );
  return { ...table, inputs };
}

/** Adds an input column; every rule matches anything in it. */
export function addInput(table: DecisionTable): DecisionTable {
  return {
    ...table,
    inputs: [...table.inputs, { label: 'New input', expression: 'employees' }],
    rules: table.rules.map((rule) => ({ ...rule, when: [...rule.when, '-'] })),
  };
}

/** Removes an input column and its test from every rule. */
export function removeInput(table: DecisionTable, index: number) {
  return {
    ...table,
    inputs: table.inputs.filter((_, i) => i !== index),
    rules: table.rules.map((rule) => ({
      ...rule,
      when: rule.when.filter((_, i) => i !== index),
    })),
  };
}

export function updateRule(
  table: DecisionTable,
  index: number,
  patch: Partial<Rule>,
): DecisionTable {
  return withRules(
    table,
    table.rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)),
  );
}

export function updateTest(
  table: DecisionTable,
  ruleIndex: number,
  inputIndex: number,
  test: string,
): DecisionTable {
  const rule = table.rules[ruleIndex];
  if (!rule) return table;
  const when = rule.when.map((cell, i) => (i === inputIndex ? test : cell));
  return updateRule(table, ruleIndex, { when });
}

/**
 * Inserts a rule that matches anything after `index`, or at the end. The
 * result is the table's last rule's, usually the catch-all.
 */
export function addRule(
  key: TableKey,
  table: DecisionTable,
  index?: number,
): DecisionTable {
  const at = index === undefined ? table.rules.length : index + 1;
  const result = table.rules.at(-1)?.result ?? tableResults[key][0] ?? '';
  const rule: Rule = {
    when: table.inputs.map(() => '-'),
    result,
    description: '',
  };
  const rules = [...table.rules];
  rules.splice(at, 0, rule);
  return withRules(table, rules);
}

export function removeRule(table: DecisionTable, index: number) {
  return withRules(
    table,
    table.rules.filter((_, i) => i !== index),
  );
}

/** Moves a rule up (-1) or down (+1); hit policy FIRST makes order matter. */
export function moveRule(
  table: DecisionTable,
  index: number,
  offset: -1 | 1,
): DecisionTable {
  const target = index + offset;
  if (target < 0 || target >= table.rules.length) return table;
  const rules = [...table.rules];
  const [moved] = rules.splice(index, 1);
  if (moved) rules.splice(target, 0, moved);
  return withRules(table, rules);
}

export type ExpressionStatus = { error?: string; variables: string[] };

/** Checks an input's FEEL expression and lists the variables it reads. */
export function checkInputExpression(expression: string): ExpressionStatus {
  if (expression.trim() === '') {
    return { error: 'Enter a FEEL expression.', variables: [] };
  }
  const check = checkExpression(expression);
  return check.ok
    ? { variables: check.variables }
    : { error: `Invalid FEEL: ${check.error}`, variables: check.variables };
}

/** Checks a rule's unary test; returns the problem, or undefined. */
export function checkTest(test: string): string | undefined {
  if (test.trim() === '') return 'Empty test; use - to match anything.';
  if (test.trim() === '-') return undefined;
  try {
    checkUnaryTestSyntax(test);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Invalid FEEL test: ${reason}`;
  }
}

export type CellIssue = {
  table: TableKey;
  /** 1-based rule number, absent for an input's expression. */
  rule?: number;
  /** 1-based input number. */
  input?: number;
  message: string;
};

/** Lists the problems the editor can find without the back end. */
export function findIssues(key: TableKey, table: DecisionTable): CellIssue[] {
  const issues: CellIssue[] = [];
  table.inputs.forEach((input, i) => {
    if (input.label.trim() === '') {
      issues.push({
        table: key,
        input: i + 1,
        message: 'Give the input a label.',
      });
    }
    const status = checkInputExpression(input.expression);
    if (status.error) {
      issues.push({ table: key, input: i + 1, message: status.error });
    }
  });
  table.rules.forEach((rule, r) => {
    rule.when.forEach((test, i) => {
      const problem = checkTest(test);
      if (problem) {
        issues.push({
          table: key,
          rule: r + 1,
          input: i + 1,
          message: problem,
        });
      }
    });
  });
  return issues;
}

/** Names an issue's place, such as "Rule 3, Employees". */
export function issuePlace(table: DecisionTable, issue: CellIssue): string {
  const label =
    issue.input === undefined
      ? undefined
      : (table.inputs[issue.input - 1]?.label ?? `input ${issue.input}`);
  if (issue.rule === undefined) return `Input ${issue.input}, ${label ?? ''}`;
  return label ? `Rule ${issue.rule}, ${label}` : `Rule ${issue.rule}`;
}
