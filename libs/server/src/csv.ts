import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/** Text a spreadsheet would run as a formula (OWASP's CSV injection list). */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * One CSV field as RFC 4180 writes it: quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would take for a formula gets a leading apostrophe; numbers stay numbers, objects become JSON.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvLine(fields: readonly unknown[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * A CSV download streamed as `lines` yields it: the response pulls a line (or a page of them) at a time,
 * so an export of any size holds one page in memory and leaves the event loop free between pages.
 */
export function csvFile(filename: string, lines: AsyncIterable<string> | Iterable<string>): StreamableFile {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return new StreamableFile(Readable.from(lines, { objectMode: false }), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${safe}"`,
  });
}
