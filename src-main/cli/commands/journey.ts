import path from 'node:path';
import { EmbarkError } from '../../../src-shared/errors.ts';
import { journeyStatuses } from '../../../src-shared/journeys/model.ts';
import { segments } from '../../../src-shared/playbooks/model.ts';
import { startJourneyForClient } from '../../clients/service.ts';
import { actOnStep } from '../../journeys/actions.ts';
import { migrateJourney } from '../../journeys/migration.ts';
import {
  journeyTimeline,
  listJourneys,
  runJourneyCommand,
  showJourney,
  viewJourney,
  type JourneyView,
} from '../../journeys/service.ts';
import { currentActor } from '../../workspace/workspace.ts';
import {
  optionalChoice,
  optionalString,
  parseCommandArgs,
  parseJsonObjectOption,
  parseJsonOption,
  parsePositiveInt,
  requirePositional,
  requireString,
} from '../args.ts';
import type { CommandContext, CommandOutput } from '../context.ts';
import { table } from '../format.ts';

const usage = {
  list: 'embark journey list [--status S] [--segment S]',
  start: 'embark journey start --client ID [--playbook ID]',
  history: 'embark journey history ID',
  show: 'embark journey show ID',
  act: 'embark journey act ID STEP_KEY --action submit|upload|approve|reject|complete|skip|reopen|reassign [--data JSON] [--file PATH] [--slot NAME] [--comment TEXT] [--to NAME] [--as NAME]',
  set: 'embark journey set ID --vars JSON',
  resolve: 'embark journey resolve ID --branch KEY --edge KEY',
  migrate:
    'embark journey migrate ID (--segment S | --playbook ID [--version N]) [--dry-run] [--reason TEXT]',
  pause: 'embark journey pause ID [--reason TEXT]',
  resume: 'embark journey resume ID',
  cancel: 'embark journey cancel ID --reason TEXT',
};

/** Public view of a journey, as `journey show` prints it. */
export function journeyOutput(view: JourneyView): CommandOutput {
  const open = view.incidents.filter((incident) => !incident.resolvedAt);
  const text = [
    `${view.clientName} — ${view.segment}, risk ${view.riskTier}, ` +
      `${view.status}, ${view.progress}% (${view.stage})`,
    `Journey ${view.id} on ${view.playbookId} v${view.playbookVersion}`,
    '',
    table(
      ['STEP', 'KIND', 'STATE', 'OWNER', 'DUE', 'DETAIL'],
      view.steps.map((step) => [
        step.key,
        step.kind,
        step.state,
        ownerOf(step),
        step.dueAt?.slice(0, 10) ?? '',
        stepDetail(step),
      ]),
    ),
    ...open.map(
      (incident) => `\nIncident at ${incident.nodeKey}: ${incident.message}`,
    ),
  ].join('\n');
  return { value: view, text };
}

type StepView = JourneyView['steps'][number];

/** Returns the step's assignee with its role, or the role alone. */
function ownerOf(step: StepView): string {
  if (step.assignee === undefined) return step.role ?? '';
  return step.role === undefined
    ? step.assignee
    : `${step.assignee} (${step.role})`;
}

/** Summarizes a step's files, votes and attempt for the text output. */
function stepDetail(step: StepView): string {
  const parts: string[] = [];
  if (step.slots) {
    const uploaded = step.slots.filter((slot) => slot.document).length;
    parts.push(`${uploaded} of ${step.slots.length} files`);
  }
  if (step.approval) {
    const { votes, approvers } = step.approval;
    parts.push(`${votes.length} of ${approvers.length} votes`);
  }
  if (step.attempt > 1) parts.push(`attempt ${step.attempt}`);
  return parts.join(', ');
}

function journeyId(positionals: string[], usageLine: string): string {
  return requirePositional(positionals, 0, 'journey ID', usageLine);
}

export async function journeyCommand(
  ctx: CommandContext,
): Promise<CommandOutput> {
  const [verb, ...rest] = ctx.args;
  switch (verb) {
    case 'list':
      return list(ctx, rest);
    case 'start': {
      const { values } = parseCommandArgs(
        rest,
        { client: { type: 'string' }, playbook: { type: 'string' } },
        usage.start,
      );
      const ws = ctx.workspace();
      const { journeyId } = startJourneyForClient(
        ws,
        requireString(values, 'client', usage.start),
        optionalString(values, 'playbook'),
        currentActor(ws, optionalString(values, 'as')),
      );
      return journeyOutput(showJourney(ws, journeyId));
    }
    case 'show': {
      const { positionals } = parseCommandArgs(rest, {}, usage.show);
      return journeyOutput(
        showJourney(ctx.workspace(), journeyId(positionals, usage.show)),
      );
    }
    case 'act':
      return act(ctx, rest);
    case 'history': {
      const { positionals } = parseCommandArgs(rest, {}, usage.history);
      const entries = journeyTimeline(
        ctx.workspace(),
        journeyId(positionals, usage.history),
      );
      return {
        value: entries,
        text: table(
          ['WHEN', 'WHO', 'WHAT', 'STEP', 'DETAILS'],
          entries.map((entry) => [
            entry.at.slice(0, 19).replace('T', ' '),
            entry.by,
            entry.type,
            entry.stepKey,
            entry.data === null ? '' : JSON.stringify(entry.data).slice(0, 80),
          ]),
        ),
      };
    }
    case 'set': {
      const { values, positionals } = parseCommandArgs(
        rest,
        { vars: { type: 'string' } },
        usage.set,
      );
      const id = journeyId(positionals, usage.set);
      requireString(values, 'vars', usage.set);
      const vars = parseJsonObjectOption(values, 'vars') ?? {};
      return simpleCommand(ctx, id, values, { type: 'setVars', vars });
    }
    case 'resolve': {
      const { values, positionals } = parseCommandArgs(
        rest,
        { branch: { type: 'string' }, edge: { type: 'string' } },
        usage.resolve,
      );
      const id = journeyId(positionals, usage.resolve);
      return simpleCommand(ctx, id, values, {
        type: 'resolve',
        branchKey: requireString(values, 'branch', usage.resolve),
        edgeKey: requireString(values, 'edge', usage.resolve),
      });
    }
    case 'migrate':
      return migrate(ctx, rest);
    case 'pause': {
      const { values, positionals } = parseCommandArgs(
        rest,
        { reason: { type: 'string' } },
        usage.pause,
      );
      return simpleCommand(ctx, journeyId(positionals, usage.pause), values, {
        type: 'pause',
        reason: optionalString(values, 'reason'),
      });
    }
    case 'resume': {
      const { values, positionals } = parseCommandArgs(rest, {}, usage.resume);
      return simpleCommand(ctx, journeyId(positionals, usage.resume), values, {
        type: 'resume',
      });
    }
    case 'cancel': {
      const { values, positionals } = parseCommandArgs(
        rest,
        { reason: { type: 'string' } },
        usage.cancel,
      );
      return simpleCommand(ctx, journeyId(positionals, usage.cancel), values, {
        type: 'cancel',
        reason: requireString(values, 'reason', usage.cancel),
      });
    }
    default:
      throw new EmbarkError(
        'INVALID_INPUT',
        `Unknown journey command "${verb ?? ''}"; use one of: ${Object.values(usage).join(' | ')}`,
      );
  }
}

