import type { StageUsage } from '../../src-shared/ipc/contract.ts';
import { getPlaybook, listPlaybooks } from '../playbooks/store.ts';
import type { Workspace } from '../workspace/workspace.ts';

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
