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
