import type { MolamClient } from '../../api/client.js';
import { connect } from '../../api/connect.js';
import type { Deps } from '../../deps.js';
import { CliError } from '../../errors.js';
import type { GlobalOptions } from '../../globals.js';
import type { IO } from '../../io.js';
import { startStatusLine } from '../../output/status-line.js';
import { note, paint, success, writeJson } from '../../output/write.js';
import { type FileRecord, openEventFile } from './ingest-file.js';

export interface EventsIngestOptions extends GlobalOptions {
  file: string;
  format?: 'ndjson' | 'csv' | undefined;
}

type EventBatch = Parameters<MolamClient['transactionEvents']['ingest']>[0];

/** The API's batch limits: 1000 events, a 1 MiB body (with room for the brackets and commas). */
const CHUNK = 1000;
const CHUNK_BYTES = 1000 * 1024;
const SHOWN_REJECTIONS = 20;

interface Rejection {
  line: number;
  errors: Array<{ field: string; message: string }>;
}

interface Summary {
  file: string;
  total: number;
  ingested: number;
  duplicates: number;
  rejected: Rejection[];
}

/** `body.3.currency` → the 4th event of the chunk, field `currency`. */
const BATCH_FIELD = /^body\.(\d+)(?:\.(.+))?$/;

function fieldErrorsOf(error: unknown): Array<{ field: string; message: string }> | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, errors } = error as { status?: unknown; errors?: unknown };
  if (status !== 400 || !Array.isArray(errors) || errors.length === 0) return undefined;
  return errors as Array<{ field: string; message: string }>;
}

/**
 * Sends one chunk. The API takes a batch all or nothing: when it names invalid events, those lines are
 * rejected and the rest of the chunk is sent again, so one bad line never holds back a thousand good ones.
 */
async function sendChunk(
  client: MolamClient,
  chunk: Array<{ line: number; event: Record<string, unknown> }>,
  summary: Summary,
): Promise<void> {
  let pending = chunk;
  while (pending.length > 0) {
    try {
      // The file's events are sent as written: the server checks each one, and names those it refuses.
      const events = pending.map((record) => record.event) as unknown as EventBatch;
      const result = await client.transactionEvents.ingest(events);
      summary.total += result.total;
      summary.ingested += result.ingested;
      summary.duplicates += result.duplicates;
      return;
    } catch (error) {
      const fields = fieldErrorsOf(error);
      const byIndex = new Map<number, Rejection['errors']>();
      for (const item of fields ?? []) {
        const match = BATCH_FIELD.exec(item.field);
        if (!match) continue;
        const index = Number(match[1]);
        byIndex.set(index, [
          ...(byIndex.get(index) ?? []),
          { field: match[2] ?? 'event', message: item.message },
        ]);
      }
      // Not about particular events (a bad key, a server down): stop, and say how far it got.
      if (byIndex.size === 0) throw error;
      for (const [index, errors] of byIndex) {
        const record = pending[index];
        if (record) summary.rejected.push({ line: record.line, errors });
      }
      pending = pending.filter((_, index) => !byIndex.has(index));
    }
  }
}

function describeRejection(rejection: Rejection): string {
  return `line ${rejection.line}: ${rejection.errors.map((error) => `${error.field} ${error.message}`).join('; ')}`;
}

export async function runIngest(
  options: EventsIngestOptions,
  io: IO,
  deps: Pick<Deps, 'createClient'>,
): Promise<void> {
  const format = options.format ?? (options.file.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
  const file = await openEventFile(options.file, format);
  const { client } = await connect(options, io, deps);
  const summary: Summary = { file: options.file, total: 0, ingested: 0, duplicates: 0, rejected: [] };
  const status =
    io.stderr.isTTY && !options.json
      ? startStatusLine(io, () => {
          const { read, size } = file.progress();
          const percent = size === 0 ? 100 : Math.floor((read / size) * 100);
          return `Ingesting ${options.file}: ${percent}% read, ${summary.total} events sent`;
        })
      : undefined;
  let chunk: Array<{ line: number; event: Record<string, unknown> }> = [];
  let chunkBytes = 0;
  try {
    for await (const record of file.records as AsyncIterable<FileRecord>) {
      if ('error' in record) {
        summary.rejected.push({ line: record.line, errors: [{ field: 'line', message: record.error }] });
        continue;
      }
      const size = Buffer.byteLength(JSON.stringify(record.event)) + 1;
      if (chunk.length > 0 && chunkBytes + size > CHUNK_BYTES) {
        await sendChunk(client, chunk, summary);
        chunk = [];
        chunkBytes = 0;
      }
      chunk.push(record);
      chunkBytes += size;
      if (chunk.length === CHUNK) {
        await sendChunk(client, chunk, summary);
        chunk = [];
        chunkBytes = 0;
        if (!status && !options.json) note(io, `${summary.total} events sent…`);
      }
    }
    await sendChunk(client, chunk, summary);
  } catch (error) {
    status?.stop();
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
      throw new CliError(`${options.file} is not valid CSV: ${error.message}`, { code: 'invalid_file' });
    }
    note(io, `Stopped after ${summary.total} events sent (${summary.ingested} recorded).`);
    throw error;
  }
  status?.stop();
  summary.rejected.sort((a, b) => a.line - b.line);
  if (options.json) {
    writeJson(io, summary);
  } else {
    success(
      io,
      `Ingested ${summary.ingested} events from ${options.file} (${summary.duplicates} duplicates, ${summary.rejected.length} rejected).`,
    );
    for (const rejection of summary.rejected.slice(0, SHOWN_REJECTIONS)) {
      io.stderr.write(`  ${paint(io).dim(describeRejection(rejection))}\n`);
    }
    if (summary.rejected.length > SHOWN_REJECTIONS) {
      note(io, `…and ${summary.rejected.length - SHOWN_REJECTIONS} more (--json lists them all).`);
    }
  }
  if (summary.rejected.length > 0) {
    throw new CliError(
      `${summary.rejected.length} line(s) of ${options.file} were rejected; the rest were recorded.`,
      {
        code: 'events_rejected',
      },
    );
  }
}
