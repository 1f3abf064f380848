import {
  date,
  dateAndTime,
  evaluate,
  isFunction,
  parseExpression,
  unaryTest,
  type FeelFunction,
  type Warning,
} from 'feelin';
import { EmbarkError } from '../errors.ts';

export type ExpressionCheck = {
  ok: boolean;
  error?: string;
  /** Names of the variables the expression reads, in order of appearance. */
  variables: string[];
};

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

type CompiledExpression = {
  fn: FeelFunction;
  /** Variables passed as the function's parameters, before `now` and `today`. */
  variables: string[];
  /** The warnings array of the compiling evaluation, which later calls append to. */
  warnings: Warning[];
};

const maxCachedExpressions = 2000;
const compiled = new Map<string, CompiledExpression>();
const builtinNames = new Map<string, boolean>();

/**
 * Parses an expression and lists the variables it reads, without evaluating
 * it. Names bound by `for`, `some` and `every`, function parameters, context
 * keys and the `item` of a filter are not variables; neither are builtin
 * functions such as `count` when called.
 */
export function checkExpression(expr: string): ExpressionCheck {
  const tree = parseExpression(expr, {}, undefined);
  const variables: string[] = [];
  let error: string | undefined;
  const visit = (node: SyntaxNode, bound: ReadonlySet<string>): void => {
    if (node.type.isError && error === undefined) {
      error = syntaxErrorAt(expr, node.from);
    }
    const scope = extendScope(expr, node, bound);
    if (node.name === 'VariableName') {
      const name = nodeText(expr, node);
      const called = node.parent?.name === 'FunctionInvocation';
      const skip = bound.has(name) || (called && isBuiltin(name));
      if (!skip && !variables.includes(name)) variables.push(name);
      return;
    }
    for (let child = node.firstChild; child; child = child.nextSibling) {
      const inFilter =
        node.name === 'FilterExpression' && child !== node.firstChild;
      visit(child, inFilter ? new Set([...scope, 'item']) : scope);
    }
  };
  visit(tree.topNode, new Set());
  if (error === undefined && expr.trim() === '')
    error = 'the expression is empty';
  return error === undefined
    ? { ok: true, variables }
    : { ok: false, error, variables };
}

/** Evaluates an expression over `vars`, with `now()` and `today()` fixed to `now`. */
export function evaluateExpression(
  expr: string,
  vars: Record<string, unknown>,
  now: string,
): unknown {
  const entry = compile(expr);
  const args: unknown[] = entry.variables.map((name) => vars[name]);
  args.push(...clockFunctions(now));
  const result: unknown = entry.fn.invoke(args);
  // Warnings (a missing variable, say) only explain a null result; dropping
  // them keeps the cached function from growing without bound.
  entry.warnings.length = 0;
  return isInvocationResult(result) ? result : null;
}

/**
 * Evaluates a condition: true only when the expression yields `true`, so a
 * missing variable, `null` or a non-boolean result counts as false.
 */
export function evaluateCondition(
  expr: string,
  vars: Record<string, unknown>,
  now: string,
): boolean {
  return evaluateExpression(expr, vars, now) === true;
}

/**
 * Evaluates a DMN unary test such as `> 10`, `"a", "b"` or `-` against
 * `input`. Unlike expressions, unary tests are parsed on every call.
 */
export function evaluateUnaryTest(
  test: string,
  input: unknown,
  vars: Record<string, unknown>,
  now: string,
): boolean {
  const [nowFn, todayFn] = clockFunctions(now);
  try {
    const context = { ...vars, '?': input, now: nowFn, today: todayFn };
    return unaryTest(test, context).value === true;
  } catch (error) {
    throw invalidFeel(
      test,
      error instanceof Error ? error.message : String(error),
    );
  }
}

