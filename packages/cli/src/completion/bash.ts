import { allCommands, type CompletionCommand, singleQuote, valueFlags } from './tree.js';

function caseLabels(values: readonly string[]): string {
  return values.map(singleQuote).join('|');
}

/** Bash: find the deepest known command among the words typed, then offer its subcommands and flags. */
export function bashScript(root: CompletionCommand): string {
  const bin = root.name;
  const commands = allCommands(root);
  const paths = commands.filter((command) => command.path !== '').map((command) => command.path);
  const wordCases = commands.map((command) => {
    const words = [
      ...command.subcommands.map((sub) => sub.name),
      ...command.values,
      ...command.options.flatMap((option) => option.names),
    ];
    return `        ${singleQuote(command.path)}) words=${singleQuote(words.join(' '))} ;;`;
  });
  const choiceCases = commands.flatMap((command) =>
    command.options
      .filter((option) => option.choices.length > 0)
      .map((option) => {
        const labels = caseLabels(option.names.map((name) => `${command.path}|${name}`));
        return `    ${labels}) COMPREPLY=($(compgen -W ${singleQuote(option.choices.join(' '))} -- "$cur")) ;;`;
      }),
  );
  const flags = valueFlags(root);
  return `# bash completion for ${bin}. Load it with: source <(${bin} completion bash)
_${bin}() {
  # Words come from COMP_LINE rather than COMP_WORDS, which bash also splits at ":" (payments:read).
  local line="\${COMP_LINE:0:COMP_POINT}"
  local -a typed
  read -ra typed <<< "$line"
  [[ "$line" =~ [[:space:]]$ ]] && typed+=("")
  local count=\${#typed[@]}
  local cur="\${typed[count-1]}" prev="\${typed[count-2]}"
  local cmd="" word i words=""
  for ((i = 1; i < count - 1; i++)); do
    word="\${typed[i]}"
    case "$word" in
      ${caseLabels(flags)}) ((i++)); continue ;;
      -*) continue ;;
    esac
    case "\${cmd:+$cmd }$word" in
      ${caseLabels(paths)}) cmd="\${cmd:+$cmd }$word" ;;
    esac
  done
  case "$cmd|$prev" in
${choiceCases.join('\n')}
    *)
      case "$prev" in
        ${caseLabels(flags)}) COMPREPLY=(); return ;;
      esac
      case "$cmd" in
${wordCases.join('\n')}
      esac
      COMPREPLY=($(compgen -W "$words" -- "$cur")) ;;
  esac
  # Bash replaces only the part after the last ":", so drop what is already typed up to it.
  if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
    local typed_prefix="\${cur%"\${cur##*:}"}"
    COMPREPLY=("\${COMPREPLY[@]#"$typed_prefix"}")
  fi
}
complete -o default -F _${bin} ${bin}
`;
}
