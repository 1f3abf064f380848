/**
 * Translation of simple JUEL conditions (the expression language of
 * Camunda 7, `${...}`) to FEEL. It covers variables and property paths,
 * string, number, boolean and null literals, comparisons, arithmetic,
 * `!`, `&&`, `||` and parentheses. Anything else (method calls, `empty`,
 * the ternary operator, indexing) is left to the caller to keep verbatim.
 */

type Token =
  | { type: 'name'; text: string }
  | { type: 'string'; text: string }
  | { type: 'number'; text: string }
  | { type: 'operator'; text: string };

type Expression =
  | { type: 'path'; text: string }
  | { type: 'literal'; text: string; boolean?: boolean }
  | { type: 'not'; operand: Expression }
  | { type: 'negate'; operand: Expression }
  | { type: 'binary'; operator: string; left: Expression; right: Expression };

class UnsupportedJuel extends Error {}

const wordOperators: Record<string, string> = {
  and: '&&',
  or: '||',
  not: '!',
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
  div: '/',
};

/** Names that FEEL reads as keywords, so they cannot be variable names. */
const feelKeywords = new Set([
  'true',
  'false',
  'null',
  'and',
  'or',
  'not',
  'in',
  'for',
  'some',
  'every',
  'if',
  'then',
  'else',
  'between',
  'instance',
  'of',
  'function',
  'return',
  'satisfies',
]);

/**
 * Translates a JUEL condition such as `${approved}` or
 * `${x == 'yes' && n > 3}` to FEEL (`approved = true`,
 * `x = "yes" and n > 3`). Returns undefined when the text is not a single
 * `${...}` or `#{...}` expression in the supported subset.
 */
export function translateJuel(text: string): string | undefined {
  const match = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(text);
  if (!match || /[$#]\{/.test(match[1] ?? '')) return undefined;
  try {
    const parser = new JuelParser(tokenize(match[1] ?? ''));
    const expression = parser.parseAll();
    return printCondition(expression);
  } catch (error) {
    if (error instanceof UnsupportedJuel) return undefined;
    throw error;
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s+|([A-Za-z_][A-Za-z0-9_]*)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(\d+(?:\.\d+)?)|(==|!=|<=|>=|&&|\|\||[<>!()+\-*/.])/y;
  let index = 0;
  while (index < source.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match) throw new UnsupportedJuel(source.slice(index));
    index = pattern.lastIndex;
    const [, name, string, number, operator] = match;
    if (name !== undefined) {
      const word = wordOperators[name];
      tokens.push(
        word ? { type: 'operator', text: word } : { type: 'name', text: name },
      );
    } else if (string !== undefined) {
      tokens.push({ type: 'string', text: unquote(string) });
    } else if (number !== undefined) {
      tokens.push({ type: 'number', text: number });
    } else if (operator !== undefined) {
      tokens.push({ type: 'operator', text: operator });
    }
  }
  return tokens;
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

const binaryLevels: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/'],
];

/** Recursive-descent parser with JUEL's operator precedence. */
class JuelParser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Expression {
    const expression = this.parseLevel(0);
    if (this.position !== this.tokens.length) throw new UnsupportedJuel();
    return expression;
  }

  private parseLevel(level: number): Expression {
    const operators = binaryLevels[level];
    if (!operators) return this.parseUnary();
    let left = this.parseLevel(level + 1);
    for (;;) {
      const token = this.tokens[this.position];
      if (token?.type !== 'operator' || !operators.includes(token.text)) {
        return left;
      }
      this.position += 1;
      const right = this.parseLevel(level + 1);
      left = { type: 'binary', operator: token.text, left, right };
    }
  }

  private parseUnary(): Expression {
    const token = this.tokens[this.position];
    if (token?.type === 'operator' && token.text === '!') {
      this.position += 1;
      return { type: 'not', operand: this.parseUnary() };
    }
    if (token?.type === 'operator' && token.text === '-') {
      this.position += 1;
      return { type: 'negate', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expression {
    const token = this.tokens[this.position];
    this.position += 1;
    if (!token) throw new UnsupportedJuel();
    if (token.type === 'string') {
      return { type: 'literal', text: feelString(token.text) };
    }
    if (token.type === 'number') return { type: 'literal', text: token.text };
    if (token.type === 'name') return this.parseName(token.text);
    if (token.text === '(') {
      const inner = this.parseLevel(0);
      const close = this.tokens[this.position];
      if (close?.type !== 'operator' || close.text !== ')') {
        throw new UnsupportedJuel();
      }
      this.position += 1;
      return inner;
    }
    throw new UnsupportedJuel(token.text);
  }

  private parseName(first: string): Expression {
    if (first === 'true' || first === 'false') {
      return { type: 'literal', text: first, boolean: true };
    }
    if (first === 'null') return { type: 'literal', text: 'null' };
    const parts = [first];
    for (;;) {
      const dot = this.tokens[this.position];
      const next = this.tokens[this.position + 1];
      if (dot?.type !== 'operator' || dot.text !== '.') break;
      if (next?.type !== 'name') throw new UnsupportedJuel();
      parts.push(next.text);
      this.position += 2;
    }
    const call = this.tokens[this.position];
    // A call such as `x.equals('y')` or `empty x` has no translation here.
    if (call?.type === 'operator' && call.text === '(') {
      throw new UnsupportedJuel();
    }
    if (parts.some((part) => feelKeywords.has(part) || part === 'empty')) {
      throw new UnsupportedJuel();
    }
    return { type: 'path', text: parts.join('.') };
  }
}

function feelString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const feelOperators: Record<string, string> = {
  '||': 'or',
  '&&': 'and',
  '==': '=',
};

const precedence: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};

/** Prints an expression in boolean position: a bare path means `= true`. */
function printCondition(expression: Expression): string {
  if (expression.type === 'path') return `${expression.text} = true`;
  if (expression.type === 'not') {
    if (expression.operand.type === 'path') {
      return `${expression.operand.text} = false`;
    }
    return `not(${printCondition(expression.operand)})`;
  }
  if (
    expression.type === 'binary' &&
    (expression.operator === '&&' || expression.operator === '||')
  ) {
    const level = precedence[expression.operator] ?? 0;
    const operator = feelOperators[expression.operator];
    const left = wrapCondition(expression.left, level);
    const right = wrapCondition(expression.right, level);
    return `${left} ${operator} ${right}`;
  }
  return printValue(expression, 0);
}

function wrapCondition(expression: Expression, parentLevel: number): string {
  const text = printCondition(expression);
  const isLogical =
    expression.type === 'binary' &&
    (precedence[expression.operator] ?? 0) < parentLevel;
  return isLogical ? `(${text})` : text;
}

/** Prints an expression as a value, adding parentheses where needed. */
function printValue(expression: Expression, parentLevel: number): string {
  switch (expression.type) {
    case 'path':
    case 'literal':
      return expression.text;
    case 'negate':
      return `-${printValue(expression.operand, 7)}`;
    case 'not':
      return `not(${printCondition(expression.operand)})`;
    case 'binary': {
      const level = precedence[expression.operator] ?? 0;
      if (expression.operator === '&&' || expression.operator === '||') {
        return `(${printCondition(expression)})`;
      }
      const operator =
        feelOperators[expression.operator] ?? expression.operator;
      const left = printValue(expression.left, level);
      const right = printValue(expression.right, level + 1);
      const text = `${left} ${operator} ${right}`;
      return level < parentLevel ? `(${text})` : text;
    }
  }
}
