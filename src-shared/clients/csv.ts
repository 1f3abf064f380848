import { parse } from 'csv-parse/sync';
import { EmbarkError } from '../errors.ts';
import type { Segment } from '../playbooks/model.ts';
import { parseClientAttributes } from '../segments/attributes.ts';
import { parseSegment } from '../segments/table.ts';
import { clientInputSchema, contactSchema, type ClientInput } from './model.ts';

export type ClientCsvRow = {
  /** Physical line in the file where the record starts. The header is line 1. */
  line: number;
  client: ClientInput;
  /** Manual segment override, which always comes with `segmentReason`. */
  segment?: Segment;
  segmentReason?: string;
  /** Id of the playbook to start instead of the segment's default. */
  playbook?: string;
};

export type ClientCsvError = { line: number; column?: string; message: string };

export type ClientCsv = { rows: ClientCsvRow[]; errors: ClientCsvError[] };

/** Columns a client CSV may have, in documentation order. */
export const clientCsvColumns = [
  'name',
  'owner',
  'notes',
  'contact_name',
  'contact_email',
  'contact_role',
  'employees',
  'annualContractValue',
  'stakeholders',
  'integrations',
  'compliance',
  'risk',
  'segment',
  'segment_reason',
  'playbook',
] as const;
export type ClientCsvColumn = (typeof clientCsvColumns)[number];

const numberColumns = ['employees', 'annualContractValue', 'stakeholders'];
const listColumns = ['integrations', 'compliance'];
const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

type CsvRecord = { record: string[]; info: { lines: number }; raw: string };
type Cells = Partial<Record<ClientCsvColumn, string>>;
type RowResult = { row?: Omit<ClientCsvRow, 'line'>; errors: ClientCsvError[] };

function invalid(message: string, details: Record<string, unknown> = {}) {
  return new EmbarkError('CSV_INVALID', message, details);
}

/**
 * Returns the index of the first control character that never occurs in a
 * text CSV file (all below 0x20 except tab, line feed, vertical tab, form
 * feed and carriage return), or -1.
 */
function findControlCharacter(text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && (code < 0x09 || code > 0x0d)) {
      return index;
    }
  }
  return -1;
}

function checkText(text: string): void {
  if (text.trim() === '') {
    throw invalid(
      'The CSV file is empty; add a header row with at least a name column.',
    );
  }
  const index = findControlCharacter(text);
  if (index >= 0) {
    const line = text.slice(0, index).split('\n').length;
    throw invalid(
      `The file is not a text CSV file: it contains a binary control character on line ${line}. Export the clients as CSV text.`,
      { line },
    );
  }
}

/** Returns the line where a record starts, from the line where it ends. */
function startLine(record: CsvRecord): number {
  const body = record.raw.replace(/^\n+/, '').replace(/\n$/, '');
  const breaks = body.split('\n').length - 1;
  return record.info.lines - breaks;
}

