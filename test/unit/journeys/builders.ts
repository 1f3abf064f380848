import type {
  Playbook,
  PlaybookEdge,
  PlaybookNode,
} from '../../../src-shared/playbooks/model.ts';
import {
  applyCommand,
  startJourney,
} from '../../../src-shared/journeys/engine.ts';
import {
  applyMigration,
  type MigrationInput,
} from '../../../src-shared/journeys/migrate.ts';
import type {
  Actor,
  Command,
  EngineContext,
  EngineResult,
  JourneyState,
} from '../../../src-shared/journeys/model.ts';

export const t0 = '2024-05-01T09:00:00.000Z';

type NodeInput = Partial<PlaybookNode> & { key: string };
type EdgeInput = [from: string, to: string, extra?: Partial<PlaybookEdge>];

/** Builds a playbook; work steps get the role `ops` unless given one. */
export function buildPlaybook(
  nodes: NodeInput[],
  edges: EdgeInput[],
  id = 'pb',
): Playbook {
  const workKinds = ['task', 'form', 'fileRequest', 'approval'];
  return {
    id,
    version: 1,
    name: id,
    nodes: nodes.map((node) => {
      const kind = node.kind ?? 'task';
      const role = workKinds.includes(kind) ? { role: 'ops' } : {};
      return { name: node.key, ...role, ...node, kind };
    }),
    edges: edges.map(([from, to, extra], index) => ({
      key: extra?.key ?? `e${index + 1}_${from}_${to}`,
      from,
      to,
      ...extra,
    })),
  };
}

/** Runs commands in order with ids from one counter. */
export class Driver {
  private counter = 0;
  state: JourneyState;
  last: EngineResult;
  now = t0;

  constructor(
    public playbook: Playbook,
    vars: Record<string, unknown> = {},
    riskTier: 'low' | 'medium' | 'high' = 'medium',
  ) {
    this.last = startJourney(
      playbook,
      { id: 'j1', clientId: 'c1', segment: 'smb', riskTier, vars },
      this.ctx(),
    );
    this.state = this.last.state;
  }

  ctx(actor: Actor = { name: 'Ana' }): EngineContext {
    return { now: this.now, newId: () => `id${++this.counter}`, actor };
  }

  run(command: Command, actor?: Actor): EngineResult {
    this.last = applyCommand(
      this.playbook,
      this.state,
      command,
      this.ctx(actor),
    );
    this.state = this.last.state;
    return this.last;
  }

  /** Moves the journey to `to`; later commands run on that playbook. */
  migrate(to: Playbook, input: MigrationInput): EngineResult {
    this.last = applyMigration(
      this.playbook,
      this.state,
      to,
      this.ctx(),
      input,
    );
    this.playbook = to;
    this.state = this.last.state;
    return this.last;
  }

  /** The state of the latest run of a step, or blocked when it never ran. */
  stateOf(key: string): string {
    const runs = this.state.runs.filter((run) => run.key === key);
    return runs.at(-1)?.state ?? 'blocked';
  }

  runsOf(key: string) {
    return this.state.runs.filter((run) => run.key === key);
  }

  eventTypes(): string[] {
    return this.last.events.map((event) => event.type);
  }
}

/** Calls `action` and returns the EmbarkError it throws. */
export function catchError(action: () => unknown): {
  code: string;
  message: string;
} {
  try {
    action();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error, but the call succeeded');
}
