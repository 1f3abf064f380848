import { EmbarkError } from '../../src-shared/errors.ts';
import {
  applyMigration,
  planMigration,
} from '../../src-shared/journeys/migrate.ts';
import type { Actor } from '../../src-shared/journeys/model.ts';
import type { Playbook, Segment } from '../../src-shared/playbooks/model.ts';
import { parseSegment } from '../../src-shared/segments/table.ts';
import { recordClientEvent } from '../clients/service.ts';
import { getPlaybook, playbookForSegment } from '../playbooks/store.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { nowIso } from '../workspace/workspace.ts';
import { loadJourneyState, saveEngineResult } from './persist.ts';
import { engineContext } from './service.ts';

export type MigrationTarget = {
  segment?: string;
  playbookId?: string;
  version?: number;
};

export type MigrationResult = {
  journeyId: string;
  from: { playbookId: string; version: number; segment: Segment };
  to: { playbookId: string; version: number; segment: Segment };
  added: string[];
  removed: string[];
  kept: string[];
  applied: boolean;
};

function resolveTarget(
  ws: Workspace,
  target: MigrationTarget,
): { playbook: Playbook; segment?: Segment } {
  if (target.segment !== undefined && target.playbookId !== undefined) {
    throw new EmbarkError(
      'INVALID_INPUT',
      'Give either --segment or --playbook, not both.',
    );
  }
  if (target.segment !== undefined) {
    const segment = parseSegment(target.segment);
    return { playbook: playbookForSegment(ws, segment), segment };
  }
  if (target.playbookId !== undefined) {
    const playbook = getPlaybook(ws, target.playbookId, target.version);
    return { playbook, segment: playbook.segment };
  }
  throw new EmbarkError(
    'INVALID_INPUT',
    'Name the target with --segment S or --playbook ID [--version N].',
  );
}

/**
 * Moves a journey to another segment's playbook or another version of its
 * own. A dry run only reports which steps are added, removed and kept.
 */
export function migrateJourney(
  ws: Workspace,
  journeyId: string,
  target: MigrationTarget,
  options: { dryRun?: boolean; reason?: string },
  actor: Actor,
): MigrationResult {
  return ws.db
    .transaction(() => {
      const state = loadJourneyState(ws, journeyId);
      const from = getPlaybook(ws, state.playbookId, state.playbookVersion);
      const { playbook: to, segment } = resolveTarget(ws, target);
      if (
        to.id === from.id &&
        to.version === from.version &&
        (segment ?? state.segment) === state.segment
      ) {
        throw new EmbarkError(
          'INVALID_INPUT',
          `Journey ${journeyId} already runs on ${to.id} version ${to.version}; choose another segment or playbook version.`,
        );
      }
      const plan = planMigration(from, state, to);
      const summary: MigrationResult = {
        journeyId,
        from: {
          playbookId: from.id,
          version: from.version,
          segment: state.segment,
        },
        to: {
          playbookId: to.id,
          version: to.version,
          segment: segment ?? state.segment,
        },
        ...plan,
        applied: false,
      };
      if (options.dryRun) return summary;
      const reason = options.reason?.trim() || 'no reason given';
      const result = applyMigration(from, state, to, engineContext(ws, actor), {
        reason,
        segment,
      });
      saveEngineResult(ws, to, result, state);
      if (segment && segment !== state.segment) {
        ws.db
          .prepare(
            'UPDATE clients SET segment = ?, updated_at = ? WHERE id = ?',
          )
          .run(segment, nowIso(ws), state.clientId);
        recordClientEvent(ws, state.clientId, 'segment.changed', actor, {
          from: state.segment,
          to: segment,
          reason,
          journeyId,
        });
      }
      ws.log.info(
        { journeyId, from: from.id, to: to.id, version: to.version },
        'journey migrated',
      );
      return { ...summary, applied: true };
    })
    .immediate();
}
