import type Database from 'better-sqlite3';
import { z } from 'zod';
import { EmbarkError } from '../../src-shared/errors.ts';
import { defaultStages } from '../../src-shared/playbooks/model.ts';
import {
  defaultSegmentRules,
  validateSegmentRules,
  type SegmentRules,
} from '../../src-shared/segments/table.ts';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../documents/store.ts';
import { statement } from '../db/statements.ts';

export const identitySchema = z.object({
  name: z.string().trim().min(1, 'name must not be empty'),
  email: z.string().trim().email().optional(),
  roles: z.array(z.string().min(1)).optional(),
});
export type Identity = z.infer<typeof identitySchema>;

/** The way a new workspace was begun: with the sample or empty. */
export const startChoiceSchema = z.enum(['sample', 'empty']);
export type StartChoice = z.infer<typeof startChoiceSchema>;

/** Maximum length of a stage name, in characters: a board column header's width. */
export const maxStageName = 40;

/**
 * Typed access to the JSON values of the `settings` table. Values are
 * cached, and read again once another connection has committed (SQLite's
 * `data_version` changes then).
 */
export class Settings {
  private cache = new Map<string, unknown>();
  private dataVersion = -1;

  constructor(private readonly db: Database.Database) {}

  private read(key: string): unknown {
    const version = statement(this.db, 'PRAGMA data_version')
      .pluck()
      .get() as number;
    if (version !== this.dataVersion) {
      this.cache.clear();
      this.dataVersion = version;
    }
    if (this.cache.has(key)) return this.cache.get(key);
    const value = this.readStored(key);
    this.cache.set(key, value);
    return value;
  }

  private readStored(key: string): unknown {
    const row = statement(
      this.db,
      'SELECT value FROM settings WHERE key = ?',
    ).get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  private write(key: string, value: unknown): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value) VALUES (?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      )
      .run(key, JSON.stringify(value));
    // Inside a transaction the write may still roll back, so the value is
    // read again from the database until then.
    if (this.db.inTransaction) this.cache.delete(key);
    else this.cache.set(key, value);
  }

  /** The local user on whose behalf actions are recorded. */
  identity(): Identity {
    const stored = identitySchema.safeParse(this.read('identity'));
    if (stored.success) return stored.data;
    return { name: process.env.EMBARK_USER ?? osUserName() };
  }

  setIdentity(value: unknown): Identity {
    const parsed = identitySchema.safeParse(value);
    if (!parsed.success) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Invalid identity: ${parsed.error.issues[0]?.message ?? 'unknown'}`,
      );
    }
    this.write('identity', parsed.data);
    return parsed.data;
  }

  segmentRules(): SegmentRules {
    const stored = this.read('segmentRules');
    return stored === undefined
      ? defaultSegmentRules
      : validateSegmentRules(stored);
  }

  setSegmentRules(value: unknown): SegmentRules {
    const rules = validateSegmentRules(value);
    this.write('segmentRules', rules);
    return rules;
  }

  stages(): string[] {
    const stored = this.read('stages');
    if (stored === undefined) return [...defaultStages];
    const parsed = z.array(z.string()).safeParse(stored);
    return parsed.success ? parsed.data : [...defaultStages];
  }

  /**
   * Replaces the board's stage list. Names are trimmed; an empty list, an
   * empty name or a name given twice is rejected.
   */
  setStages(value: readonly string[]): string[] {
    const stages = value.map((stage) => stage.trim());
    if (stages.length === 0 || stages.some((stage) => stage === '')) {
      throw new EmbarkError(
        'INVALID_INPUT',
        'The stage list needs at least one stage, and every stage a name.',
        { stages },
      );
    }
    const long = stages.find((stage) => stage.length > maxStageName);
    if (long !== undefined) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Stage "${long.slice(0, 20)}…" is longer than ${maxStageName} ` +
          'characters; give it a shorter name that fits a board column.',
        { stage: long },
      );
    }
    const repeated = stages.find((stage, i) => stages.indexOf(stage) !== i);
    if (repeated !== undefined) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Stage "${repeated}" is listed twice; give each stage once.`,
        { stage: repeated },
      );
    }
    this.write('stages', stages);
    return stages;
  }

  maxDocumentBytes(): number {
    const stored = z
      .number()
      .int()
      .positive()
      .safeParse(this.read('maxDocumentBytes'));
    return stored.success ? stored.data : DEFAULT_MAX_DOCUMENT_BYTES;
  }

  setMaxDocumentBytes(bytes: number): void {
    this.write('maxDocumentBytes', bytes);
  }

  /** Returns the first-run choice, or undefined until the user makes it. */
  startChoice(): StartChoice | undefined {
    const stored = startChoiceSchema.safeParse(this.read('startChoice'));
    return stored.success ? stored.data : undefined;
  }

  setStartChoice(choice: StartChoice): StartChoice {
    this.write('startChoice', startChoiceSchema.parse(choice));
    return choice;
  }
}

function osUserName(): string {
  return process.env.USER ?? process.env.USERNAME ?? 'coordinator';
}
