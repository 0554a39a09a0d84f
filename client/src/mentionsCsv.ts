/**
 * The CSV export: one row per mention of an official, in document order, for spreadsheets.
 */
import type { FileAnnotations } from '../../server/src/annotations';

/** The header row's columns. */
export const MENTION_COLUMNS = [
  'official_id',
  'official',
  'roles',
  'mention',
  'line',
  'column',
  'end_line',
  'end_column',
  'release',
  'release_title',
] as const;

/**
 * The mentions of a file as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted where
 * needed). Lines and columns are 1-based as an editor shows them; columns count UTF-16 code units,
 * as LSP positions do. `release` is the release's 1-based number in the file. Starts with a UTF-8
 * byte-order mark so that spreadsheet programs read names such as "Vučić" correctly.
 */
export function toMentionsCsv(annotations: FileAnnotations): string {
  const rows = annotations.officials.flatMap((official) =>
    official.mentions.map((mention) => ({ official, mention })),
  );
  rows.sort(
    (a, b) =>
      a.mention.range.start.line - b.mention.range.start.line ||
      a.mention.range.start.character - b.mention.range.start.character,
  );
  const lines: string[] = [MENTION_COLUMNS.join(',')];
  for (const { official, mention } of rows) {
    const release = annotations.releases[mention.release];
    lines.push(
      [
        official.id,
        official.name,
        official.roles.map((role) => role.text).join('; '),
        mention.text,
        mention.range.start.line + 1,
        mention.range.start.character + 1,
        mention.range.end.line + 1,
        mention.range.end.character + 1,
        mention.release + 1,
        release?.title ?? '',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** One CSV field: quoted where it holds a comma, a quotation mark, a line break or edge spaces. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
