import { Argument, type Command, type Option } from 'commander';

interface NodeOption {
  flag: string;
  /** `-o` for `--output`, when the option has one. */
  short: string | undefined;
  description: string;
  /** The values it takes, when it lists them (`--output`, an enum, a boolean). */
  choices: readonly string[] | undefined;
  /** Whether the next word is its value (`--timeout 5000`), not a command. */
  takesValue: boolean;
}

interface Node {
  path: string;
  subcommands: { name: string; summary: string }[];
  /** The values of its positional arguments, when they are listed (`completion <shell>`). */
  values: readonly string[];
  options: NodeOption[];
}

const nodeOption = (option: Option): NodeOption => ({
  flag: option.long ?? '',
  short: option.short,
  description: option.description,
  choices: option.argChoices,
  takesValue: option.required || option.optional,
});

/** Every flag, long and short, whose next word is its value. */
const valueFlags = (nodes: readonly Node[]) => [
  ...new Set(
    nodes.flatMap((node) =>
      node.options
        .filter((option) => option.takesValue)
        .flatMap((option) => [option.flag, option.short].filter((flag): flag is string => Boolean(flag))),
    ),
  ),
];

/** Every command of the tree with its subcommands and options: what every script is generated from. */
export function commandNodes(program: Command): Node[] {
  const nodes: Node[] = [];
  const globals = program.options.map(nodeOption);
  const visit = (command: Command, path: string[]) => {
    nodes.push({
      path: path.join(' '),
      subcommands: command.commands.map((sub) => ({
        name: sub.name(),
        summary: sub.summary() || sub.description().split('\n')[0] || '',
      })),
      values: command.registeredArguments.flatMap((argument) => argument.argChoices ?? []),
      options: [
        ...command.options.map(nodeOption),
        ...(path.length ? globals : []),
        { flag: '--help', short: undefined, description: 'show help', choices: undefined, takesValue: false },
      ].filter((option) => option.flag),
    });
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return nodes;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(nodes: Node[]): string {
  const cases = nodes
    .map(
      (node) =>
        `    ${JSON.stringify(node.path)}) words=${quote([...node.subcommands.map((sub) => sub.name), ...node.values, ...node.options.map((option) => option.flag)].join(' '))} ;;`,
    )
    .join('\n');
  const valueCases = [
    ...new Set(
      nodes.flatMap((node) =>
        node.options
          .filter((option) => option.choices)
          .map(
            (option) =>
              `    ${[option.flag, option.short]
                .filter(Boolean)
                .map((flag) => JSON.stringify(`${node.path}|${flag}`))
                .join('|')}) words=${quote((option.choices ?? []).join(' '))} ;;`,
          ),
      ),
    ),
  ].join('\n');
  return `# mmd completion for bash. Load it with: source <(mmd completion bash)
_mmd_words() {
  case "$1" in
${cases}
    *) return 1 ;;
  esac
}
_mmd_values() {
  case "$1|$2" in
${valueCases}
    *) return 1 ;;
  esac
}
_mmd() {
  # The words as typed, split on blanks only: COMP_WORDS also splits on = and :, which --output=json and
  # URLs hold.
  local line="\${COMP_LINE:0:COMP_POINT}" path="" word words i
  local -a typed
  read -ra typed <<< "$line"
  [[ -z "$line" || "$line" == *[[:space:]] ]] && typed+=("")
  local count=\${#typed[@]}
  local cur="\${typed[count-1]}" prev=""
  ((count > 1)) && prev="\${typed[count-2]}"
  for ((i = 1; i < count - 1; i++)); do
    word="\${typed[i]}"
    case "$word" in
      --*=*) ;;
      ${valueFlags(nodes).join('|')}) ((i++)) ;; # its value is the next word, not a command
      -*) ;;
      *) path="\${path:+$path }$word" ;;
    esac
  done
  # The value of an option that lists its values (--output, --persona).
  local at="$path"
  while true; do
    if _mmd_values "$at" "$prev"; then
      COMPREPLY=($(compgen -W "$words" -- "$cur"))
      return
    fi
    case "$at" in *" "*) at="\${at% *}" ;; "") break ;; *) at="" ;; esac
  done
  # Positional values (a device name) are not commands: fall back to the deepest known command.
  while ! _mmd_words "$path"; do
    case "$path" in *" "*) path="\${path% *}" ;; *) path="" ;; esac
  done
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _mmd mmd
`;
}

function zsh(nodes: Node[]): string {
  return `#compdef mmd
# mmd completion for zsh. Load it with: source <(mmd completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash(nodes).split('\n').slice(1).join('\n')}`;
}

function fish(nodes: Node[]): string {
  const fishQuote = (text: string) => text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const list = (words: readonly string[]) => words.map((word) => `'${fishQuote(word)}'`).join(' ');
  const lines = [
    '# mmd completion for fish. Load it with: mmd completion fish | source',
    `set -g __mmd_commands ${list(nodes.map((node) => node.path).filter(Boolean))}`,
    `set -g __mmd_value_flags ${list(valueFlags(nodes))}`,
    '# The deepest known command the words name: option values and positional values are skipped.',
    'function __mmd_at',
    '    set -l words',
    '    set -l skip 0',
    '    for word in (commandline -opc)[2..-1]',
    '        if test $skip -eq 1',
    '            set skip 0',
    '        else if contains -- $word $__mmd_value_flags',
    '            set skip 1',
    "        else if not string match -q -- '-*' $word",
    '            set -a words $word',
    '        end',
    '    end',
    '    set -l path (string join " " $words)',
    '    while test -n "$path"; and not contains -- "$path" $__mmd_commands',
    "        set path (string replace -r ' ?[^ ]*$' '' -- $path)",
    '    end',
    '    test "$path" = "$argv[1]"',
    'end',
  ];
  for (const node of nodes) {
    const condition = `'__mmd_at "${node.path}"'`;
    for (const sub of node.subcommands) {
      lines.push(`complete -c mmd -f -n ${condition} -a '${sub.name}' -d '${fishQuote(sub.summary)}'`);
    }
    for (const value of node.values) lines.push(`complete -c mmd -f -n ${condition} -a '${value}'`);
    for (const option of node.options) {
      const values = option.choices ? ` -x -a '${fishQuote(option.choices.join(' '))}'` : '';
      lines.push(
        `complete -c mmd -f -n ${condition} -l '${option.flag.slice(2)}'${values} -d '${fishQuote(option.description)}'`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function addCompletionCommand(program: Command): void {
  program
    .command('completion')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .description('Print the completion script for bash, zsh or fish')
    .addHelpText(
      'after',
      `
Examples:
  $ source <(mmd completion bash)        # in ~/.bashrc
  $ source <(mmd completion zsh)         # in ~/.zshrc
  $ mmd completion fish > ~/.config/fish/completions/mmd.fish
`,
    )
    .action((shell: string) => {
      const nodes = commandNodes(program);
      const scripts: Record<string, (nodes: Node[]) => string> = { bash, zsh, fish };
      // commander has checked the choice.
      process.stdout.write((scripts[shell] as (nodes: Node[]) => string)(nodes));
    });
}
