import { allCommands, type CompletionCommand, valueFlags } from './tree.js';

/** Fish quotes like sh, except that a backslash escapes inside single quotes. */
function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function optionSpec(name: string): string {
  return name.startsWith('--') ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`;
}

/** Fish: a helper works out the command typed so far; each candidate is one `complete` line guarded by it. */
export function fishScript(root: CompletionCommand): string {
  const bin = root.name;
  const commands = allCommands(root);
  const paths = commands.filter((command) => command.path !== '').map((command) => fishQuote(command.path));
  const flags = valueFlags(root);
  const lines: string[] = [];
  for (const command of commands) {
    const guard = `-n ${fishQuote(`__${bin}_at ${fishQuote(command.path)}`)}`;
    for (const sub of command.subcommands) {
      lines.push(`complete -c ${bin} ${guard} -a ${fishQuote(sub.name)} -d ${fishQuote(sub.description)}`);
    }
    if (command.values.length > 0)
      lines.push(`complete -c ${bin} ${guard} -a ${fishQuote(command.values.join(' '))}`);
    for (const option of command.options) {
      const spellings = option.names.map(optionSpec).join(' ');
      const value =
        option.choices.length > 0
          ? ` -x -a ${fishQuote(option.choices.join(' '))}`
          : option.takesValue
            ? ' -r -F'
            : '';
      lines.push(`complete -c ${bin} ${guard} ${spellings}${value} -d ${fishQuote(option.description)}`);
    }
  }
  return `# fish completion for ${bin}. Load it with: ${bin} completion fish | source
function __${bin}_command
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l cmd
    set -l skip 0
    for token in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $token
            case ${flags.map(fishQuote).join(' ')}
                set skip 1
                continue
            case '-*'
                continue
        end
        if contains -- (string join ' ' $cmd $token) ${paths.join(' ')}
            set cmd $cmd $token
        end
    end
    string join ' ' $cmd
end

function __${bin}_at
    set -l cmd (__${bin}_command)
    test "$cmd" = "$argv[1]"
end

complete -c ${bin} -f
${lines.join('\n')}
`;
}
