import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  inspectDocument,
} from '../../src-main/documents/inspect.ts';
import { DocumentStore } from '../../src-main/documents/store.ts';
import { EmbarkError } from '../../src-shared/errors.ts';

const corpus = process.env.EMBARK_CORPUS;

const options = (name: string) => ({
  name,
  accept: ['application/pdf'],
  maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
});

const expectedReasons: Record<string, string> = {
  'bogus-page-count.pdf': 'too_many_pages',
  'encrypted.pdf': 'encrypted',
  'javascript-actions.pdf': 'active_content',
  'no-header.pdf': 'damaged',
  'truncated-no-xref.pdf': 'damaged',
};

function listPdfs(folder: string): string[] {
  return fs
    .readdirSync(path.join(corpus ?? '', folder))
    .filter((file) => file.endsWith('.pdf'))
    .sort();
}

describe.skipIf(!corpus)('PDF corpus (needs EMBARK_CORPUS)', () => {
  const good = corpus ? listPdfs('pdf') : [];
  const bad = corpus ? listPdfs('pdf-bad') : [];
  const read = (folder: string, file: string) =>
    fs.readFileSync(path.join(corpus ?? '', folder, file));

  it('finds the corpus files', () => {
    expect(good.length).toBeGreaterThanOrEqual(7);
    expect(bad.sort()).toEqual(Object.keys(expectedReasons).sort());
  });

  it.each(good)('accepts %s with pages', async (file) => {
    const info = await inspectDocument(read('pdf', file), options(file));
    expect(info.mime).toBe('application/pdf');
    expect(info.pages).toBeGreaterThan(0);
    expect(info.hash).toMatch(/^[0-9a-f]{64}$/);
    if (file !== 'scanned-a4-no-text.pdf') {
      expect(info.hasText).toBe(true);
      expect(info.warnings).toEqual([]);
    }
  });

  it('reports the scanned file has no text', async () => {
    const file = 'scanned-a4-no-text.pdf';
    const info = await inspectDocument(read('pdf', file), options(file));
    expect(info.hasText).toBe(false);
    expect(info.warnings).toEqual(['no text layer (scanned?)']);
  });

  it('counts the constitution pages', async () => {
    const file = 'us-constitution.pdf';
    const info = await inspectDocument(read('pdf', file), options(file));
    expect(info.pages).toBe(19);
  });

  it.each(bad)('rejects %s with its reason', async (file) => {
    const error = await inspectDocument(read('pdf-bad', file), options(file))
      .then(() => undefined)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbarkError);
    const rejected = error as EmbarkError;
    expect(rejected.code).toBe('DOCUMENT_REJECTED');
    expect(rejected.details.reason).toBe(expectedReasons[file]);
    expect(rejected.message).toContain(file);
  });

  it('names JavaScript actions and the fix', async () => {
    const file = 'javascript-actions.pdf';
    const error = await inspectDocument(read('pdf-bad', file), options(file))
      .then(() => undefined)
      .catch((caught: unknown) => caught as EmbarkError);
    expect(error?.message).toContain('carries JavaScript actions');
    expect(error?.message).toContain('printed to PDF');
  });

  it('says the bogus page count and the limit', async () => {
    const file = 'bogus-page-count.pdf';
    const error = await inspectDocument(read('pdf-bad', file), options(file))
      .then(() => undefined)
      .catch((caught: unknown) => caught as EmbarkError);
    expect(error?.message).toContain('9999999999 pages');
    expect(error?.message).toContain('limit of 10000');
  });

  describe('DocumentStore with corpus files', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embark-corpus-'));

    afterAll(() => {
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('stores identical content once', () => {
      const store = new DocumentStore(root);
      const bytes = read('pdf', 'us-constitution.pdf');
      const first = store.put(bytes);
      const second = store.put(Buffer.from(bytes));
      const other = store.put(read('pdf', 'already-signed.pdf'));
      expect(second).toBe(first);
      expect(other).not.toBe(first);
      expect(store.listHashes().sort()).toEqual([first, other].sort());
      expect(store.read(first).equals(bytes)).toBe(true);
    });
  });
});
