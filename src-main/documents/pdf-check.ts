/**
 * PDF checks for uploads: pdf.js reads the document (as a viewer would) and
 * pdf-lib reads the page tree's declared count and the encryption flag.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

import { rejectDocument } from './rejection.ts';

export const MAX_PDF_PAGES = 10_000;
/** Pages searched for a text layer before the document counts as scanned. */
const TEXT_LAYER_PAGES = 3;

export interface PdfReport {
  pages: number;
  hasText: boolean;
  warnings: string[];
}

type PdfDocumentProxy = Awaited<
  ReturnType<typeof pdfjs.getDocument>['promise']
>;

const standardFontDataUrl = (() => {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return pathToFileURL(path.join(root, 'standard_fonts') + path.sep).href;
})();

/**
 * Reads a PDF and returns its page count and whether it has a text layer.
 * Rejects encrypted, damaged, oversized and scripted documents with
 * `DOCUMENT_REJECTED`, and gives up as `damaged` after `timeoutMs`.
 */
export async function inspectPdf(
  bytes: Uint8Array,
  name: string,
  timeoutMs: number,
): Promise<PdfReport> {
  checkHeader(bytes, name);
  const task = pdfjs.getDocument({
    // A plain copy: pdf.js rejects Buffers and may detach what it gets.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    stopAtErrors: true,
    standardFontDataUrl,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const seconds = timeoutMs / 1000;
      reject(
        rejectDocument(
          name,
          'damaged',
          `the PDF could not be read within ${seconds} s. Save it again ` +
            'from the application that made it and upload the new copy.',
          { timeoutMs },
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([analyse(task.promise, bytes, name), timeout]);
  } finally {
    clearTimeout(timer);
    await task.destroy();
  }
}

function checkHeader(bytes: Uint8Array, name: string): void {
  // The PDF specification lets the header start anywhere in the first 1 KB.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return;
  throw rejectDocument(
    name,
    'damaged',
    'the PDF is damaged because it has no %PDF header. Save it again ' +
      'from the application that made it and upload the new copy.',
  );
}

async function analyse(
  loading: Promise<PdfDocumentProxy>,
  bytes: Uint8Array,
  name: string,
): Promise<PdfReport> {
  const doc = await loading.catch((error: unknown) => {
    throw translateLoadError(error, name);
  });
  await checkDeclaredPages(bytes, doc.numPages, name);
  await checkActiveContent(doc, name);
  const hasText = await findTextLayer(doc, name);
  const warnings = hasText ? [] : ['no text layer (scanned?)'];
  return { pages: doc.numPages, hasText, warnings };
}

function translateLoadError(error: unknown, name: string): Error {
  const failure = error as { name?: string; message?: string };
  if (failure.name === 'PasswordException') {
    return rejectDocument(
      name,
      'encrypted',
      'the PDF is password-protected. Upload a copy without a password.',
    );
  }
  return rejectDocument(
    name,
    'damaged',
    `the PDF is damaged (${(failure.message ?? 'unreadable').replace(/\.+$/, '')}). Save it ` +
      'again from the application that made it and upload the new copy.',
    { cause: failure.message },
  );
}

/**
 * Rejects an encrypted document (even one that opens without a password)
 * and one whose page tree declares more pages than the limit. pdf.js
 * repairs a false count, so the declared one comes from pdf-lib.
 */
async function checkDeclaredPages(
  bytes: Uint8Array,
  pages: number,
  name: string,
): Promise<void> {
  const doc = await PDFDocument.load(bytes, {
    ignoreEncryption: true,
    updateMetadata: false,
  }).catch((error: unknown) => {
    throw translateLoadError(error, name);
  });
  if (doc.isEncrypted) {
    throw rejectDocument(
      name,
      'encrypted',
      'the PDF is encrypted. Upload a copy saved without encryption.',
    );
  }
  const declared = doc.catalog
    .Pages()
    .lookupMaybe(PDFName.of('Count'), PDFNumber)
    ?.asNumber();
  const count = Math.max(pages, declared ?? 0);
  if (count <= MAX_PDF_PAGES) return;
  throw rejectDocument(
    name,
    'too_many_pages',
    `the PDF declares ${count} pages, more than the limit of ` +
      `${MAX_PDF_PAGES}. Upload a corrected or shorter copy.`,
    { pages: count, maxPages: MAX_PDF_PAGES },
  );
}

/**
 * Rejects JavaScript in the catalog (the JavaScript name tree, OpenAction,
 * document actions) and in form fields' actions.
 */
async function checkActiveContent(
  doc: PdfDocumentProxy,
  name: string,
): Promise<void> {
  const sources: string[] = [];
  const documentActions = (await doc.getJSActions()) as Record<
    string,
    unknown
  > | null;
  for (const key of Object.keys(documentActions ?? {})) {
    sources.push(`document action ${key}`);
  }
  const fields = (await doc.getFieldObjects()) as Record<
    string,
    { actions?: Record<string, unknown> | null }[]
  > | null;
  for (const [field, widgets] of Object.entries(fields ?? {})) {
    if (widgets.some((widget) => hasActions(widget.actions))) {
      sources.push(`field ${field}`);
    }
  }
  if (sources.length === 0) return;
  throw rejectDocument(
    name,
    'active_content',
    `the PDF carries JavaScript actions (${summarise(sources)}). Send a ` +
      'copy without them, for example one printed to PDF.',
    { sources },
  );
}

function hasActions(
  actions: Record<string, unknown> | null | undefined,
): boolean {
  return actions != null && Object.keys(actions).length > 0;
}

function summarise(items: string[]): string {
  const shown = items.slice(0, 3).join(', ');
  const more = items.length - 3;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** Looks for any non-blank text item on the first few pages. */
async function findTextLayer(
  doc: PdfDocumentProxy,
  name: string,
): Promise<boolean> {
  const last = Math.min(doc.numPages, TEXT_LAYER_PAGES);
  for (let number = 1; number <= last; number += 1) {
    const page = await doc.getPage(number).catch((error: unknown) => {
      throw translateLoadError(error, name);
    });
    const content = await page.getTextContent();
    page.cleanup();
    const found = content.items.some(
      (item) => 'str' in item && item.str.trim() !== '',
    );
    if (found) return true;
  }
  return false;
}
