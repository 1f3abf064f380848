import type Database from 'better-sqlite3';

const caches = new WeakMap<
  Database.Database,
  Map<string, Database.Statement>
>();

/** Returns a prepared statement, compiled once per connection and SQL text. */
export function statement(
  db: Database.Database,
  sql: string,
): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

type Runner = Database.Transaction<(body: () => unknown) => unknown>;

const runners = new WeakMap<Database.Database, Runner>();

/**
 * Runs `body` in a `BEGIN IMMEDIATE` transaction, or in a savepoint when a
 * transaction is already open. The wrapper is built once per connection,
 * because building one takes a measurable share of a small commit's time.
 */
export function immediateTransaction<T>(
  db: Database.Database,
  body: () => T,
): T {
  let runner = runners.get(db);
  if (!runner) {
    runner = db.transaction((inner: () => unknown) => inner());
    runners.set(db, runner);
  }
  return runner.immediate(body) as T;
}
