import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  closeLogger,
  createLogger,
  getLogger,
  logFilePath,
} from '../../src-main/log.ts';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embark-log-'));
  file = logFilePath(dir);
});

afterEach(() => {
  closeLogger();
  fs.rmSync(dir, { recursive: true, force: true });
});

function lines(): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('logger', () => {
  it('writes namespaced JSON lines to the data folder', () => {
    const log = getLogger('journeys');
    createLogger({ file });
    log.info({ journeyId: 'j1' }, 'journey started');
    const [entry] = lines();
    expect(entry).toMatchObject({
      ns: 'journeys',
      journeyId: 'j1',
      msg: 'journey started',
      level: 30,
    });
    expect(file).toBe(path.join(dir, 'logs', 'embark.log'));
  });

  it('redacts emails, tokens and names', () => {
    createLogger({ file });
    getLogger('invites').info(
      {
        email: 'ada@example.com',
        token: 'tok-secret-123',
        invite: { email: 'grace@example.com', token: 'tok-456' },
        personName: 'Ada Lovelace',
        contacts: [{ name: 'Grace', email: 'grace@example.com' }],
        stepKey: 'upload',
      },
      'invite sent',
    );
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('example.com');
    expect(text).not.toContain('tok-');
    expect(text).not.toContain('Lovelace');
    expect(text).not.toContain('Grace');
    const [entry] = lines();
    expect(entry?.email).toBe('[redacted]');
    expect(entry?.stepKey).toBe('upload');
  });

  it('drops lines below the level', () => {
    createLogger({ file, level: 'warn' });
    const log = getLogger('sla');
    log.info('hidden');
    log.warn('shown');
    expect(lines().map((entry) => entry.msg)).toEqual(['shown']);
  });

  it('reads the level from EMBARK_LOG_LEVEL', () => {
    process.env.EMBARK_LOG_LEVEL = 'debug';
    try {
      createLogger({ file });
      getLogger('db').debug('details');
      expect(lines().map((entry) => entry.msg)).toEqual(['details']);
    } finally {
      delete process.env.EMBARK_LOG_LEVEL;
    }
  });

  it('writes nothing without a file', () => {
    createLogger({});
    getLogger('cli').error('not written');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('rejects an unknown level', () => {
    expect(() => createLogger({ file, level: 'loud' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(fs.existsSync(file)).toBe(false);
  });
});
