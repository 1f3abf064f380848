/**
 * The channels the preload lets the renderer call. This list is separate
 * from the contract because the sandboxed preload cannot load zod; a unit
 * test checks that it equals the contract's channels.
 */
export const preloadChannels = [
  'workspace:info',
  'workspace:loadSample',
  'workspace:chooseStart',
  'workspace:backup',
  'workspace:checkBackup',
  'workspace:restore',
  'board:get',
  'clients:classify',
  'clients:add',
  'clients:get',
  'clients:update',
  'clients:archive',
  'clients:importCsv',
  'journeys:get',
  'journeys:act',
  'journeys:timeline',
  'journeys:documents',
  'journeys:resolve',
  'journeys:setStatus',
  'journeys:migrate',
  'documents:read',
  'playbooks:list',
  'playbooks:get',
  'playbooks:validate',
  'playbooks:publish',
  'playbooks:importBpmn',
  'playbooks:export',
  'settings:get',
  'settings:setIdentity',
  'settings:setSegmentRules',
  'settings:previewSegmentRules',
  'settings:stageUsage',
  'settings:setStages',
] as const;

/** The `ipcMain.handle` channel that carries every contract call. */
export const IPC_CHANNEL = 'ipc';

/** The channel on which the main process sends menu commands. */
export const COMMAND_CHANNEL = 'app:command';

/** Menu commands sent to the renderer. */
export const appCommands = ['new-client', 'load-sample'] as const;
export type AppCommand = (typeof appCommands)[number];

/** Rejects a channel outside the contract before anything is sent. */
export function isPreloadChannel(
  value: unknown,
): value is (typeof preloadChannels)[number] {
  return (
    typeof value === 'string' &&
    (preloadChannels as readonly string[]).includes(value)
  );
}
