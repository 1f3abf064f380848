import { z } from 'zod';
import { EmbarkError } from '../errors.ts';
import {
  riskTiers,
  segments,
  type RiskTier,
  type Segment,
} from '../playbooks/model.ts';
import type { ClientAttributes } from './attributes.ts';
import {
  compileExpression,
  compileUnaryTest,
  type CompiledExpression,
  type CompiledUnaryTest,
  type Context,
} from './compile.ts';
import { defaultSegmentRules } from './defaults.ts';

export { defaultSegmentRules };

/**
 * A DMN-style decision table with hit policy FIRST: the first rule whose
 * tests all hold gives the result.
 */
export const decisionTableSchema = z.object({
  name: z.string().min(1),
  /** FEEL expressions over the client's attributes, one column each. */
  inputs: z
    .array(
      z.object({ label: z.string().min(1), expression: z.string().min(1) }),
    )
    .min(1),
  /** Name of the value the table yields, such as `segment`. */
  output: z.string().min(1),
  rules: z
    .array(
      z.object({
        /** One FEEL unary test per input; `-` matches anything. */
        when: z.array(z.string().min(1)),
        result: z.string().min(1),
        description: z.string().optional(),
      }),
    )
    .min(1),
});
export type DecisionTable = z.infer<typeof decisionTableSchema>;

export const segmentRulesSchema = z.object({
  /** Yields `smb`, `mid-market` or `enterprise` from the attributes. */
  segment: decisionTableSchema,
  /** Yields `low`, `medium` or `high`; its inputs may also read `segment`. */
  risk: decisionTableSchema,
});
export type SegmentRules = z.infer<typeof segmentRulesSchema>;

export type Classification = {
  segment: Segment;
  riskTier: RiskTier;
  /** 1-based index of the segment rule that matched. */
  segmentRule: number;
  /** 1-based index of the risk rule that matched. */
  riskRule: number;
};

type TableKey = keyof SegmentRules;

type CompiledTable = {
  key: TableKey;
  inputs: CompiledExpression[];
  rules: { tests: CompiledUnaryTest[]; result: string }[];
};

type CompiledRules = { segment: CompiledTable; risk: CompiledTable };

const compiledCache = new WeakMap<SegmentRules, CompiledRules>();

/**
 * Parses a segment name.
 *
 * @throws EmbarkError UNKNOWN_SEGMENT listing the valid segments.
 */
export function parseSegment(value: string): Segment {
  const found = segments.find((segment) => segment === value);
  if (!found) {
    throw new EmbarkError(
      'UNKNOWN_SEGMENT',
      `Unknown segment "${value}"; use one of ${segments.join(', ')}.`,
      { value, valid: [...segments] },
    );
  }
  return found;
}

/**
 * Location of an error in the segment rules: the table, and the 1-based
 * rule and input numbers where they apply. Error details carry these
 * fields, so an editor can point at the cell.
 */
export type RulesLocation = { table: TableKey; rule?: number; input?: number };

function parseRiskTier(
  value: string,
  context: string,
  location?: RulesLocation,
): RiskTier {
  const found = riskTiers.find((tier) => tier === value);
  if (!found) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `Unknown risk tier "${value}" in ${context}; use one of ${riskTiers.join(', ')}.`,
      { value, valid: [...riskTiers], ...location },
    );
  }
  return found;
}

function feelError(
  error: unknown,
  where: string,
  text: string,
  fix: string,
  location: RulesLocation,
): EmbarkError {
  const reason = error instanceof Error ? error.message : String(error);
  return new EmbarkError(
    'FEEL_INVALID',
    `Invalid FEEL in ${where}: ${JSON.stringify(text)} (${reason}). ${fix}`,
    { where, text, reason, ...location },
  );
}

/** Reads the table, rule and input from a schema issue's path. */
function locationOfPath(path: PropertyKey[]): Partial<RulesLocation> {
  const [table, list, index, field, column] = path;
  if (table !== 'segment' && table !== 'risk') return {};
  const location: Partial<RulesLocation> = { table };
  if (typeof index !== 'number') return location;
  if (list === 'inputs') location.input = index + 1;
  if (list === 'rules') {
    location.rule = index + 1;
    if (field === 'when' && typeof column === 'number') {
      location.input = column + 1;
    }
  }
  return location;
}

