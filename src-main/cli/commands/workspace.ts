import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { databaseFile, previousDatabaseFile } from '../../workspace/paths.ts';
import path from 'node:path';
import { EmbarkError } from '../../../src-shared/errors.ts';
import { riskTiers, segments } from '../../../src-shared/playbooks/model.ts';
import { classifyClient } from '../../../src-shared/segments/table.ts';
import { parseClientAttributes } from '../../../src-shared/segments/attributes.ts';
import { checkBackupFile } from '../../db/backup-check.ts';
import { backupDatabase, restoreDatabase } from '../../db/backup.ts';
import { boardData } from '../../journeys/board.ts';
import { createSampleWorkspace } from '../../sample/workspace.ts';
import {
  optionalChoice,
  optionalString,
  parseCommandArgs,
  parseJsonObjectOption,
  parsePositiveInt,
  requirePositional,
  requireString,
} from '../args.ts';
import type { CommandContext, CommandOutput } from '../context.ts';
import { pretty, table } from '../format.ts';

export async function sampleCommand(
  ctx: CommandContext,
): Promise<CommandOutput> {
  const usage = 'embark sample-workspace [--clients N]';
  const { values } = parseCommandArgs(
    ctx.args,
    { clients: { type: 'string' } },
    usage,
  );
  const count = parsePositiveInt(values, 'clients') ?? 30;
  if (count > 20_000) {
    throw new EmbarkError(
      'INVALID_INPUT',
      `--clients must be at most 20000, not ${count}.`,
    );
  }
  const result = await createSampleWorkspace(ctx.workspace(), count, {
    onProgress: (done, total) => {
      if (done % 10 === 0 || done === total) {
        ctx.progress(`sample workspace: ${done}/${total} clients`);
      }
    },
  });
  return {
    value: result,
    text: `Added ${result.clients} sample clients with ${result.journeys} journeys to ${ctx.dataDir}.`,
  };
}

export async function backupCommand(
  ctx: CommandContext,
): Promise<CommandOutput> {
  const usage = 'embark backup FILE [--overwrite]';
  const { values, positionals } = parseCommandArgs(
    ctx.args,
    { overwrite: { type: 'boolean' } },
    usage,
  );
  const file = path.resolve(
    ctx.cwd,
    requirePositional(positionals, 0, 'FILE', usage),
  );
  const ws = ctx.workspace();
  const result = await backupDatabase(ws.db, ws.documents, file, {
    overwrite: values.overwrite === true,
  });
  return {
    value: result,
    text: `Backed up the database and ${result.documents} document(s) to ${result.file}.`,
  };
}

export async function restoreCommand(
  ctx: CommandContext,
): Promise<CommandOutput> {
  const usage = 'embark restore FILE [--overwrite]';
  const { values, positionals } = parseCommandArgs(
    ctx.args,
    { overwrite: { type: 'boolean' } },
    usage,
  );
  const file = path.resolve(
    ctx.cwd,
    requirePositional(positionals, 0, 'FILE', usage),
  );
  // An invalid file fails as BACKUP_INVALID whatever the flags, before
  // anything in the data folder is copied or changed.
  const source = checkBackupFile(file);
  const current = databaseFile(ctx.dataDir);
  let keptAs: string | undefined;
  if (existsSync(current) && statSync(current).size > 0) {
    if (values.overwrite !== true) {
      source.close();
      throw new EmbarkError(
        'INVALID_INPUT',
        `${ctx.dataDir} already holds a database; pass --overwrite to replace it (the current one is kept beside it as a copy).`,
      );
    }
    keptAs = previousDatabaseFile(ctx.dataDir, new Date());
    try {
      copyFileSync(current, keptAs);
    } catch (error) {
      source.close();
      throw error;
    }
  }
  const result = await restoreDatabase(ctx.dataDir, file, source);
  return {
    value: {
      file,
      dataDir: ctx.dataDir,
      documents: result.documents,
      ...(keptAs ? { previousDatabase: keptAs } : {}),
    },
    text:
      `Restored ${file} into ${ctx.dataDir} (${result.documents} document(s)).` +
      (keptAs ? ` The previous database is kept as ${keptAs}.` : ''),
  };
}

