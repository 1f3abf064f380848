/** Formats rows as an aligned plain-text table with a header line. */
export function table(
  headers: string[],
  rows: (string | number | null | undefined)[][],
): string {
  const cells = rows.map((row) => row.map((cell) => String(cell ?? '')));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  if (rows.length === 0) return `${line(headers)}\n(none)`;
  return [line(headers), ...cells.map(line)].join('\n');
}

export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
