import { Chalk, type ChalkInstance } from 'chalk';
import type { IO } from '../io.js';

/** A chalk that paints only when colour is on for this run. */
export function paint(io: IO): ChalkInstance {
  return new Chalk({ level: io.color ? 1 : 0 });
}

/** The whole of stdout in `--json` mode: one JSON document. */
export function writeJson(io: IO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Status and hints for the person at the terminal; never part of the result. */
export function note(io: IO, message: string): void {
  io.stderr.write(`${message}\n`);
}

/** A success line on stderr: `✓ Revoked key key_…`. */
export function success(io: IO, message: string): void {
  const tick = io.color ? paint(io).green('✓') : '✓';
  io.stderr.write(`${tick} ${message}\n`);
}

export type Field = readonly [label: string, value: string];

/** One object as aligned `label  value` lines. */
export function writeRecord(io: IO, fields: readonly Field[]): void {
  const width = Math.max(...fields.map(([label]) => label.length));
  const chalk = paint(io);
  for (const [label, value] of fields) {
    io.stdout.write(`${chalk.dim(label.padEnd(width))}  ${value}\n`);
  }
}

/** How a nullable timestamp or text reads in human output. */
export function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '-' : value;
}

/**
 * A secret as printed: in full the one time it is shown, or a note when the answer was an idempotent replay,
 * which never carries secrets.
 */
export function secretField(io: IO, secret: string | null): Field {
  return [
    'secret',
    secret === null
      ? paint(io).yellow('not shown: this was a replay, and secrets are shown once')
      : paint(io).bold(secret),
  ];
}
