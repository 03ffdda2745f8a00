import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allCommands, completionTree } from '../src/completion/tree.js';
import { defaultDeps } from '../src/deps.js';
import { createProgram } from '../src/program.js';
import { fakeIO } from './helpers/fake-io.js';

// The runbook is followed at 3 a.m.: every `molam …` command it gives must be a command this CLI has, with
// options it takes.
const RUNBOOK = readFileSync(new URL('../../../docs/runbook.md', import.meta.url), 'utf8');
const commands = allCommands(
  completionTree(createProgram({ io: fakeIO(), deps: defaultDeps }, { json: false })),
);

/** The `molam …` spans of the runbook. */
const runbookCommands = () => [...RUNBOOK.matchAll(/`(molam [^`]+)`/g)].map((match) => match[1] ?? '');

describe('docs/runbook.md', () => {
  it('names only commands and options the CLI has', () => {
    const spans = runbookCommands();
    expect(spans.length).toBeGreaterThan(20);
    for (const span of spans) {
      // Global options first (`--profile ops`), then the command's words, then its arguments and options.
      const words = span.split(/\s+/).slice(1);
      while (words[0]?.startsWith('--')) words.splice(0, words[0] === '--json' ? 1 : 2);
      const command = commands
        .filter((candidate) => {
          const path = candidate.path.split(' ');
          return path.every((word, i) => words[i] === word);
        })
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (!command?.path) throw new Error(`\`${span}\`: no such command`);
      const known = new Set(command.options.flatMap((option) => option.names));
      for (const flag of words.filter((word) => word.startsWith('-'))) {
        expect(known.has(flag), `\`${span}\`: ${command.path} has no ${flag}`).toBe(true);
      }
      // A leaf command's words must not run on into an unknown subcommand.
      expect(command.subcommands, `\`${span}\`: ${command.path} needs a subcommand`).toEqual([]);
    }
  });
});
