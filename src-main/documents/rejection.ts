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
