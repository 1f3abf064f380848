import {
  evaluate,
  isFunction,
  parseExpression,
  parseUnaryTests,
  unaryTest,
  type FeelFunction,
} from 'feelin';

/**
 * Compiled FEEL for decision tables.
 *
 * feelin 8.2 parses the text again on every `evaluate` or `unaryTest` call
 * (about 0.1 to 0.3 ms each), which makes classifying many clients slow. A
 * FEEL function value, however, can be invoked many times after one parse.
 * So each expression is compiled once into `function(free variables) expr`
 * and each literal unary test into `function(value) value in (tests)`.
 * Anything else falls back to a plain feelin call per evaluation.
 */

export type Context = Record<string, unknown>;
export type CompiledExpression = (context: Context) => unknown;
export type CompiledUnaryTest = (value: unknown, context: Context) => boolean;

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks that a FEEL expression parses.
 *
 * @throws the feelin `SyntaxError`, whose message names the problem.
 */
export function checkExpressionSyntax(expression: string): void {
  evaluate(expression, {});
}

/**
 * Checks that FEEL unary tests parse.
 *
 * @throws the feelin `SyntaxError`, whose message names the problem.
 */
export function checkUnaryTestSyntax(test: string): void {
  unaryTest(test, { '?': null });
}

/**
 * Lists the names an expression reads from its context, in order of first
 * use. Function names in invocations are left out, so that builtins such as
 * `list contains` are not shadowed.
 */
export function freeVariables(expression: string): string[] {
  const names = new Set<string>();
  parseExpression(expression, {}, undefined).iterate({
    enter(ref) {
      if (ref.name !== 'VariableName') {
        return;
      }
      const node = ref.node;
      const isCallee =
        node.parent?.name === 'FunctionInvocation' && !node.prevSibling;
      if (!isCallee) {
        names.add(expression.slice(ref.from, ref.to));
      }
    },
  });
  return [...names];
}

function evaluateFunction(source: string): FeelFunction | undefined {
  const { value } = evaluate(source, {});
  return isFunction(value) ? value : undefined;
}

/**
 * Compiles a FEEL expression over a context of variables. A missing
 * variable reads as `null`, as it does in feelin's `evaluate`.
 *
 * @throws the feelin `SyntaxError` when the expression does not parse.
 */
export function compileExpression(expression: string): CompiledExpression {
  checkExpressionSyntax(expression);
  const names = freeVariables(expression);
  const fallback: CompiledExpression = (context) =>
    evaluate(expression, context).value;
  if (!names.every((name) => identifierPattern.test(name))) {
    return fallback;
  }
  // The newline keeps a trailing `//` comment from swallowing the paren.
  const fn = evaluateFunction(
    `function(${names.join(', ')}) (\n${expression}\n)`,
  );
  if (!fn) {
    return fallback;
  }
  return (context) => fn.invoke(names.map((name) => context[name] ?? null));
}

/** Parse tree nodes of unary tests that compare against literals only. */
const literalTestNodes = new Set([
  'UnaryTests',
  'PositiveUnaryTests',
  'PositiveUnaryTest',
  'SimplePositiveUnaryTest',
  'CompareOp',
  'NumericLiteral',
  'StringLiteral',
  'BooleanLiteral',
  'Interval',
  'not',
  '(',
  ')',
  '[',
  ']',
  '..',
]);

type LiteralTests = { negated: boolean; positive: string };

function literalTests(test: string): LiteralTests | undefined {
  let literalOnly = true;
  let negated = false;
  let positive: string | undefined;
  parseUnaryTests(test, {}, undefined).iterate({
    enter(ref) {
      if (!literalTestNodes.has(ref.name) || ref.type.isError) {
        literalOnly = false;
      }
      if (ref.name === 'not') {
        negated = true;
      }
      if (ref.name === 'PositiveUnaryTests' && positive === undefined) {
        positive = test.slice(ref.from, ref.to);
      }
    },
  });
  return literalOnly && positive !== undefined
    ? { negated, positive }
    : undefined;
}

/**
 * Compiles FEEL unary tests (DMN input entries) such as `>= 1000`,
 * `"high", "medium"`, `[1..5]`, `not("low")` or `-`. Tests that read `?`
 * or other variables read the context, with the input value as `?`.
 *
 * @throws the feelin `SyntaxError` when the tests do not parse.
 */
export function compileUnaryTest(test: string): CompiledUnaryTest {
  if (test.trim() === '-') {
    return () => true;
  }
  checkUnaryTestSyntax(test);
  const literal = literalTests(test);
  const fn = literal
    ? evaluateFunction(`function(value) value in (${literal.positive})`)
    : undefined;
  if (!literal || !fn) {
    return (value, context) =>
      unaryTest(test, { ...context, '?': value }).value === true;
  }
  const negated = literal.negated;
  return (value) => (fn.invoke([value]) === true) !== negated;
}
