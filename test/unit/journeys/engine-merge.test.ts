import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../src-shared/journeys/engine.ts';
import { applyMigration } from '../../../src-shared/journeys/migrate.ts';
import { buildPlaybook, Driver } from './builders.ts';

describe('merging nodes', () => {
  // Two branches both route around `merge`, which has two incoming edges.
  const playbook = buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      { key: 'check', kind: 'branch', branch: { mode: 'exclusive' } },
      { key: 'fast', kind: 'task' },
      { key: 'slow', kind: 'task' },
      { key: 'second', kind: 'branch', branch: { mode: 'exclusive' } },
      { key: 'merge', kind: 'task' },
      { key: 'after', kind: 'task' },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'check'],
      ['check', 'fast', { condition: 'fast = true' }],
      ['check', 'slow', { isDefault: true }],
      ['slow', 'second'],
      ['second', 'merge', { condition: 'deep = true' }],
      ['second', 'after', { isDefault: true }],
      ['fast', 'merge'],
      ['merge', 'after'],
      ['after', 'end'],
    ],
  );

  it('skips a step once all its incoming paths are cut', () => {
    const driver = new Driver(playbook, { fast: false, deep: false });
    expect(driver.stateOf('merge')).toBe('blocked');
    driver.run({ type: 'complete', key: 'slow' });
    expect(driver.stateOf('fast')).toBe('skipped');
    expect(driver.stateOf('merge')).toBe('skipped');
    expect(driver.stateOf('after')).toBe('ready');
    driver.run({ type: 'complete', key: 'after' });
    expect(driver.state.status).toBe('completed');
  });

  it('runs the step when one path stays live', () => {
    const driver = new Driver(playbook, { fast: false, deep: true });
    driver.run({ type: 'complete', key: 'slow' });
    expect(driver.stateOf('merge')).toBe('ready');
    driver.run({ type: 'complete', key: 'merge' });
    expect(driver.stateOf('after')).toBe('ready');
  });
});

describe('migration with a new step first', () => {
  const from = buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      { key: 'kickoff', kind: 'task' },
      { key: 'plan', kind: 'task' },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'kickoff'],
      ['kickoff', 'plan'],
      ['plan', 'end'],
    ],
    'small',
  );
  const to = buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      { key: 'intake', kind: 'task' },
      { key: 'kickoff', kind: 'task' },
      { key: 'plan', kind: 'task' },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'intake'],
      ['intake', 'kickoff'],
      ['kickoff', 'plan'],
      ['plan', 'end'],
    ],
    'large',
  );

  it('passes through finished steps after the new one', () => {
    const driver = new Driver(from);
    driver.run({ type: 'complete', key: 'kickoff' });
    const moved = applyMigration(from, driver.state, to, driver.ctx(), {
      reason: 'grew',
    });
    const latest = (state: typeof moved.state, key: string) =>
      state.runs.filter((run) => run.key === key).at(-1)?.state;
    expect(latest(moved.state, 'intake')).toBe('ready');
    expect(latest(moved.state, 'plan')).toBe('blocked');
    expect(moved.state.carried).toContain('kickoff');

    const next = applyCommand(
      to,
      moved.state,
      { type: 'complete', key: 'intake' },
      driver.ctx(),
    );
    const kickoffRuns = next.state.runs.filter((run) => run.key === 'kickoff');
    expect(kickoffRuns).toHaveLength(1);
    const planRuns = next.state.runs.filter((run) => run.key === 'plan');
    expect(planRuns.map((run) => run.state)).toEqual(['ready']);
    expect(next.state.carried ?? []).not.toContain('kickoff');
  });
});
