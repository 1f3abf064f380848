import { writeFileSync } from 'node:fs';
import { EmbarkError } from '../../../src-shared/errors.ts';
import { listPlaybooks } from '../../playbooks/store.ts';
import {
  exportPlaybook,
  importPlaybookFile,
  validatePlaybookFile,
} from '../../playbooks/transfer.ts';
import { currentActor } from '../../workspace/workspace.ts';
import {
  optionalString,
  parseCommandArgs,
  parsePositiveInt,
  requirePositional,
  requireString,
} from '../args.ts';
import type { CommandContext, CommandOutput } from '../context.ts';
import { table } from '../format.ts';
import path from 'node:path';

const usage = {
  list: 'embark playbook list',
  import:
    'embark playbook import FILE [--segment S] [--process ID] [--id PLAYBOOK_ID]',
  export:
    'embark playbook export ID --format bpmn|json [--version N] [--out FILE]',
  validate: 'embark playbook validate FILE',
};

export async function playbookCommand(
  ctx: CommandContext,
): Promise<CommandOutput> {
  const [verb, ...rest] = ctx.args;
  switch (verb) {
    case 'list': {
      parseCommandArgs(rest, {}, usage.list);
      const playbooks = listPlaybooks(ctx.workspace());
      return {
        value: playbooks,
        text: table(
          ['ID', 'NAME', 'SEGMENT', 'VERSION'],
          playbooks.map((p) => [p.id, p.name, p.segment ?? '-', p.version]),
        ),
      };
    }
    case 'import': {
      const { values, positionals } = parseCommandArgs(
        rest,
        {
          segment: { type: 'string' },
          process: { type: 'string' },
          id: { type: 'string' },
        },
        usage.import,
      );
      const file = path.resolve(
        ctx.cwd,
        requirePositional(positionals, 0, 'FILE', usage.import),
      );
      const ws = ctx.workspace();
      const report = await importPlaybookFile(
        ws,
        file,
        {
          segment: optionalString(values, 'segment'),
          processId: optionalString(values, 'process'),
          id: optionalString(values, 'id'),
        },
        currentActor(ws, optionalString(values, 'as')),
      );
      const warnings = report.warnings.map(
        (w) => `  ${w.elementId}: ${w.message}`,
      );
      return {
        value: {
          id: report.id,
          version: report.version,
          nodes: report.nodes,
          warnings: report.warnings,
        },
        text: [
          `Imported "${report.name}" as ${report.id} version ${report.version} (${report.nodes} nodes).`,
          report.warnings.length
            ? `Import report (${report.warnings.length}):\n${warnings.join('\n')}`
            : 'Every element has an exact equivalent.',
        ].join('\n'),
      };
    }
    case 'export': {
      const { values, positionals } = parseCommandArgs(
        rest,
        {
          format: { type: 'string' },
          version: { type: 'string' },
          out: { type: 'string' },
        },
        usage.export,
      );
      const id = requirePositional(positionals, 0, 'playbook ID', usage.export);
      const format = requireString(values, 'format', usage.export);
      const content = await exportPlaybook(
        ctx.workspace(),
        id,
        format,
        parsePositiveInt(values, 'version'),
      );
      const out = optionalString(values, 'out');
      if (out) {
        writeFileSync(path.resolve(ctx.cwd, out), content);
        return {
          value: { id, format, file: path.resolve(ctx.cwd, out) },
          text: `Wrote ${out}.`,
        };
      }
      return ctx.json
        ? { value: format === 'json' ? JSON.parse(content) : content }
        : { value: content, text: content.trimEnd() };
    }
    case 'validate': {
      const { positionals } = parseCommandArgs(rest, {}, usage.validate);
      const file = path.resolve(
        ctx.cwd,
        requirePositional(positionals, 0, 'FILE', usage.validate),
      );
      const result = await validatePlaybookFile(file);
      const lines = [
        result.valid ? 'Valid.' : 'Invalid.',
        ...result.errors.map((e) => `  error: ${e.message}`),
        ...result.warnings.map((w) => `  warning: ${w.message}`),
      ];
      return { value: result, text: lines.join('\n') };
    }
    default:
      throw new EmbarkError(
        'INVALID_INPUT',
        `Unknown playbook command "${verb ?? ''}"; use one of: ${Object.values(usage).join(' | ')}`,
      );
  }
}
