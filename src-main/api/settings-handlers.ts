import { previewSegmentRules } from '../settings/preview.ts';
import { saveStages, stageUsage } from '../settings/stages.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { checkMilestoneStages } from './playbook-handlers.ts';
import type { AreaHandlers } from './types.ts';

/** Handlers of the `settings:*` channels. */
export function settingsHandlers(ws: Workspace): AreaHandlers<'settings'> {
  return {
    'settings:get': () => ({
      identity: ws.settings.identity(),
      segmentRules: ws.settings.segmentRules(),
      stages: ws.settings.stages(),
      dataDir: ws.dataDir,
      maxDocumentBytes: ws.settings.maxDocumentBytes(),
    }),
    'settings:setIdentity': (identity) => ws.settings.setIdentity(identity),
    'settings:setSegmentRules': ({ rules }) =>
      ws.settings.setSegmentRules(rules),
    'settings:previewSegmentRules': ({ rules }) =>
      previewSegmentRules(ws, rules),
    'settings:stageUsage': () => stageUsage(ws),
    'settings:setStages': ({ stages, renames }) => {
      checkMilestoneStages(
        ws,
        stages.map((stage) => stage.trim()),
      );
      return saveStages(ws, stages, renames);
    },
  };
}
