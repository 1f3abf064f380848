import type { StageUsage } from '../../src-shared/ipc/contract.ts';
import type { StageDraft } from './store.ts';

export type Milestone = StageUsage['milestones'][number];

/** Milestones per stage name. */
export function milestonesByStage(usage: StageUsage | undefined) {
  const map = new Map<string, Milestone[]>();
  for (const milestone of usage?.milestones ?? []) {
    map.set(milestone.stage, [...(map.get(milestone.stage) ?? []), milestone]);
  }
  return map;
}

export function journeysIn(usage: StageUsage | undefined, stage: string) {
  return usage?.journeys.find((row) => row.stage === stage)?.count ?? 0;
}

/**
 * Returns the problem with one stage of the draft list, or undefined: an
 * empty or repeated name, or a renamed stage that milestones still name.
 */
export function stageProblem(
  stages: readonly StageDraft[],
  index: number,
  milestones: Map<string, Milestone[]>,
): string | undefined {
  const stage = stages[index];
  if (!stage) return undefined;
  const name = stage.name.trim();
  if (name === '') return 'Give the stage a name.';
  const first = stages.findIndex((other) => other.name.trim() === name);
  if (first !== index) return `“${name}” is already stage ${first + 1}.`;
  const original = stage.original;
  const mapped = original === undefined ? [] : (milestones.get(original) ?? []);
  if (original !== undefined && original !== name && mapped.length > 0) {
    return (
      `Milestones map to “${original}”, so it cannot be renamed. Map ` +
      'them to another stage on the canvas first, or keep this name.'
    );
  }
  return undefined;
}

/** Returns the saved stages that the draft renames, each as old and new name. */
export function stageRenames(
  stages: readonly StageDraft[],
): { from: string; to: string }[] {
  return stages.flatMap((stage) =>
    stage.original !== undefined && stage.original !== stage.name.trim()
      ? [{ from: stage.original, to: stage.name.trim() }]
      : [],
  );
}

/**
 * Returns the saved stages that the draft drops and that journeys are still
 * in. A renamed stage is not dropped, because its journeys move to the new
 * name.
 */
export function droppedWithJourneys(
  saved: readonly string[],
  stages: readonly StageDraft[],
  usage: StageUsage | undefined,
): { stage: string; count: number }[] {
  const keptNames = new Set(
    stages.flatMap((stage) => [stage.name.trim(), stage.original ?? '']),
  );
  return saved
    .filter((stage) => !keptNames.has(stage))
    .map((stage) => ({ stage, count: journeysIn(usage, stage) }))
    .filter((row) => row.count > 0);
}

export function moveStage(
  stages: readonly StageDraft[],
  index: number,
  offset: -1 | 1,
): StageDraft[] {
  const target = index + offset;
  if (target < 0 || target >= stages.length) return [...stages];
  const next = [...stages];
  const [moved] = next.splice(index, 1);
  if (moved) next.splice(target, 0, moved);
  return next;
}