function checkResults(key: TableKey, table: DecisionTable): void {
  table.rules.forEach((rule, index) => {
    const where = `the ${key} table, rule ${index + 1}`;
    if (rule.when.length !== table.inputs.length) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Rule ${index + 1} of the ${key} table has ${rule.when.length} tests for ${table.inputs.length} inputs; give one test per input, "-" to match anything.`,
        { table: key, rule: index + 1 },
      );
    }
    if (key === 'segment') {
      try {
        parseSegment(rule.result);
      } catch (error) {
        const message = (error as EmbarkError).message;
        throw new EmbarkError('UNKNOWN_SEGMENT', `${message} (${where})`, {
          table: key,
          rule: index + 1,
          value: rule.result,
        });
      }
    } else {
      parseRiskTier(rule.result, where, { table: key, rule: index + 1 });
    }
  });
}

function compileTable(key: TableKey, table: DecisionTable): CompiledTable {
  checkResults(key, table);
  const inputs = table.inputs.map((input, index) => {
    try {
      return compileExpression(input.expression);
    } catch (error) {
      const where = `the ${key} table, input ${index + 1} "${input.label}"`;
      throw feelError(error, where, input.expression, 'Fix the expression.', {
        table: key,
        input: index + 1,
      });
    }
  });
  const rules = table.rules.map((rule, ruleIndex) => ({
    result: rule.result,
    tests: rule.when.map((test, inputIndex) => {
      try {
        return compileUnaryTest(test);
      } catch (error) {
        const label = table.inputs[inputIndex]?.label ?? '';
        const where = `the ${key} table, rule ${ruleIndex + 1}, input "${label}"`;
        throw feelError(
          error,
          where,
          test,
          'Fix the test, or use "-" to match anything.',
          { table: key, rule: ruleIndex + 1, input: inputIndex + 1 },
        );
      }
    }),
  }));
  return { key, inputs, rules };
}

function compileRules(rules: SegmentRules): CompiledRules {
  const cached = compiledCache.get(rules);
  if (cached) {
    return cached;
  }
  const compiled = {
    segment: compileTable('segment', rules.segment),
    risk: compileTable('risk', rules.risk),
  };
  compiledCache.set(rules, compiled);
  return compiled;
}

/**
 * Validates segment rules: the shape, one test per input in every rule,
 * FEEL that parses, and results that are valid segments or risk tiers.
 *
 * @throws EmbarkError INVALID_INPUT, FEEL_INVALID or UNKNOWN_SEGMENT naming
 *   the table, rule and input at fault.
 */
export function validateSegmentRules(value: unknown): SegmentRules {
  const parsed = segmentRulesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') || '(root)';
    throw new EmbarkError(
      'INVALID_INPUT',
      `Invalid segment rules at ${path}: ${issue?.message}. Give a segment and a risk table with inputs, an output and rules.`,
      {
        path,
        issues: parsed.error.issues,
        ...locationOfPath(issue?.path ?? []),
      },
    );
  }
  compileRules(parsed.data);
  return parsed.data;
}

function evaluateTable(
  table: CompiledTable,
  context: Context,
): { result: string; rule: number } {
  const values = table.inputs.map((input) => input(context));
  const index = table.rules.findIndex((rule) =>
    rule.tests.every((test, column) => test(values[column], context)),
  );
  const rule = table.rules[index];
  if (!rule) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `No rule of the ${table.key} table matches the client's attributes; add a catch-all rule with "-" for every input.`,
      { table: table.key, inputs: values },
    );
  }
  return { result: rule.result, rule: index + 1 };
}

/**
 * Classifies a client into a segment and a risk tier. The risk table reads
 * the attributes plus the `segment` that the segment table gave.
 *
 * @throws EmbarkError INVALID_INPUT when no rule of a table matches, and
 *   FEEL_INVALID or UNKNOWN_SEGMENT when the rules themselves are invalid.
 */
export function classifyClient(
  attrs: ClientAttributes,
  rules: SegmentRules = defaultSegmentRules,
): Classification {
  const compiled = compileRules(rules);
  const context: Context = { ...attrs };
  const segment = evaluateTable(compiled.segment, context);
  context.segment = segment.result;
  const risk = evaluateTable(compiled.risk, context);
  return {
    segment: parseSegment(segment.result),
    riskTier: parseRiskTier(risk.result, 'the risk table'),
    segmentRule: segment.rule,
    riskRule: risk.rule,
  };
}
