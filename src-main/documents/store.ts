/**
 * Content-addressed document store: each file lives at
 * `<root>/<first two hex digits>/<sha256 hex>`, so identical uploads share
 * one file and a stored file never changes.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { EmbarkError } from '../../src-shared/errors.ts';

/** Upload size limit unless a slot or setting gives another, in bytes. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Returns the store folder inside a data folder: `<data>/documents`. */
export function documentsPath(dataDir: string): string {
  return path.join(dataDir, 'documents');
}

/** Returns the SHA-256 of `bytes` as lowercase hex. */
export function hashContent(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class DocumentStore {
  constructor(readonly root: string) {}

  /**
   * Stores `bytes` and returns their SHA-256 hex hash. The file is written
   * to a temporary name, flushed, then renamed into place, so a reader
   * never sees part of it. Content already stored is not written again.
   */
  put(bytes: Uint8Array): string {
    const hash = hashContent(bytes);
    const target = this.path(hash);
    if (fs.existsSync(target)) return hash;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    try {
      const fd = fs.openSync(temporary, 'wx');
      try {
        fs.writeSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temporary, target);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
    return hash;
  }

  /** Returns the file path for `hash`, which need not be stored yet. */
  path(hash: string): string {
    if (!HASH_PATTERN.test(hash)) {
      throw new EmbarkError(
        'INVALID_INPUT',
        `Invalid document hash "${hash}": expected 64 lowercase hex digits ` +
          '(a SHA-256 digest).',
        { hash },
      );
    }
    return path.join(this.root, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return fs.existsSync(this.path(hash));
  }

  /** Reads a stored document, or throws `NOT_FOUND` when it is missing. */
  read(hash: string): Buffer {
    const file = this.path(hash);
    try {
      return fs.readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new EmbarkError(
        'NOT_FOUND',
        `Document ${hash} is missing from the store at ${this.root}. ` +
          'Restore a backup that contains it.',
        { hash, root: this.root },
      );
    }
  }

  /** Lists the hashes of every stored document, in no particular order. */
  listHashes(): string[] {
    if (!fs.existsSync(this.root)) return [];
    const hashes: string[] = [];
    for (const prefix of fs.readdirSync(this.root)) {
      const folder = path.join(this.root, prefix);
      if (!fs.statSync(folder).isDirectory()) continue;
      for (const entry of fs.readdirSync(folder)) {
        if (HASH_PATTERN.test(entry)) hashes.push(entry);
      }
    }
    return hashes;
  }
}
