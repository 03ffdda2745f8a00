import type { Command, Option } from 'commander';

export interface CompletionOption {
  /** `--json`, `-y` … every spelling of the flag. */
  names: string[];
  description: string;
  takesValue: boolean;
  choices: readonly string[];
}

export interface CompletionCommand {
  /** Words from the root, such as `merchants keys create`; '' for the root itself. */
  path: string;
  name: string;
  description: string;
  subcommands: CompletionCommand[];
  options: CompletionOption[];
  /** Values a positional argument accepts, such as `bash zsh fish`. */
  values: string[];
}

function describeOption(option: Option): CompletionOption {
  return {
    names: [option.long, option.short].filter((name): name is string => name !== undefined),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: option.argChoices ?? [],
  };
}

/**
 * The command tree as plain data, read from commander itself, so a new command or flag shows up in every
 * shell's completion without touching the generators. Root options apply everywhere, except --version.
 */
export function completionTree(program: Command): CompletionCommand {
  const help = program.createHelp();
  const inherited = help
    .visibleOptions(program)
    .filter((option) => option.long !== '--version' && option.long !== '--help')
    .map(describeOption);

  const walk = (command: Command, path: string, isRoot: boolean): CompletionCommand => {
    const own = help.visibleOptions(command).map(describeOption);
    const options = isRoot ? own : [...own, ...inherited];
    const subcommands = help
      .visibleCommands(command)
      .filter((sub) => sub.name() !== 'help')
      .map((sub) => walk(sub, path ? `${path} ${sub.name()}` : sub.name(), false));
    const values = command.registeredArguments.flatMap((argument) => argument.argChoices ?? []);
    return { path, name: command.name(), description: command.description(), subcommands, options, values };
  };
  return walk(program, '', true);
}

export function allCommands(root: CompletionCommand): CompletionCommand[] {
  return [root, ...root.subcommands.flatMap(allCommands)];
}

/** Every flag spelling that consumes the next word, so generators can skip option values. */
export function valueFlags(root: CompletionCommand): string[] {
  const names = allCommands(root).flatMap((command) =>
    command.options.filter((option) => option.takesValue).flatMap((option) => option.names),
  );
  return [...new Set(names)].sort();
}

/** A shell-safe single-quoted word: `it's` → `'it'\''s'`. */
export function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
