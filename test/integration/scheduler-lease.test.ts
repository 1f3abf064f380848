import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openDatabase } from '../../src-main/db/open.ts';
import {
  acquireSchedulerLease,
  releaseSchedulerLease,
} from '../../src-main/scheduler/lease.ts';

const TTL_MS = 30_000;
const start = new Date('2025-03-01T09:00:00.000Z');
const later = (ms: number) => new Date(start.getTime() + ms);

let dir: string;
let app: Database.Database;
let cli: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embark-lease-'));
  const file = path.join(dir, 'embark.db');
  app = openDatabase(file);
  cli = openDatabase(file);
});

afterEach(() => {
  app.close();
  cli.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('scheduler lease', () => {
  it('lets one connection hold it at a time', () => {
    expect(acquireSchedulerLease(app, 'app', start, TTL_MS)).toBe(true);
    expect(acquireSchedulerLease(cli, 'cli', later(1000), TTL_MS)).toBe(false);
  });

  it('passes on after a release', () => {
    acquireSchedulerLease(app, 'app', start, TTL_MS);
    expect(releaseSchedulerLease(cli, 'cli')).toBe(false);
    expect(releaseSchedulerLease(app, 'app')).toBe(true);
    expect(acquireSchedulerLease(cli, 'cli', later(1000), TTL_MS)).toBe(true);
    expect(acquireSchedulerLease(app, 'app', later(2000), TTL_MS)).toBe(false);
  });

  it('passes on after it expires', () => {
    acquireSchedulerLease(app, 'app', start, TTL_MS);
    expect(acquireSchedulerLease(cli, 'cli', later(TTL_MS - 1), TTL_MS)).toBe(
      false,
    );
    expect(acquireSchedulerLease(cli, 'cli', later(TTL_MS), TTL_MS)).toBe(true);
  });

  it('extends the holder lease', () => {
    acquireSchedulerLease(app, 'app', start, TTL_MS);
    expect(acquireSchedulerLease(app, 'app', later(20_000), TTL_MS)).toBe(true);
    expect(acquireSchedulerLease(cli, 'cli', later(TTL_MS), TTL_MS)).toBe(
      false,
    );
    const row = cli.prepare('SELECT * FROM scheduler_lease').get();
    expect(row).toEqual({
      id: 1,
      owner: 'app',
      expires_at: later(20_000 + TTL_MS).toISOString(),
    });
  });

  it('rejects an invalid duration or owner', () => {
    expect(() => acquireSchedulerLease(app, 'app', start, 0)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => acquireSchedulerLease(app, ' ', start, TTL_MS)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(app.prepare('SELECT * FROM scheduler_lease').all()).toEqual([]);
  });
});
