import { Argument, type Command } from 'commander';
import type { App } from '../app.js';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { completionTree } from '../completion/tree.js';
import { zshScript } from '../completion/zsh.js';
import { readGlobals } from '../globals.js';
import type { IO } from '../io.js';
import { writeJson } from '../output/write.js';

export type Shell = 'bash' | 'zsh' | 'fish';

const GENERATORS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;

export interface CompletionOptions {
  shell: Shell;
  json: boolean;
  /** The root command, walked to list every command and flag. */
  program: Command;
}

export function run(options: CompletionOptions, io: IO): void {
  const script = GENERATORS[options.shell](completionTree(options.program));
  if (options.json) writeJson(io, { shell: options.shell, script });
  else io.stdout.write(script);
}

export function register(program: Command, app: App): void {
  program
    .command('completion')
    .description('Print a shell completion script: source <(molam completion bash)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(Object.keys(GENERATORS)))
    .addHelpText(
      'after',
      "\nInstall:\n  bash  echo 'source <(molam completion bash)' >> ~/.bashrc\n  zsh   echo 'source <(molam completion zsh)' >> ~/.zshrc\n  fish  molam completion fish > ~/.config/fish/completions/molam.fish",
    )
    .action((shell: Shell, _flags: object, cmd: Command) =>
      run({ shell, json: readGlobals(cmd).json, program }, app.io),
    );
}
