import { EmbarkError } from '../../src-shared/errors.ts';
import type { StageUsage } from '../../src-shared/ipc/contract.ts';
import { immediateTransaction } from '../db/statements.ts';
import { forgetCachedJourneys } from '../journeys/persist.ts';
import { getLogger } from '../log.ts';
import { getPlaybook, listPlaybooks } from '../playbooks/store.ts';
import type { Workspace } from '../workspace/workspace.ts';

const log = getLogger('settings');

/** A stage rename. The stage's journeys move to the new name. */
export type StageRename = { from: string; to: string };

/**
 * Returns what uses each board stage: the milestones of the latest version
 * of every playbook that name it, and the number of journeys whose card
 * sits in it, as the board counts them. Stages that journeys name but the stage list lacks are
 * included, so the settings screen can show them.
 */
export function stageUsage(ws: Workspace): StageUsage {
  const milestones: StageUsage['milestones'] = [];
  for (const summary of listPlaybooks(ws)) {
    const playbook = getPlaybook(ws, summary.id);
    for (const node of playbook.nodes) {
      if (node.kind !== 'milestone' || node.stage === undefined) continue;
      milestones.push({
        stage: node.stage,
        playbookId: playbook.id,
        playbookName: playbook.name,
        nodeKey: node.key,
        nodeName: node.name,
      });
    }
  }
  const journeys = ws.db
    .prepare(
      `SELECT stage, COUNT(*) AS count FROM journeys
       WHERE client_id NOT IN
         (SELECT id FROM clients WHERE archived_at IS NOT NULL)
       GROUP BY stage ORDER BY stage`,
    )
    .all() as StageUsage['journeys'];
  return { milestones, journeys };
}

/**
 * Replaces the stage list and moves the journeys of each renamed stage to
 * its new name, in one transaction. Each rename must take a stage of the
 * current list to a stage of the new one. Renames apply together, so two
 * stages can swap names.
 */
export function saveStages(
  ws: Workspace,
  stages: readonly string[],
  renames: readonly StageRename[] = [],
): string[] {
  return immediateTransaction(ws.db, () => {
    const current = ws.settings.stages();
    const next = stages.map((stage) => stage.trim());
    const moves = renames
      .map(({ from, to }) => ({ from: from.trim(), to: to.trim() }))
      .filter(({ from, to }) => from !== to);
    for (const { from, to } of moves) {
      if (!current.includes(from) || !next.includes(to)) {
        throw new EmbarkError(
          'INVALID_INPUT',
          `Cannot rename stage "${from}" to "${to}": the first must be a ` +
            'saved stage and the second one of the new list. Reload the ' +
            'settings and try again.',
          { from, to },
        );
      }
    }
    const saved = ws.settings.setStages(stages);
    if (moves.length === 0) return saved;
    const cases = moves.map(() => 'WHEN ? THEN ?').join(' ');
    const pairs = moves.flatMap(({ from, to }) => [from, to]);
    const froms = moves.map(({ from }) => from);
    const target = `CASE stage ${cases} END`;
    const moved = ws.db
      .prepare(
        `UPDATE journeys SET stage = ${target},
           state = json_set(state, '$.stage', ${target})
         WHERE stage IN (${froms.map(() => '?').join(', ')})`,
      )
      .run(...pairs, ...pairs, ...froms).changes;
    // This connection's cached states still name the old stages.
    forgetCachedJourneys(ws);
    log.info({ renames: moves, journeys: moved }, 'stages renamed');
    return saved;
  });
}