function compile(expr: string): CompiledExpression {
  const cached = compiled.get(expr);
  if (cached) return cached;
  const check = checkExpression(expr);
  if (!check.ok) throw invalidFeel(expr, check.error ?? 'invalid syntax');
  const params = [...check.variables.filter(notClock), 'now', 'today'];
  // The expression becomes the body of a FEEL function whose parameters are
  // the variables it reads, so it is parsed once and only invoked afterwards.
  const source = `function(${params.join(', ')}) (\n${expr}\n)`;
  let result;
  try {
    result = evaluate(source, {});
  } catch (error) {
    throw invalidFeel(
      expr,
      error instanceof Error ? error.message : String(error),
    );
  }
  if (!isFunction(result.value)) throw invalidFeel(expr, 'it does not compile');
  const entry = {
    fn: result.value,
    variables: check.variables.filter(notClock),
    warnings: result.warnings,
  };
  if (compiled.size >= maxCachedExpressions) {
    const oldest = compiled.keys().next().value;
    if (oldest !== undefined) compiled.delete(oldest);
  }
  compiled.set(expr, entry);
  return entry;
}

function clockFunctions(now: string): [() => unknown, () => unknown] {
  const instant = Date.parse(now);
  if (Number.isNaN(instant)) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `The time "${now}" is not an ISO 8601 date-time; pass the time of the command such as 2024-05-01T09:00:00Z.`,
      { now },
    );
  }
  const iso = new Date(instant).toISOString();
  return [() => dateAndTime(iso), () => date(iso.slice(0, 10))];
}

/** Builtins evaluate to plain functions, FEEL-defined ones to FeelFunction. */
function isCallable(value: unknown): boolean {
  return typeof value === 'function' || isFunction(value);
}

function notClock(name: string): boolean {
  return name !== 'now' && name !== 'today';
}

function isBuiltin(name: string): boolean {
  let known = builtinNames.get(name);
  if (known === undefined) {
    known =
      name === 'now' ||
      name === 'today' ||
      isCallable(evaluate(name, {}).value);
    builtinNames.set(name, known);
  }
  return known;
}

/** Names that a node binds for its own subtree. */
function extendScope(
  expr: string,
  node: SyntaxNode,
  bound: ReadonlySet<string>,
): ReadonlySet<string> {
  const names: string[] = [];
  if (node.name === 'ForExpression' || node.name === 'QuantifiedExpression') {
    for (const inExpression of node.getChildren('InExpressions')) {
      for (const item of inExpression.getChildren('InExpression')) {
        const name = item.getChild('Name');
        if (name) names.push(nodeText(expr, name));
      }
    }
  } else if (node.name === 'FunctionDefinition') {
    const params = node.getChild('FormalParameters');
    for (const param of params?.getChildren('FormalParameter') ?? []) {
      const name = param.getChild('ParameterName');
      if (name) names.push(nodeText(expr, name));
    }
  } else if (node.name === 'Context') {
    for (const entry of node.getChildren('ContextEntry')) {
      const key = entry.getChild('Key');
      if (key) names.push(nodeText(expr, key).replace(/^"|"$/g, ''));
    }
  }
  return names.length === 0 ? bound : new Set([...bound, ...names]);
}

function nodeText(expr: string, node: SyntaxNode): string {
  return expr.slice(node.from, node.to).trim().replace(/\s+/g, ' ');
}

function syntaxErrorAt(expr: string, position: number): string {
  const near = expr.slice(position, position + 10);
  return near === ''
    ? `invalid syntax: the expression ends too early (at character ${position + 1})`
    : `invalid syntax at character ${position + 1}, near "${near}"`;
}

function invalidFeel(expr: string, reason: string): EmbarkError {
  return new EmbarkError(
    'FEEL_INVALID',
    `The FEEL expression "${expr}" is invalid: ${reason}. Fix the expression, for example riskTier = "high".`,
    { expression: expr, reason },
  );
}

/** A failed invocation returns a signal object instead of a FEEL value. */
function isInvocationResult(value: unknown): boolean {
  return !(
    value !== null &&
    typeof value === 'object' &&
    'warning' in value &&
    'template' in value
  );
}
