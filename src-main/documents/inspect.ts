/**
 * Content checks for uploads. The type comes from the bytes (file-type's
 * signatures, or UTF-8 text), never from the file name, and PDFs are read
 * in full before they are accepted.
 */

// pdf.js, pdf-lib and file-type load on the first upload, which keeps the
// start-up of every other command fast.
export const DEFAULT_PDF_TIMEOUT_MS = 10_000;
import type { PdfReport } from './pdf-check.ts';
import { describeOversize, rejectDocument } from './rejection.ts';
import { hashContent } from './store.ts';

export { rejectionReasons, type RejectionReason } from './rejection.ts';

export { DEFAULT_MAX_DOCUMENT_BYTES } from './store.ts';

export interface InspectOptions {
  /** The uploaded file's name, used in messages and for text subtypes. */
  name: string;
  /** Accepted MIME types; `image/*` and `*\/*` are wildcards. */
  accept: string[];
  /** Size limit in bytes. */
  maxBytes: number;
  /** How long pdf.js may take to read a PDF, in milliseconds. */
  pdfTimeoutMs?: number;
  /** Reports of PDFs that passed the check, by hash, as in `checkedPdfs`. */
  checkedPdfs?: Map<string, PdfReport>;
}

/**
 * Reports of the PDFs that passed the full check in this process, by
 * SHA-256 of their content. The check is a function of the bytes alone,
 * so identical content is read through once: the sample workspace uploads
 * one PDF dozens of times. Size and type checks still run on every upload,
 * and a rejected PDF is never stored here, so it is checked again.
 */
const checkedPdfs = new Map<string, PdfReport>();

/** Reports kept in `checkedPdfs`; the oldest is dropped beyond this. */
const maxCheckedPdfs = 256;

export interface DocumentInfo {
  mime: string;
  size: number;
  /** SHA-256 of the content, lowercase hex. */
  hash: string;
  pages?: number;
  hasText?: boolean;
  warnings: string[];
}

/**
 * Checks an upload's content against the accepted types and the size
 * limit, and reads PDFs through. Rejects with `DOCUMENT_REJECTED`, whose
 * `details.reason` is one of `rejectionReasons`.
 */
export async function inspectDocument(
  bytes: Uint8Array,
  options: InspectOptions,
): Promise<DocumentInfo> {
  const { name, accept, maxBytes } = options;
  checkSize(bytes, name, maxBytes);
  const mime = await sniffMime(bytes, name);
  checkAccepted(mime, name, accept);
  const info: DocumentInfo = {
    mime,
    size: bytes.byteLength,
    hash: hashContent(bytes),
    warnings: [],
  };
  if (mime !== 'application/pdf') return info;
  const checked = options.checkedPdfs ?? checkedPdfs;
  const known = checked.get(info.hash);
  if (known) return { ...info, ...known, warnings: [...known.warnings] };
  const timeoutMs = options.pdfTimeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  const { inspectPdf } = await import('./pdf-check.ts');
  const pdf = await inspectPdf(bytes, name, timeoutMs);
  checked.set(info.hash, pdf);
  if (checked.size > maxCheckedPdfs) {
    const oldest = checked.keys().next().value;
    if (oldest !== undefined) checked.delete(oldest);
  }
  return { ...info, ...pdf };
}

function checkSize(bytes: Uint8Array, name: string, maxBytes: number): void {
  if (bytes.byteLength === 0) {
    throw rejectDocument(
      name,
      'empty',
      'the file is empty (0 bytes). Choose the file again and upload it.',
    );
  }
  if (bytes.byteLength <= maxBytes) return;
  throw rejectDocument(
    name,
    'too_large',
    `the file is ${describeOversize(bytes.byteLength, maxBytes)}. Upload a ` +
      'smaller or compressed copy.',
    { size: bytes.byteLength, maxBytes },
  );
}

/**
 * Returns the content's MIME type. Text has no signature, so bytes that
 * decode as UTF-8 without NUL characters count as text: `application/json`
 * when they parse as a JSON object or array, else `text/csv` or
 * `text/plain` by the name. A PDF body without its header counts as a PDF,
 * so that it is reported as damaged.
 */
async function sniffMime(bytes: Uint8Array, name: string): Promise<string> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  if (detected !== undefined) return detected.mime;
  if (looksLikePdfBody(bytes)) return 'application/pdf';
  const text = utf8Text(bytes);
  if (text !== undefined) {
    if (isJsonDocument(text)) return 'application/json';
    return name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
  }
  return 'application/octet-stream';
}

function looksLikePdfBody(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (text.includes('%PDF-')) return true;
  return /\d+ \d+ obj\b/.test(text) && /\bendobj\b/.test(text);
}

function utf8Text(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isJsonDocument(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function checkAccepted(mime: string, name: string, accept: string[]): void {
  if (accept.some((pattern) => matchesMime(pattern, mime))) return;
  throw rejectDocument(
    name,
    'type_mismatch',
    `the content is ${mime}, but this slot accepts ${accept.join(', ')}. ` +
      'Upload a file of an accepted type.',
    { mime, accept },
  );
}

function matchesMime(pattern: string, mime: string): boolean {
  const wanted = pattern.trim().toLowerCase();
  if (wanted === '*/*' || wanted === mime) return true;
  if (wanted === 'text/plain' && mime === 'text/csv') return true;
  if (!wanted.endsWith('/*')) return false;
  return mime.startsWith(wanted.slice(0, -1));
}
