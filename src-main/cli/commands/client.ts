import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EmbarkError } from '../../../src-shared/errors.ts';
import {
  archiveClient,
  importClients,
  updateClient,
} from '../../clients/edit.ts';
import { addClient, getClient, listClients } from '../../clients/service.ts';
import { currentActor } from '../../workspace/workspace.ts';
import {
  optionalString,
  parseCommandArgs,
  parseJsonObjectOption,
  parseJsonOption,
  requirePositional,
  requireString,
} from '../args.ts';
import type { CommandContext, CommandOutput } from '../context.ts';
import { pretty, table } from '../format.ts';

const usage = {
  add: 'embark client add --name NAME --attrs JSON [--contacts JSON] [--owner NAME] [--notes TEXT] [--playbook ID] [--segment S --reason TEXT]',
  import: 'embark client import FILE.csv [--skip-invalid | --dry-run]',
  list: 'embark client list [--archived]',
  show: 'embark client show ID',
  edit: 'embark client edit ID [--name NAME] [--attrs JSON] [--contacts JSON] [--owner NAME] [--notes TEXT] [--reclassify]',
  archive: 'embark client archive ID',
};

export async function clientCommand(
  ctx: CommandContext,
): Promise<CommandOutput> {
  const [verb, ...rest] = ctx.args;
  switch (verb) {
    case 'add':
      return add(ctx, rest);
    case 'import':
      return importCsv(ctx, rest);
    case 'list': {
      const { values } = parseCommandArgs(
        rest,
        { archived: { type: 'boolean' } },
        usage.list,
      );
      const clients = listClients(ctx.workspace(), {
        archived: values.archived === true,
      });
      return {
        value: clients,
        text: table(
          ['ID', 'NAME', 'SEGMENT', 'RISK', 'OWNER'],
          clients.map((c) => [c.id, c.name, c.segment, c.riskTier, c.owner]),
        ),
      };
    }
    case 'show': {
      const { positionals } = parseCommandArgs(rest, {}, usage.show);
      const id = requirePositional(positionals, 0, 'client ID', usage.show);
      const client = getClient(ctx.workspace(), id);
      return { value: client, text: pretty(client) };
    }
    case 'edit':
      return edit(ctx, rest);
    case 'archive': {
      const { values, positionals } = parseCommandArgs(rest, {}, usage.archive);
      const id = requirePositional(positionals, 0, 'client ID', usage.archive);
      const ws = ctx.workspace();
      const client = archiveClient(
        ws,
        id,
        currentActor(ws, optionalString(values, 'as')),
      );
      return { value: client, text: `Archived ${client.name}.` };
    }
    default:
      throw new EmbarkError(
        'INVALID_INPUT',
        `Unknown client command "${verb ?? ''}"; use one of: ${Object.values(usage).join(' | ')}`,
      );
  }
}

function add(ctx: CommandContext, rest: string[]): CommandOutput {
  const { values } = parseCommandArgs(
    rest,
    {
      name: { type: 'string' },
      attrs: { type: 'string' },
      contacts: { type: 'string' },
      owner: { type: 'string' },
      notes: { type: 'string' },
      playbook: { type: 'string' },
      segment: { type: 'string' },
      reason: { type: 'string' },
    },
    usage.add,
  );
  const name = requireString(values, 'name', usage.add);
  const ws = ctx.workspace();
  const result = addClient(
    ws,
    {
      name,
      attributes: parseJsonObjectOption(values, 'attrs') ?? {},
      contacts: parseJsonOption(values, 'contacts') ?? [],
      owner: optionalString(values, 'owner'),
      notes: optionalString(values, 'notes'),
    },
    {
      playbookId: optionalString(values, 'playbook'),
      segment: optionalString(values, 'segment'),
      reason: optionalString(values, 'reason'),
    },
    currentActor(ws, optionalString(values, 'as')),
  );
  return {
    value: result,
    text:
      `Added ${name} (${result.clientId}): segment ${result.segment}, ` +
      `risk ${result.riskTier}, journey ${result.journeyId}.`,
  };
}

function importCsv(ctx: CommandContext, rest: string[]): CommandOutput {
  const { values, positionals } = parseCommandArgs(
    rest,
    { 'skip-invalid': { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    usage.import,
  );
  const file = path.resolve(
    ctx.cwd,
    requirePositional(positionals, 0, 'FILE.csv', usage.import),
  );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new EmbarkError('NOT_FOUND', `File ${file} not found.`, { file });
  }
  const ws = ctx.workspace();
  const result = importClients(
    ws,
    text,
    {
      skipInvalid: values['skip-invalid'] === true,
      dryRun: values['dry-run'] === true,
    },
    currentActor(ws, optionalString(values, 'as')),
  );
  const dryRun = values['dry-run'] === true;
  const lines = [
    dryRun
      ? `Dry run: ${result.valid} valid row(s), ${result.errors.length} invalid; nothing imported.`
      : `Imported ${result.added.length} client(s).`,
    ...result.errors.map(
      (e) => `  ${dryRun ? 'invalid' : 'skipped'} line ${e.line}: ${e.message}`,
    ),
  ];
  return { value: result, text: lines.join('\n') };
}

function edit(ctx: CommandContext, rest: string[]): CommandOutput {
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      name: { type: 'string' },
      attrs: { type: 'string' },
      contacts: { type: 'string' },
      owner: { type: 'string' },
      notes: { type: 'string' },
      reclassify: { type: 'boolean' },
    },
    usage.edit,
  );
  const id = requirePositional(positionals, 0, 'client ID', usage.edit);
  const ws = ctx.workspace();
  const result = updateClient(
    ws,
    id,
    {
      name: optionalString(values, 'name'),
      attributes: parseJsonObjectOption(values, 'attrs'),
      contacts: parseJsonOption(values, 'contacts'),
      owner: optionalString(values, 'owner'),
      notes: optionalString(values, 'notes'),
    },
    { reclassify: values.reclassify === true },
    currentActor(ws, optionalString(values, 'as')),
  );
  const { segment, riskTier } = result.classification;
  const lines = [`Updated ${result.client.name}.`];
  if (result.reclassified) {
    lines.push(`Reclassified as ${segment}, risk ${riskTier}.`);
  } else if (result.reclassificationOffered) {
    lines.push(
      `The attributes now classify as ${segment}, risk ${riskTier}; ` +
        'run the same command with --reclassify to apply it.',
    );
  }
  if (result.migrateHint) {
    lines.push(`Preview the journey's move: ${result.migrateHint}`);
  }
  return { value: result, text: lines.join('\n') };
}
