import type { Migration } from './types.ts';

type JourneyRow = { rowid: number; id: string; state: string };

/**
 * Moves each journey's step runs out of its state JSON into rows of their
 * own. A step changes one or two runs, so a commit now writes those rows
 * instead of the whole run list, which grows with every step.
 */
export const journeyRuns: Migration = {
  version: 3,
  up(db) {
    db.exec(`
      CREATE TABLE journey_runs (
        journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, -- position in the journey's run list
        run TEXT NOT NULL, -- JSON
        PRIMARY KEY (journey_id, seq)
      ) WITHOUT ROWID;
    `);
    const insert = db.prepare(
      'INSERT INTO journey_runs (journey_id, seq, run) VALUES (?, ?, ?)',
    );
    const update = db.prepare('UPDATE journeys SET state = ? WHERE id = ?');
    // Batches by rowid: a statement cannot write while another iterates.
    const batch = db.prepare(
      'SELECT rowid, id, state FROM journeys WHERE rowid > ? ORDER BY rowid LIMIT 500',
    );
    let after = 0;
    for (;;) {
      const rows = batch.all(after) as JourneyRow[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const { runs, ...rest } = JSON.parse(row.state) as {
          runs?: unknown[];
        };
        (runs ?? []).forEach((run, seq) =>
          insert.run(row.id, seq, JSON.stringify(run)),
        );
        update.run(JSON.stringify(rest), row.id);
        after = row.rowid;
      }
    }
  },
};
