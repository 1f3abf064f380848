import { parseExpression } from 'feelin';
import { translateJuel } from './juel.ts';

export interface TranslatedCondition {
  /** FEEL condition for the edge; absent when the expression is empty. */
  condition?: string;
  /** Why the condition is not an exact translation, for the report. */
  problem?: string;
}

/** Expression languages that Embark evaluates as FEEL. */
const feelLanguages = /^(|feel|https?:\/\/www\.omg\.org\/spec\/FEEL\/\d+)$/i;

/**
 * Turns the body of a BPMN `conditionExpression` into a FEEL condition:
 * Camunda 8 writes FEEL after `=`, Camunda 7 writes JUEL as `${...}`, and
 * other files write FEEL or a scripting language as plain text. A body
 * that cannot be translated is kept verbatim and a `problem` says why.
 */
export function translateCondition(
  body: string | undefined,
  language: string | undefined,
): TranslatedCondition {
  const text = (body ?? '').trim();
  if (text === '') {
    return { problem: 'has an empty condition; imported without one' };
  }
  if (language && !feelLanguages.test(language) && !/juel/i.test(language)) {
    return {
      condition: text,
      problem:
        `has a condition in ${language}, which Embark does not evaluate; ` +
        'kept verbatim, so rewrite it in FEEL before running the playbook',
    };
  }
  if (text.startsWith('=')) return checkedFeel(text.slice(1).trim());
  if (/^[$#]\{/.test(text)) {
    const feel = translateJuel(text);
    if (feel !== undefined) return { condition: feel };
    return {
      condition: text,
      problem:
        'has a JUEL condition that Embark cannot translate to FEEL; kept ' +
        'verbatim, so rewrite it in FEEL before running the playbook',
    };
  }
  return checkedFeel(text);
}

function checkedFeel(text: string): TranslatedCondition {
  const errorAt = feelSyntaxError(text);
  if (errorAt === undefined) return { condition: text };
  return {
    condition: text,
    problem:
      `has a condition that is not valid FEEL (syntax error at character ` +
      `${errorAt + 1}); kept verbatim, so rewrite it in FEEL before ` +
      'running the playbook',
  };
}

/** Offset of the first FEEL syntax error in `text`, or undefined. */
export function feelSyntaxError(text: string): number | undefined {
  if (text === '') return 0;
  let errorAt: number | undefined;
  parseExpression(text, {}, undefined).iterate({
    enter(node) {
      if (node.type.isError && errorAt === undefined) errorAt = node.from;
    },
  });
  return errorAt;
}
