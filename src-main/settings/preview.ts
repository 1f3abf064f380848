import { isEmbarkError } from '../../src-shared/errors.ts';
import type {
  ClassificationOutcome,
  RulesPreview,
} from '../../src-shared/ipc/contract.ts';
import { parseClientAttributes } from '../../src-shared/segments/attributes.ts';
import { sampleClients } from '../../src-shared/segments/samples.ts';
import {
  classifyClient,
  validateSegmentRules,
  type SegmentRules,
} from '../../src-shared/segments/table.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** Workspace clients shown beside the built-in examples. */
const WORKSPACE_SAMPLES = 3;

type Sample = RulesPreview['samples'][number];

function describeRule(
  rules: SegmentRules,
  table: keyof SegmentRules,
  n: number,
) {
  return rules[table].rules[n - 1]?.description ?? '';
}

function classify(
  attributes: Record<string, unknown>,
  rules: SegmentRules,
): ClassificationOutcome {
  try {
    const result = classifyClient(parseClientAttributes(attributes), rules);
    return {
      ok: true,
      ...result,
      segmentReason: describeRule(rules, 'segment', result.segmentRule),
      riskReason: describeRule(rules, 'risk', result.riskRule),
    };
  } catch (error) {
    if (!isEmbarkError(error)) throw error;
    return { ok: false, message: error.message };
  }
}

/** Lists the most recently updated active clients, with their attributes. */
function workspaceSamples(ws: Workspace) {
  const rows = ws.db
    .prepare(
      `SELECT id, name, attributes FROM clients WHERE archived_at IS NULL
       ORDER BY updated_at DESC, id LIMIT ?`,
    )
    .all(WORKSPACE_SAMPLES) as {
    id: string;
    name: string;
    attributes: string;
  }[];
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    source: 'workspace' as const,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
  }));
}

type RulesError = NonNullable<RulesPreview['error']>;

type CheckedDraft = { rules: SegmentRules } | { error: RulesError };

function checkDraft(draft: unknown): CheckedDraft {
  try {
    return { rules: validateSegmentRules(draft) };
  } catch (error) {
    if (!isEmbarkError(error)) throw error;
    const { table, rule, input } = error.details;
    return {
      error: {
        code: error.code,
        message: error.message,
        table: table === 'segment' || table === 'risk' ? table : undefined,
        rule: typeof rule === 'number' ? rule : undefined,
        input: typeof input === 'number' ? input : undefined,
      },
    };
  }
}

/**
 * Classifies the built-in example clients and a few of the workspace's own
 * with both the saved and the draft segment rules. It writes nothing; an
 * invalid draft is returned as `error`, with the table, rule and input at
 * fault, rather than thrown.
 */
export function previewSegmentRules(
  ws: Workspace,
  draft: unknown,
): RulesPreview {
  const saved = ws.settings.segmentRules();
  const checked = checkDraft(draft);
  const draftRules = 'rules' in checked ? checked.rules : undefined;
  const examples = sampleClients.map((sample) => ({
    ...sample,
    source: 'example' as const,
  }));
  const samples: Sample[] = [...examples, ...workspaceSamples(ws)].map(
    (sample) => ({
      id: sample.id,
      name: sample.name,
      source: sample.source,
      attributes: sample.attributes,
      saved: classify(sample.attributes, saved),
      draft: draftRules ? classify(sample.attributes, draftRules) : null,
    }),
  );
  return { error: 'error' in checked ? checked.error : null, samples };
}
