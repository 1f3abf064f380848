import { describe, expect, it } from 'vitest';
import {
  addDuration,
  parseDuration,
} from '../../../src-shared/journeys/duration.ts';
import { applyCommand } from '../../../src-shared/journeys/engine.ts';
import { buildPlaybook, catchError, Driver, t0 } from './builders.ts';

describe('durations', () => {
  it('parses every part', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7.5,
    });
  });

  it('adds months on the calendar', () => {
    expect(addDuration('2024-01-31T10:00:00Z', 'P1M')).toBe(
      '2024-02-29T10:00:00.000Z',
    );
    expect(addDuration('2023-01-31T10:00:00Z', 'P1M')).toBe(
      '2023-02-28T10:00:00.000Z',
    );
    expect(addDuration('2024-02-29T00:00:00Z', 'P1Y')).toBe(
      '2025-02-28T00:00:00.000Z',
    );
    expect(addDuration('2024-11-15T00:00:00Z', 'P2M1DT1H')).toBe(
      '2025-01-16T01:00:00.000Z',
    );
  });

  it('rejects a malformed duration', () => {
    const error = catchError(() => parseDuration('7 days'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('"7 days"');
  });
});

describe('wait steps', () => {
  const playbook = buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      { key: 'cool_off', kind: 'wait', wait: { duration: 'P2D' } },
      { key: 'call', kind: 'task' },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'cool_off'],
      ['cool_off', 'call'],
      ['call', 'end'],
    ],
  );

  it('completes when its timer fires, once', () => {
    const driver = new Driver(playbook);
    expect(driver.stateOf('cool_off')).toBe('in_progress');
    const timer = driver.state.timers[0];
    expect(timer).toMatchObject({
      kind: 'wait',
      fireAt: '2024-05-03T09:00:00.000Z',
    });
    expect(driver.last.effects).toContainEqual(
      expect.objectContaining({ type: 'scheduleTimer', kind: 'wait' }),
    );
    driver.run({ type: 'fireTimer', timerId: timer?.id ?? '' });
    expect(driver.stateOf('cool_off')).toBe('done');
    expect(driver.stateOf('call')).toBe('ready');
    expect(driver.state.timers).toEqual([]);
    const again = driver.run({ type: 'fireTimer', timerId: timer?.id ?? '' });
    expect(again.events).toEqual([]);
    expect(again.effects).toEqual([]);
    expect(driver.runsOf('call')).toHaveLength(1);
  });

  it('waits until a date', () => {
    const dated = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'hold', kind: 'wait', wait: { until: '2024-06-01' } },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'hold'],
        ['hold', 'end'],
      ],
    );
    const driver = new Driver(dated);
    expect(driver.state.timers[0]?.fireAt).toBe('2024-06-01T00:00:00.000Z');
  });

  it('refuses a due timer while paused', () => {
    const driver = new Driver(playbook);
    const timerId = driver.state.timers[0]?.id ?? '';
    driver.run({ type: 'pause' });
    const error = catchError(() =>
      applyCommand(
        driver.playbook,
        driver.state,
        { type: 'fireTimer', timerId },
        driver.ctx(),
      ),
    );
    expect(error.code).toBe('JOURNEY_NOT_ACTIVE');
    driver.run({ type: 'resume' });
    expect(driver.last.effects).toEqual([
      expect.objectContaining({ type: 'scheduleTimer', timerId }),
    ]);
  });
});

describe('deadlines and reminders', () => {
  const playbook = buildPlaybook(
    [
      { key: 'start', kind: 'start' },
      {
        key: 'questionnaire',
        kind: 'task',
        deadline: { after: 'P5D', edge: 'late' },
        reminders: { every: 'P1D', times: 2 },
      },
      { key: 'escalate', kind: 'task' },
      { key: 'review', kind: 'task' },
      { key: 'end', kind: 'end' },
    ],
    [
      ['start', 'questionnaire'],
      ['questionnaire', 'review', { key: 'on_time' }],
      ['questionnaire', 'escalate', { key: 'late' }],
      ['escalate', 'review'],
      ['review', 'end'],
    ],
  );

  const timerOf = (driver: Driver, kind: string) =>
    driver.state.timers.find((timer) => timer.kind === kind)?.id ?? '';

  it('takes the deadline edge when the step is late', () => {
    const driver = new Driver(playbook);
    expect(driver.state.timers.map((timer) => timer.kind)).toEqual([
      'deadline',
      'reminder',
    ]);
    driver.run({ type: 'fireTimer', timerId: timerOf(driver, 'deadline') });
    expect(driver.stateOf('questionnaire')).toBe('cancelled');
    expect(driver.runsOf('questionnaire')[0]?.reason).toBe('deadline passed');
    expect(driver.eventTypes()).toContain('sla.breached');
    expect(driver.stateOf('escalate')).toBe('ready');
    expect(driver.stateOf('review')).toBe('blocked');
    expect(driver.state.timers).toEqual([]);
    expect(driver.last.effects).toContainEqual(
      expect.objectContaining({ type: 'cancelTimers' }),
    );
  });

  it('does not take the deadline edge when done in time', () => {
    const driver = new Driver(playbook);
    driver.run({ type: 'complete', key: 'questionnaire' });
    expect(driver.stateOf('review')).toBe('ready');
    expect(driver.stateOf('escalate')).toBe('skipped');
    expect(driver.state.timers).toEqual([]);
  });

  it('sends reminders up to the limit', () => {
    const driver = new Driver(playbook);
    driver.run({ type: 'fireTimer', timerId: timerOf(driver, 'reminder') });
    expect(driver.eventTypes()).toEqual(['step.reminder']);
    expect(driver.last.effects[0]).toMatchObject({
      type: 'notify',
      topic: 'step.reminder',
      role: 'ops',
    });
    const second = driver.state.timers.find(
      (timer) => timer.kind === 'reminder',
    );
    expect(second?.fireAt).toBe('2024-05-03T09:00:00.000Z');
    driver.run({ type: 'fireTimer', timerId: second?.id ?? '' });
    expect(driver.state.timers.map((timer) => timer.kind)).toEqual([
      'deadline',
    ]);
  });

  it('keeps reminders going until the step ends', () => {
    const endless = buildPlaybook(
      [
        { key: 'start', kind: 'start' },
        { key: 'sign', kind: 'task', reminders: { every: 'PT12H' } },
        { key: 'end', kind: 'end' },
      ],
      [
        ['start', 'sign'],
        ['sign', 'end'],
      ],
    );
    const driver = new Driver(endless);
    for (let round = 0; round < 3; round++) {
      driver.run({
        type: 'fireTimer',
        timerId: driver.state.timers[0]?.id ?? '',
      });
    }
    expect(driver.state.timers).toHaveLength(1);
    expect(driver.state.timers[0]?.fireAt).toBe('2024-05-03T09:00:00.000Z');
    driver.run({ type: 'complete', key: 'sign' });
    expect(driver.state.timers).toEqual([]);
    expect(t0).toBe(driver.now);
  });
});