function simpleCommand(
  ctx: CommandContext,
  id: string,
  values: Record<string, string | boolean | undefined>,
  command: Parameters<typeof runJourneyCommand>[2],
): CommandOutput {
  const ws = ctx.workspace();
  const actor = currentActor(ws, optionalString(values, 'as'));
  const state = runJourneyCommand(ws, id, command, actor);
  return journeyOutput(viewJourney(ws, state));
}

function list(ctx: CommandContext, rest: string[]): CommandOutput {
  const { values } = parseCommandArgs(
    rest,
    { status: { type: 'string' }, segment: { type: 'string' } },
    usage.list,
  );
  const journeys = listJourneys(ctx.workspace(), {
    status: optionalChoice(values, 'status', journeyStatuses),
    segment: optionalChoice(values, 'segment', segments),
  });
  return {
    value: journeys.map(
      ({ id, clientId, clientName, segment, status, progress }) => ({
        id,
        clientId,
        clientName,
        segment,
        status,
        progress,
      }),
    ),
    text: table(
      ['ID', 'CLIENT', 'SEGMENT', 'STATUS', 'PROGRESS', 'NEXT STEP'],
      journeys.map((j) => [
        j.id,
        j.clientName,
        j.segment,
        j.status,
        `${j.progress}%`,
        j.nextStep,
      ]),
    ),
  };
}

async function act(
  ctx: CommandContext,
  rest: string[],
): Promise<CommandOutput> {
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      action: { type: 'string' },
      data: { type: 'string' },
      file: { type: 'string' },
      slot: { type: 'string' },
      comment: { type: 'string' },
      reason: { type: 'string' },
      to: { type: 'string' },
    },
    usage.act,
  );
  const id = journeyId(positionals, usage.act);
  const stepKey = requirePositional(positionals, 1, 'STEP_KEY', usage.act);
  const file = optionalString(values, 'file');
  const ws = ctx.workspace();
  const state = await actOnStep(
    ws,
    id,
    stepKey,
    {
      action: requireString(values, 'action', usage.act),
      data: parseJsonOption(values, 'data'),
      file: file === undefined ? undefined : path.resolve(ctx.cwd, file),
      slot: optionalString(values, 'slot'),
      comment: optionalString(values, 'comment'),
      reason: optionalString(values, 'reason'),
      assignee: optionalString(values, 'to'),
    },
    currentActor(ws, optionalString(values, 'as')),
  );
  return journeyOutput(viewJourney(ws, state));
}

function migrate(ctx: CommandContext, rest: string[]): CommandOutput {
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      segment: { type: 'string' },
      playbook: { type: 'string' },
      version: { type: 'string' },
      'dry-run': { type: 'boolean' },
      reason: { type: 'string' },
    },
    usage.migrate,
  );
  const id = journeyId(positionals, usage.migrate);
  const ws = ctx.workspace();
  const result = migrateJourney(
    ws,
    id,
    {
      segment: optionalString(values, 'segment'),
      playbookId: optionalString(values, 'playbook'),
      version: parsePositiveInt(values, 'version'),
    },
    {
      dryRun: values['dry-run'] === true,
      reason: optionalString(values, 'reason'),
    },
    currentActor(ws, optionalString(values, 'as')),
  );
  const heading = result.applied
    ? `Moved to ${result.to.playbookId} v${result.to.version}.`
    : `Dry run: moving to ${result.to.playbookId} v${result.to.version} would change:`;
  const text = [
    heading,
    `  kept:    ${result.kept.join(', ') || '-'}`,
    `  added:   ${result.added.join(', ') || '-'}`,
    `  removed: ${result.removed.join(', ') || '-'}`,
  ].join('\n');
  return {
    value: {
      added: result.added,
      removed: result.removed,
      kept: result.kept,
      applied: result.applied,
      from: result.from,
      to: result.to,
    },
    text,
  };
}