function readHeader(fields: string[], line: number): ClientCsvColumn[] {
  const byLowerCase = new Map(
    clientCsvColumns.map((column) => [column.toLowerCase(), column]),
  );
  const columns = fields.map((field) => byLowerCase.get(field.toLowerCase()));
  const unknown = fields.filter((_, index) => !columns[index]);
  if (unknown.length > 0) {
    throw invalid(
      `Unknown columns in the header (line ${line}): ${unknown.map((name) => `"${name}"`).join(', ')}. Rename or remove them; valid columns are ${clientCsvColumns.join(', ')}.`,
      { line, unknown, valid: [...clientCsvColumns] },
    );
  }
  const known = columns as ClientCsvColumn[];
  const duplicate = known.find(
    (column, index) => known.indexOf(column) !== index,
  );
  if (duplicate) {
    throw invalid(
      `The header names the column "${duplicate}" twice; keep one.`,
      { column: duplicate },
    );
  }
  if (!known.includes('name')) {
    throw invalid(
      `The CSV file has no name column; its header has ${fields.map((field) => `"${field}"`).join(', ')}. Add a name column.`,
      { header: fields },
    );
  }
  return known;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Splits a `;`-separated cell, keeping empty entries in their place. */
function splitCell(value: string | undefined): string[] {
  const text = (value ?? '').trim();
  return text === '' ? [] : text.split(';').map((item) => item.trim());
}

function parseContacts(cells: Cells, errors: ClientCsvError[], line: number) {
  const names = splitCell(cells.contact_name);
  const emails = splitCell(cells.contact_email);
  const roles = splitCell(cells.contact_role);
  const error = (column: string, message: string) =>
    errors.push({ line, column, message });
  if (names.length !== emails.length) {
    error(
      'contact_email',
      `${names.length} contact names for ${emails.length} contact emails; give one name per email, separated by ";".`,
    );
    return [];
  }
  if (roles.length > 0 && roles.length !== emails.length) {
    error(
      'contact_role',
      `${roles.length} contact roles for ${emails.length} contacts; give one role per contact, or none.`,
    );
    return [];
  }
  const contacts = emails.map((email, index) => ({
    name: names[index] ?? '',
    email,
    role: roles[index] || undefined,
  }));
  contacts.forEach((contact, index) => {
    if (contact.name === '') {
      error('contact_name', `Contact ${index + 1} has no name.`);
    }
    if (!contactSchema.shape.email.safeParse(contact.email).success) {
      error(
        'contact_email',
        `"${contact.email}" is not a valid email address.`,
      );
    }
  });
  return contacts;
}

function attributeValue(column: string, text: string): unknown {
  if (listColumns.includes(column)) {
    return splitList(text);
  }
  if (numberColumns.includes(column) && numberPattern.test(text)) {
    return Number(text);
  }
  return text;
}

function parseAttributes(cells: Cells, errors: ClientCsvError[], line: number) {
  const attributes: Record<string, unknown> = {};
  for (const column of [...numberColumns, ...listColumns, 'risk']) {
    const text = cells[column as ClientCsvColumn];
    if (text === undefined || text === '') {
      continue;
    }
    const value = attributeValue(column, text);
    try {
      Object.assign(attributes, parseClientAttributes({ [column]: value }));
    } catch (error) {
      const reason = numberColumns.includes(column)
        ? `"${text}" is not a number >= 0${column === 'stakeholders' ? ' (a whole number)' : ''}; write digits only, such as 1200.`
        : (error as Error).message;
      errors.push({ line, column, message: reason });
    }
  }
  return attributes;
}

function parseOverride(cells: Cells, errors: ClientCsvError[], line: number) {
  const segmentText = cells.segment || undefined;
  const reason = cells.segment_reason || undefined;
  if (!segmentText) {
    if (reason) {
      errors.push({
        line,
        column: 'segment_reason',
        message:
          'A segment reason is given without a segment; add the segment or clear the reason.',
      });
    }
    return {};
  }
  let segment: Segment | undefined;
  try {
    segment = parseSegment(segmentText);
  } catch (error) {
    errors.push({ line, column: 'segment', message: (error as Error).message });
  }
  if (!reason) {
    errors.push({
      line,
      column: 'segment_reason',
      message: `The segment override "${segmentText}" needs a reason; fill in segment_reason.`,
    });
  }
  return { segment, segmentReason: reason };
}

function parseRow(cells: Cells, line: number): RowResult {
  const errors: ClientCsvError[] = [];
  if (!cells.name) {
    errors.push({
      line,
      column: 'name',
      message: 'The client name is missing; every row needs a name.',
    });
  }
  const contacts = parseContacts(cells, errors, line);
  const attributes = parseAttributes(cells, errors, line);
  const override = parseOverride(cells, errors, line);
  if (errors.length > 0) {
    return { errors };
  }
  const client = clientInputSchema.parse({
    name: cells.name,
    contacts,
    attributes,
    owner: cells.owner || undefined,
    notes: cells.notes || undefined,
  });
  const row = { client, ...override, playbook: cells.playbook || undefined };
  return { row, errors };
}

function readRecords(text: string, errors: ClientCsvError[]): CsvRecord[] {
  // Line endings are normalised first, because csv-parse 6 counts a CRLF
  // inside a quoted field as two lines.
  // NOTE: after an invalid closing quote such as `"Be"ta`, csv-parse 6 reads
  // the rest of the file as one open quoted field. The rows after it are then
  // reported in a "Quote Not Closed" error instead of being parsed.
  const normalised = text.replace(/\r\n?/g, '\n');
  return parse(normalised, {
    bom: true,
    info: true,
    raw: true,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const line = typeof error?.lines === 'number' ? error.lines : 0;
      errors.push({
        line,
        message: `The row is not valid CSV: ${(error?.message ?? '').replace(/\.+$/, '')}. Check its quotes.`,
      });
    },
  }) as unknown as CsvRecord[];
}

/**
 * Parses a CSV file of clients: a header row (column names are matched
 * case-insensitively), then one client per row. Several contacts go in one
 * row, separated by `;` in each contact column, as do integrations and
 * compliance entries. Bad rows are reported by line and column, and the
 * good rows are still returned.
 *
 * @throws EmbarkError CSV_INVALID when the text is empty, binary, has no
 *   name column, or has unknown or repeated columns.
 */
export function parseClientCsv(text: string): ClientCsv {
  checkText(text);
  const errors: ClientCsvError[] = [];
  const [header, ...records] = readRecords(text, errors);
  if (!header) {
    throw invalid(
      'The CSV file has no header row; add one with at least a name column.',
    );
  }
  const columns = readHeader(header.record, startLine(header));
  const rows: ClientCsvRow[] = [];
  for (const record of records) {
    const line = startLine(record);
    if (record.record.every((field) => field === '')) {
      continue;
    }
    if (record.record.length !== columns.length) {
      errors.push({
        line,
        message: `The row has ${record.record.length} fields but the header has ${columns.length}; check for a missing or extra comma.`,
      });
      continue;
    }
    const cells: Cells = {};
    columns.forEach((column, index) => {
      cells[column] = record.record[index];
    });
    const result = parseRow(cells, line);
    errors.push(...result.errors);
    if (result.row) {
      rows.push({ line, ...result.row });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}
