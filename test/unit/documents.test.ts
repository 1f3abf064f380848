import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  inspectDocument,
  type InspectOptions,
} from '../../src-main/documents/inspect.ts';
import type { PdfReport } from '../../src-main/documents/pdf-check.ts';
import { DocumentStore, hashContent } from '../../src-main/documents/store.ts';
import { EmbarkError } from '../../src-shared/errors.ts';

// The 8-byte PNG signature followed by the start of an IHDR chunk.
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49,
  0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06,
  0x00, 0x00, 0x00,
]);

const pdfOnly: InspectOptions = {
  name: 'upload.pdf',
  accept: ['application/pdf'],
  maxBytes: 1024,
};

async function rejection(
  bytes: Uint8Array,
  options: InspectOptions,
): Promise<EmbarkError> {
  const error = await inspectDocument(bytes, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EmbarkError);
  return error as EmbarkError;
}

describe('inspectDocument', () => {
  it('rejects an empty file', async () => {
    const error = await rejection(new Uint8Array(), pdfOnly);
    expect(error.code).toBe('DOCUMENT_REJECTED');
    expect(error.details.reason).toBe('empty');
    expect(error.message).toContain('upload.pdf: the file is empty');
  });

  it('rejects a file over the limit with both sizes', async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024).fill(65);
    const options = { ...pdfOnly, maxBytes: 2 * 1024 * 1024 };
    const error = await rejection(bytes, options);
    expect(error.code).toBe('DOCUMENT_REJECTED');
    expect(error.details.reason).toBe('too_large');
    expect(error.message).toContain('3,145,728 bytes');
    expect(error.message).toContain('limit of 2,097,152 bytes (2 MB)');
  });

  it('rejects one byte over the limit visibly', async () => {
    const bytes = new Uint8Array(2 * 1024 * 1024 + 1).fill(65);
    const options = { ...pdfOnly, maxBytes: 2 * 1024 * 1024 };
    const error = await rejection(bytes, options);
    expect(error.details.reason).toBe('too_large');
    expect(error.message).toContain(
      '2,097,153 bytes, over the limit of 2,097,152 bytes (2 MB)',
    );
  });

  it('rejects a PNG where a PDF is expected', async () => {
    const error = await rejection(PNG, { ...pdfOnly, name: 'scan.pdf' });
    expect(error.code).toBe('DOCUMENT_REJECTED');
    expect(error.details.reason).toBe('type_mismatch');
    expect(error.message).toContain('the content is image/png');
    expect(error.message).toContain('accepts application/pdf');
  });

  it('accepts a PNG through an image wildcard', async () => {
    const info = await inspectDocument(PNG, {
      name: 'logo.pdf',
      accept: ['image/*'],
      maxBytes: 1024,
    });
    expect(info.mime).toBe('image/png');
    expect(info.size).toBe(PNG.length);
    expect(info.hash).toBe(hashContent(PNG));
    expect(info.pages).toBeUndefined();
  });

  it('detects UTF-8 text without a signature', async () => {
    const text = new TextEncoder().encode('name,email\nAda,ada@example.com\n');
    const plain = await inspectDocument(text, {
      name: 'notes.txt',
      accept: ['text/plain'],
      maxBytes: 1024,
    });
    expect(plain.mime).toBe('text/plain');
    const csv = await inspectDocument(text, {
      name: 'clients.csv',
      accept: ['text/csv'],
      maxBytes: 1024,
    });
    expect(csv.mime).toBe('text/csv');
  });

  it('rejects text where a PDF is expected', async () => {
    const text = new TextEncoder().encode('just some words');
    const error = await rejection(text, pdfOnly);
    expect(error.details.reason).toBe('type_mismatch');
    expect(error.message).toContain('the content is text/plain');
  });

  it('treats bytes with NUL as binary', async () => {
    const bytes = Uint8Array.from([0x41, 0x00, 0x42, 0x43]);
    const error = await rejection(bytes, { ...pdfOnly, accept: ['text/*'] });
    expect(error.details.reason).toBe('type_mismatch');
    expect(error.message).toContain('application/octet-stream');
  });

  it('rejects a PDF body without its header as damaged', async () => {
    const body = new TextEncoder().encode(
      '1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n',
    );
    const error = await rejection(body, pdfOnly);
    expect(error.details.reason).toBe('damaged');
    expect(error.message).toContain('no %PDF header');
  });

  it('rejects a PDF header with no document as damaged', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
    const error = await rejection(bytes, pdfOnly);
    expect(error.details.reason).toBe('damaged');
  });

  it('uses a 25 MB default limit', () => {
    expect(DEFAULT_MAX_DOCUMENT_BYTES).toBe(25 * 1024 * 1024);
  });
});

