import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliError } from '../../errors.js';

/** One line (NDJSON) or row (CSV) of the file: an event to send, or why it cannot be one. */
export type FileRecord = { line: number; event: Record<string, unknown> } | { line: number; error: string };

export interface EventFile {
  records: AsyncIterable<FileRecord>;
  /** Bytes read so far and in all, for progress. */
  progress(): { read: number; size: number };
}

/** Columns whose CSV text is a whole number of minor units. */
const INTEGER_COLUMNS = new Set(['amount', 'fee']);

/** A CSV row as the API's event: numbers where numbers are expected, empty cells left out. */
function csvEvent(row: Record<string, string>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [column, text] of Object.entries(row)) {
    if (text === '') continue;
    event[column] = INTEGER_COLUMNS.has(column) && /^-?\d+$/.test(text) ? Number(text) : text;
  }
  return event;
}

async function* ndjsonRecords(stream: NodeJS.ReadableStream): AsyncIterable<FileRecord> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    line += 1;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      yield { line, error: 'not valid JSON' };
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      yield { line, error: 'not a JSON object' };
      continue;
    }
    yield { line, event: parsed as Record<string, unknown> };
  }
}

async function* csvRecords(stream: NodeJS.ReadableStream): AsyncIterable<FileRecord> {
  const { parse } = await import('csv-parse');
  const parser = stream.pipe(
    parse({ columns: true, info: true, skip_empty_lines: true, trim: true, relax_column_count: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: info.lines, event: csvEvent(record) };
  }
}

/** Opens `path` as NDJSON (one event per line) or CSV (a header row naming the fields). */
export async function openEventFile(path: string, format: 'ndjson' | 'csv'): Promise<EventFile> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new CliError(`Cannot read ${path}.`, { code: 'file_not_found' });
  }
  // Read lazily, when the records are first asked for; `bytesRead` measures progress without consuming data.
  const stream = createReadStream(path);
  return {
    records: format === 'csv' ? csvRecords(stream) : ndjsonRecords(stream),
    progress: () => ({ read: stream.bytesRead, size }),
  };
}
