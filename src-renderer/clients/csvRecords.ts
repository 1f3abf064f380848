/**
 * Counts the data records of a CSV text: records after the header row,
 * ignoring blank lines. A newline inside a quoted field does not end a
 * record, as in RFC 4180, where a doubled quote inside quotes is a literal
 * quote and toggles the state twice.
 */
export function countCsvRecords(text: string): number {
  let records = 0;
  let inQuotes = false;
  let hasContent = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    if ((char === '\n' || char === '\r') && !inQuotes) {
      if (hasContent) records++;
      hasContent = false;
      continue;
    }
    if (char.trim() !== '') hasContent = true;
  }
  if (hasContent) records++;
  return Math.max(0, records - 1);
}

/** Valid rows left after the invalid lines that the import reported. */
export function validRecordCount(text: string, invalidLines: number[]) {
  return Math.max(0, countCsvRecords(text) - new Set(invalidLines).size);
}
