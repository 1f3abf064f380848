import { EmbarkError } from '../../src-shared/errors.ts';

export const rejectionReasons = [
  'empty',
  'too_large',
  'type_mismatch',
  'encrypted',
  'damaged',
  'active_content',
  'too_many_pages',
] as const;

export type RejectionReason = (typeof rejectionReasons)[number];

/** Builds the `DOCUMENT_REJECTED` error for an upload named `name`. */
export function rejectDocument(
  name: string,
  reason: RejectionReason,
  message: string,
  details: Record<string, unknown> = {},
): EmbarkError {
  return new EmbarkError('DOCUMENT_REJECTED', `${name}: ${message}`, {
    ...details,
    name,
    reason,
  });
}

/**
 * Describes a size over `maxBytes` in whole bytes, so that even one byte
 * over shows: "26,214,401 bytes, over the limit of 26,214,400 bytes
 * (25 MB)". An MB here is 1,048,576 bytes.
 */
export function describeOversize(size: number, maxBytes: number): string {
  const megabytes = Number((maxBytes / (1024 * 1024)).toPrecision(3));
  return (
    `${formatBytes(size)}, over the limit of ${formatBytes(maxBytes)} ` +
    `(${megabytes} MB)`
  );
}

function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}
