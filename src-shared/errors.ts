/**
 * Typed errors with stable codes. Each code has a user-facing sentence in
 * `errorMessages`; the code travels across IPC, HTTP and the CLI unchanged.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'PLAYBOOK_INVALID',
  'STEP_NOT_READY',
  'ACTION_NOT_ALLOWED',
  'ALREADY_VOTED',
  'FORM_INVALID',
  'JOURNEY_NOT_ACTIVE',
  'UNKNOWN_SEGMENT',
  'BPMN_INVALID',
  'FEEL_INVALID',
  'DOCUMENT_REJECTED',
  'CSV_INVALID',
  'DB_LOCKED',
  'DB_CORRUPT',
  'DB_TOO_NEW',
  'BACKUP_INVALID',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorMessages: Record<ErrorCode, string> = {
  INVALID_INPUT: 'The input is invalid.',
  NOT_FOUND: 'The item was not found.',
  PLAYBOOK_INVALID: 'The playbook is invalid.',
  STEP_NOT_READY: 'The step is not ready for this action.',
  ACTION_NOT_ALLOWED: 'This action does not apply to the step.',
  ALREADY_VOTED: 'This person has already voted on the approval.',
  FORM_INVALID: 'The form answers are invalid.',
  JOURNEY_NOT_ACTIVE: 'The journey is not active.',
  UNKNOWN_SEGMENT: 'The segment is unknown.',
  BPMN_INVALID: 'The BPMN file cannot be imported.',
  FEEL_INVALID: 'The FEEL expression is invalid.',
  DOCUMENT_REJECTED: 'The document was rejected.',
  CSV_INVALID: 'The CSV file has invalid rows.',
  DB_LOCKED: 'The database is locked by another process.',
  DB_CORRUPT: 'The database file is corrupt.',
  DB_TOO_NEW: 'The database was written by a newer version of Embark.',
  BACKUP_INVALID: 'The backup file is invalid.',
  INTERNAL: 'An internal error occurred.',
};

export class EmbarkError extends Error {
  override readonly name = 'EmbarkError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function isEmbarkError(value: unknown): value is EmbarkError {
  return value instanceof EmbarkError;
}
