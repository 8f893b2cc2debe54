/**
 * Rows as a text table, `| a | b |` with a rule under the header, each column as wide as its widest
 * cell; a NULL shows as `NULL`, a line break inside a value as `\n`.
 */
export function textTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>): string {
  const cells = [header.map(oneLine), ...rows.map((row) => row.map((cell) => (cell === null ? 'NULL' : oneLine(cell))))];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) => `| ${widths.map((width, c) => (row[c] ?? '').padEnd(width)).join(' | ')} |`;
  return [line(cells[0]!), line(widths.map((width) => '-'.repeat(width))), ...cells.slice(1).map(line)].join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '\\n');
}