export function segmentsCommand(ctx: CommandContext): CommandOutput {
  const usage = {
    show: 'embark segments show',
    set: 'embark segments set FILE.json',
    classify: 'embark segments classify --attrs JSON',
  };
  const [verb, ...rest] = ctx.args;
  const ws = ctx.workspace();
  switch (verb) {
    case 'show': {
      parseCommandArgs(rest, {}, usage.show);
      const rules = ws.settings.segmentRules();
      return { value: rules, text: pretty(rules) };
    }
    case 'set': {
      const { positionals } = parseCommandArgs(rest, {}, usage.set);
      const file = path.resolve(
        ctx.cwd,
        requirePositional(positionals, 0, 'FILE', usage.set),
      );
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new EmbarkError(
          'INVALID_INPUT',
          `Cannot read segment rules from ${file}: ${(error as Error).message}`,
        );
      }
      const rules = ws.settings.setSegmentRules(value);
      return { value: rules, text: 'Segment rules saved.' };
    }
    case 'classify': {
      const { values } = parseCommandArgs(
        rest,
        { attrs: { type: 'string' } },
        usage.classify,
      );
      requireString(values, 'attrs', usage.classify);
      const attributes = parseClientAttributes(
        parseJsonObjectOption(values, 'attrs'),
      );
      const result = classifyClient(attributes, ws.settings.segmentRules());
      return {
        value: result,
        text: `Segment ${result.segment} (rule ${result.segmentRule}), risk ${result.riskTier} (rule ${result.riskRule}).`,
      };
    }
    default:
      throw new EmbarkError(
        'INVALID_INPUT',
        `Unknown segments command "${verb ?? ''}"; use one of: ${Object.values(usage).join(' | ')}`,
      );
  }
}

export function identityCommand(ctx: CommandContext): CommandOutput {
  const usage =
    'embark identity [show | set --name NAME [--email EMAIL] [--roles a,b]]';
  const [verb = 'show', ...rest] = ctx.args;
  const ws = ctx.workspace();
  if (verb === 'show') {
    parseCommandArgs(rest, {}, usage);
    const identity = ws.settings.identity();
    return {
      value: identity,
      text: `${identity.name}${identity.email ? ` <${identity.email}>` : ''}`,
    };
  }
  if (verb === 'set') {
    const { values } = parseCommandArgs(
      rest,
      {
        name: { type: 'string' },
        email: { type: 'string' },
        roles: { type: 'string' },
      },
      usage,
    );
    const roles = optionalString(values, 'roles');
    const identity = ws.settings.setIdentity({
      name: requireString(values, 'name', usage),
      email: optionalString(values, 'email'),
      roles: roles ? roles.split(',').map((role) => role.trim()) : undefined,
    });
    return {
      value: identity,
      text: `Actions are now recorded as ${identity.name}.`,
    };
  }
  throw new EmbarkError(
    'INVALID_INPUT',
    `Unknown identity command "${verb}". Usage: ${usage}`,
  );
}

export function boardCommand(ctx: CommandContext): CommandOutput {
  const usage =
    'embark board [--segment S] [--stage S] [--risk R] [--owner NAME] [--incidents] [--limit N]';
  const { values } = parseCommandArgs(
    ctx.args,
    {
      segment: { type: 'string' },
      stage: { type: 'string' },
      risk: { type: 'string' },
      owner: { type: 'string' },
      incidents: { type: 'boolean' },
      limit: { type: 'string' },
    },
    usage,
  );
  const ws = ctx.workspace();
  const data = boardData(ws, {
    segment: optionalChoice(values, 'segment', segments),
    stage: optionalChoice(values, 'stage', ws.settings.stages()),
    riskTier: optionalChoice(values, 'risk', riskTiers),
    owner: optionalString(values, 'owner'),
    hasIncident: values.incidents === true ? true : undefined,
    limit: parsePositiveInt(values, 'limit'),
  });
  const count = (segment: string, stage: string) =>
    data.counts.find((c) => c.segment === segment && c.stage === stage)
      ?.count ?? 0;
  const counts = table(
    ['SEGMENT', ...data.stages],
    segments.map((segment) => [
      segment,
      ...data.stages.map((stage) => count(segment, stage)),
    ]),
  );
  const cards = table(
    ['CLIENT', 'SEGMENT', 'STAGE', 'PROGRESS', 'NEXT STEP', 'OWNER'],
    data.cards.map((card) => [
      card.clientName,
      card.segment,
      card.stage,
      `${card.progress}%`,
      card.nextStep ?? (card.status === 'completed' ? 'completed' : '-'),
      card.owner,
    ]),
  );
  return {
    value: data,
    text: `${counts}\n\nMost recently updated:\n${cards}`,
  };
}
