import type { IO } from '../io.js';
import { paint } from './write.js';

export interface Column<Row> {
  header: string;
  value(row: Row): string;
}

/**
 * A list as a boxed table on a terminal, or as tab-separated lines without a header when piped, so that
 * `cut` and `awk` work on it. cli-table3 loads only here.
 */
export async function writeTable<Row>(
  io: IO,
  rows: readonly Row[],
  columns: readonly Column<Row>[],
): Promise<void> {
  if (!io.stdout.isTTY) {
    for (const row of rows) io.stdout.write(`${columns.map((column) => column.value(row)).join('\t')}\n`);
    return;
  }
  const { default: Table } = await import('cli-table3');
  const chalk = paint(io);
  const table = new Table({
    head: columns.map((column) => chalk.bold(column.header)),
    style: { head: [], border: [] },
  });
  for (const row of rows) table.push(columns.map((column) => column.value(row)));
  io.stdout.write(`${table.toString()}\n`);
}
