import { allCommands, type CompletionCommand, singleQuote, valueFlags } from './tree.js';

/** `name:description` for _describe; a colon inside the name would split it, so it is escaped. */
function describeItem(name: string, description: string): string {
  return singleQuote(`${name.replace(/:/g, '\\:')}:${description}`);
}

/** Zsh: the same walk as bash, with descriptions shown next to each candidate. */
export function zshScript(root: CompletionCommand): string {
  const bin = root.name;
  const commands = allCommands(root);
  const paths = commands.filter((command) => command.path !== '').map((command) => singleQuote(command.path));
  const flags = valueFlags(root);
  const choiceCases = commands.flatMap((command) =>
    command.options
      .filter((option) => option.choices.length > 0)
      .map((option) => {
        const labels = option.names.map((name) => singleQuote(`${command.path}|${name}`)).join('|');
        return `    (${labels}) compadd -- ${option.choices.map(singleQuote).join(' ')}; return ;;`;
      }),
  );
  const wordCases = commands.map((command) => {
    const subcommands = [
      ...command.subcommands.map((sub) => describeItem(sub.name, sub.description)),
      ...command.values.map((value) => describeItem(value, value)),
    ];
    const options = command.options.flatMap((option) =>
      option.names.map((name) => describeItem(name, option.description)),
    );
    return [
      `    (${singleQuote(command.path)})`,
      `      subcommands=(${subcommands.join(' ')})`,
      `      options=(${options.join(' ')}) ;;`,
    ].join('\n');
  });
  return `#compdef ${bin}
# zsh completion for ${bin}. Load it with: source <(${bin} completion zsh)
# or save it as _${bin} in a folder of $fpath.
_${bin}() {
  local cmd="" word i
  local -a subcommands options
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    case "$word" in
      (${flags.map(singleQuote).join('|')}) ((i++)); continue ;;
      (-*) continue ;;
    esac
    case "\${cmd:+$cmd }$word" in
      (${paths.join('|')}) cmd="\${cmd:+$cmd }$word" ;;
    esac
  done
  local prev="\${words[CURRENT-1]}"
  case "$cmd|$prev" in
${choiceCases.join('\n')}
  esac
  case "$prev" in
    (${flags.map(singleQuote).join('|')}) _files; return ;;
  esac
  case "$cmd" in
${wordCases.join('\n')}
  esac
  _describe -t commands 'command' subcommands
  _describe -t options 'option' options
}
if [[ "\${funcstack[1]}" == "_${bin}" ]]; then
  _${bin} "$@"
else
  compdef _${bin} ${bin}
fi
`;
}