describe('DocumentStore', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'embark-store-'));
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('stores content under its hash', () => {
    const store = new DocumentStore(root);
    const bytes = new TextEncoder().encode('signed agreement');
    const hash = store.put(bytes);
    expect(hash).toBe(hashContent(bytes));
    expect(store.path(hash)).toBe(path.join(root, hash.slice(0, 2), hash));
    expect(store.has(hash)).toBe(true);
    expect(store.read(hash).equals(Buffer.from(bytes))).toBe(true);
    expect(store.listHashes()).toEqual([hash]);
  });

  it('writes identical content once, leaving no temp file', () => {
    const store = new DocumentStore(root);
    const bytes = new TextEncoder().encode('same bytes');
    const first = store.put(bytes);
    const second = store.put(Uint8Array.from(bytes));
    expect(second).toBe(first);
    const folder = path.dirname(store.path(first));
    expect(fs.readdirSync(folder)).toEqual([first]);
  });

  it('reports a missing document as NOT_FOUND', () => {
    const store = new DocumentStore(root);
    const hash = hashContent(new TextEncoder().encode('never stored'));
    expect(store.has(hash)).toBe(false);
    expect(() => store.read(hash)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('rejects a hash that is not SHA-256 hex', () => {
    const store = new DocumentStore(root);
    expect(() => store.path('../../etc/passwd')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('lists nothing for a missing folder', () => {
    const store = new DocumentStore(path.join(root, 'absent'));
    expect(store.listHashes()).toEqual([]);
  });
});

describe('JSON uploads', () => {
  it('JSON content is application/json', async () => {
    const bytes = new TextEncoder().encode('[{"id": 1}]');
    const info = await inspectDocument(bytes, {
      name: 'export.json',
      accept: ['text/csv', 'application/json'],
      maxBytes: 1024,
    });
    expect(info.mime).toBe('application/json');
  });

  it('broken JSON stays plain text', async () => {
    const bytes = new TextEncoder().encode('[{"id": 1');
    await expect(
      inspectDocument(bytes, {
        name: 'export.json',
        accept: ['application/json'],
        maxBytes: 1024,
      }),
    ).rejects.toThrow('text/plain');
  });
});

describe('PDF check reuse', () => {
  const pdfUpload: InspectOptions = {
    name: 'contract.pdf',
    accept: ['application/pdf'],
    maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
  };

  async function onePagePdf(text: string): Promise<Uint8Array> {
    const { PDFDocument } = await import('pdf-lib');
    const pdf = await PDFDocument.create();
    pdf.addPage([300, 300]).drawText(text, { x: 20, y: 150 });
    return pdf.save();
  }

  it('records the report of a passed PDF', async () => {
    const checked = new Map<string, PdfReport>();
    const bytes = await onePagePdf('first');
    const info = await inspectDocument(bytes, {
      ...pdfUpload,
      checkedPdfs: checked,
    });
    expect(info.pages).toBe(1);
    expect(checked.get(hashContent(bytes))).toEqual({
      pages: 1,
      hasText: info.hasText,
      warnings: info.warnings,
    });
  });

  it('reuses the report for identical bytes', async () => {
    const bytes = await onePagePdf('second');
    // A report that the real check never gives for this file shows that
    // the second upload did not read the PDF again.
    const checked = new Map<string, PdfReport>([
      [hashContent(bytes), { pages: 7, hasText: false, warnings: ['noted'] }],
    ]);
    const info = await inspectDocument(bytes, {
      ...pdfUpload,
      checkedPdfs: checked,
    });
    expect(info.pages).toBe(7);
    expect(info.warnings).toEqual(['noted']);
    expect(info.mime).toBe('application/pdf');
  });

  it('still checks type and size of a known PDF', async () => {
    const bytes = await onePagePdf('third');
    const checked = new Map<string, PdfReport>();
    await inspectDocument(bytes, { ...pdfUpload, checkedPdfs: checked });
    const wrongType = await rejection(bytes, {
      ...pdfUpload,
      accept: ['image/*'],
      checkedPdfs: checked,
    });
    expect(wrongType.details?.reason).toBe('type_mismatch');
    const tooLarge = await rejection(bytes, {
      ...pdfUpload,
      maxBytes: 100,
      checkedPdfs: checked,
    });
    expect(tooLarge.details?.reason).toBe('too_large');
  });

  it('does not record a rejected PDF', async () => {
    const checked = new Map<string, PdfReport>();
    const damaged = new TextEncoder().encode('%PDF-1.7\nnot a document');
    const error = await rejection(damaged, {
      ...pdfUpload,
      checkedPdfs: checked,
    });
    expect(error.details?.reason).toBe('damaged');
    expect(checked.size).toBe(0);
  });
});
