import { describe, expect, it } from 'vitest';
import {
  applyMigration,
  planMigration,
} from '../../../src-shared/journeys/migrate.ts';
import { applyCommand } from '../../../src-shared/journeys/engine.ts';
import { buildPlaybook, catchError, Driver } from './builders.ts';

const midMarket = buildPlaybook(
  [
    { key: 'start', kind: 'start' },
    { key: 'kickoff', kind: 'task' },
    { key: 'discovery', kind: 'form', form: { schema: {} } },
    { key: 'integration', kind: 'task' },
    { key: 'end', kind: 'end' },
  ],
  [
    ['start', 'kickoff'],
    ['kickoff', 'discovery'],
    ['discovery', 'integration'],
    ['integration', 'end'],
  ],
  'mid',
);

const enterprise = buildPlaybook(
  [
    { key: 'start', kind: 'start' },
    { key: 'kickoff', kind: 'task' },
    { key: 'split', kind: 'fork' },
    { key: 'discovery', kind: 'form', form: { schema: {} } },
    { key: 'security', kind: 'task' },
    { key: 'ready', kind: 'join' },
    { key: 'launch', kind: 'milestone', stage: 'Launch' },
    { key: 'go_live', kind: 'task' },
    { key: 'end', kind: 'end' },
  ],
  [
    ['start', 'kickoff'],
    ['kickoff', 'split'],
    ['split', 'discovery'],
    ['split', 'security'],
    ['discovery', 'ready'],
    ['security', 'ready'],
    ['ready', 'launch'],
    ['launch', 'go_live'],
    ['go_live', 'end'],
  ],
  'ent',
);

const reason = 'grew to 900 employees';

describe('planMigration', () => {
  it('compares work steps by key', () => {
    const driver = new Driver(midMarket);
    expect(planMigration(midMarket, driver.state, enterprise)).toEqual({
      added: ['security', 'launch', 'go_live'],
      removed: ['integration'],
      kept: ['kickoff', 'discovery'],
    });
  });

  it('rejects a cancelled journey as the move would', () => {
    const driver = new Driver(midMarket);
    driver.run({ type: 'cancel', reason: 'lost' });
    const error = catchError(() =>
      planMigration(midMarket, driver.state, enterprise),
    );
    expect(error.code).toBe('JOURNEY_NOT_ACTIVE');
  });
});

describe('applyMigration', () => {
  it('keeps done steps and readies new ones', () => {
    const driver = new Driver(midMarket);
    driver.run({ type: 'complete', key: 'kickoff' });
    driver.run({ type: 'submit', key: 'discovery', data: { users: 40 } });
    const before = structuredClone(driver.state);
    const result = applyMigration(
      midMarket,
      driver.state,
      enterprise,
      driver.ctx(),
      {
        reason,
        segment: 'enterprise',
        riskTier: 'high',
      },
    );
    expect(driver.state).toEqual(before);
    const state = result.state;
    expect(state.playbookId).toBe('ent');
    expect(state.segment).toBe('enterprise');
    expect(state.vars.riskTier).toBe('high');
    const latest = (key: string) =>
      state.runs.filter((run) => run.key === key).at(-1);
    expect(latest('kickoff')?.state).toBe('done');
    expect(latest('discovery')?.state).toBe('done');
    expect(state.runs.filter((run) => run.key === 'discovery')).toHaveLength(1);
    expect(latest('integration')?.state).toBe('cancelled');
    expect(latest('integration')?.reason).toBe('removed by migration');
    expect(latest('security')?.state).toBe('ready');
    expect(state.arrivals.ready).toEqual({ e5_discovery_ready: 'live' });
    expect(result.events.map((event) => event.type)).toEqual([
      'journey.migrated',
      'segment.changed',
      'step.ready',
    ]);
    expect(result.events[0]?.data).toMatchObject({
      added: ['security', 'launch', 'go_live'],
      reason,
    });

    const next = applyCommand(
      enterprise,
      state,
      { type: 'complete', key: 'security' },
      driver.ctx(),
    );
    const goLive = next.state.runs.filter((run) => run.key === 'go_live');
    expect(goLive.map((run) => run.state)).toEqual(['ready']);
    expect(next.state.stage).toBe('Launch');
  });

  it('keeps an open kept step open', () => {
    const driver = new Driver(midMarket);
    driver.run({ type: 'complete', key: 'kickoff' });
    const openRun = driver.runsOf('discovery')[0];
    const result = applyMigration(
      midMarket,
      driver.state,
      enterprise,
      driver.ctx(),
      { reason },
    );
    const discovery = result.state.runs.filter(
      (run) => run.key === 'discovery',
    );
    expect(discovery).toEqual([openRun]);
    expect(
      result.state.runs
        .filter((run) => run.key === 'security')
        .map((run) => run.state),
    ).toEqual(['ready']);
    expect(result.events.map((event) => event.type)).not.toContain(
      'segment.changed',
    );
  });

  it('blocks an open step behind a new one', () => {
    const short = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'kickoff', kind: 'task' },
        { key: 'setup', kind: 'task' },
        { key: 'launch', kind: 'task' },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'kickoff'],
        ['kickoff', 'setup'],
        ['setup', 'launch'],
        ['launch', 'end'],
      ],
      'short',
    );
    const longer = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'kickoff', kind: 'task' },
        { key: 'review', kind: 'task' },
        { key: 'setup', kind: 'task' },
        { key: 'launch', kind: 'task' },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'kickoff'],
        ['kickoff', 'review'],
        ['review', 'setup'],
        ['setup', 'launch'],
        ['launch', 'end'],
      ],
      'short',
    );
    const driver = new Driver(short);
    driver.run({ type: 'complete', key: 'kickoff' });
    const moved = applyMigration(short, driver.state, longer, driver.ctx(), {
      reason,
    });
    let state = moved.state;
    const complete = (key: string) => {
      state = applyCommand(
        longer,
        state,
        { type: 'complete', key },
        driver.ctx(),
      ).state;
    };
    const statesOf = (key: string) =>
      state.runs.filter((run) => run.key === key).map((run) => run.state);
    expect(statesOf('review')).toEqual(['ready']);
    expect(statesOf('setup')).toEqual(['blocked']);
    const early = catchError(() => complete('setup'));
    expect(early.code).toBe('STEP_NOT_READY');
    complete('review');
    expect(statesOf('setup')).toEqual(['ready']);
    expect(statesOf('launch')).toEqual([]);
    complete('setup');
    expect(statesOf('setup')).toEqual(['done']);
    expect(statesOf('launch')).toEqual(['ready']);
    complete('launch');
    expect(state.status).toBe('completed');
  });

  it('refuses a cancelled journey', () => {
    const driver = new Driver(midMarket);
    driver.run({ type: 'cancel', reason: 'lost' });
    const error = catchError(() =>
      applyMigration(midMarket, driver.state, enterprise, driver.ctx(), {
        reason,
      }),
    );
    expect(error.code).toBe('JOURNEY_NOT_ACTIVE');
  });

  it('refuses the wrong source playbook', () => {
    const driver = new Driver(midMarket);
    const error = catchError(() =>
      applyMigration(enterprise, driver.state, midMarket, driver.ctx(), {
        reason,
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('runs on playbook mid version 1');
  });
});
