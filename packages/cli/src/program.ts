import type { OperationSpec } from '@mmd-sdk/mmd-api';
import { Command, Option } from 'commander';
import { addCompletionCommand } from './commands/completion';
import { addConfigCommand } from './commands/config';
import { addLogoutCommand } from './commands/logout';
import { addMockCommand } from './commands/mock';
import { addTokenCommand } from './commands/token';
import { EXIT_CODES_HELP, UsageError } from './errors';
import { operationTable } from './generated/operations.gen';
import { commandPath, pathArgument, queryFlag } from './naming';
import type { OperationOptions } from './run/run-operation';

export const VERSION = '0.0.0';

const QUERY_HELP: Record<string, string> = {
  $filter: 'OData filter, such as "state eq \'active\'"',
  $orderby: "sort order, such as 'createdDateTime desc'",
  $top: 'items in the page (with --all: the page size)',
  $skip: 'items to skip first',
  $searchText: 'text searched for in the documented fields',
};

const GROUP_HELP: Record<string, string> = {
  devices: 'Devices managed by Microsoft Managed Desktop',
  profiles: 'Device profiles (personas) of the tenant',
  users: 'Users with managed devices',
  tickets: 'Support tickets and their notes',
  'elevation-requests': 'Just-in-time elevation requests',
};

/** A value as a word of a shell command line, quoted when it needs it. */
const shellWord = (text: string) => (/^[\w.@:/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

function examples(words: string[], spec: OperationSpec): string[] {
  const positionals = spec.pathParams
    .filter((name) => name !== 'tenantId')
    .map((name) => {
      const example = spec.pathExamples[name];
      return example === undefined ? `<${pathArgument(name)}>` : shellWord(example);
    });
  const flags: string[] = [];
  if (spec.queryParams.includes('$filter'))
    flags.push(`--filter "${words[0] === 'tickets' ? "state eq 'active'" : "deviceName eq 'MMD-1'"}"`);
  if (spec.queryParams.includes('$searchText')) flags.push('--search Surface');
  for (const parameter of spec.queryParams.filter((name) => !name.startsWith('$'))) {
    const example = spec.query[parameter]?.example;
    flags.push(
      `--${queryFlag(parameter)} ${example === null || example === undefined ? '<value>' : shellWord(example)}`,
    );
  }
  const command = ['mmd', ...words, ...positionals, ...flags].join(' ');
  if (spec.body === 'json')
    return [`${command} --body @body.json`, `cat body.json | ${command} --body - --yes`];
  return spec.pageable ? [command, `mmd ${words.join(' ')} --all --output csv > ${words[0]}.csv`] : [command];
}

/** A query parameter's flag: its values as choices (`true`/`false` for a boolean), required when the document says so. */
function queryOption(parameter: string, spec: OperationSpec): Option {
  const declared = spec.query[parameter];
  const values = declared?.values ?? (declared?.type === 'boolean' ? ['true', 'false'] : null);
  const help = QUERY_HELP[parameter] ?? `the ${parameter} query parameter`;
  const option = new Option(
    `--${queryFlag(parameter)} <value>`,
    declared?.required ? `${help} (required)` : help,
  );
  if (values) option.choices(values);
  if (declared?.required) option.makeOptionMandatory();
  return option;
}

const examplesHelp = (lines: readonly string[]) =>
  `\nExamples:\n${lines.map((text) => `  $ ${text}`).join('\n')}\n`;

/** One command per operation of the generated table, placed by `commandPath`. */
function addOperationCommands(program: Command): void {
  const groups = new Map<string, Command>();
  const groupExamples = new Map<Command, string[]>();
  const groupOf = (names: string[]): Command => {
    let parent = program;
    for (let depth = 1; depth <= names.length; depth++) {
      const key = names.slice(0, depth).join(' ');
      let group = groups.get(key);
      if (!group) {
        const name = names[depth - 1] as string;
        const description =
          GROUP_HELP[name] ??
          `${name[0]?.toUpperCase()}${name.slice(1).replace(/-/g, ' ')}${depth > 1 ? ` of ${names[depth - 2]}` : ''}`;
        group = parent.command(name).description(description);
        groups.set(key, group);
      }
      parent = group;
    }
    return parent;
  };
  const taken = new Set<string>();
  for (const [operationId, spec] of Object.entries(operationTable)) {
    const words = commandPath(operationId, spec);
    let verb = words.pop() as string;
    // Two operations on one path (not the case today): the second keeps its operationId.
    if (taken.has([...words, verb].join(' '))) verb = operationId;
    taken.add([...words, verb].join(' '));
    const command = groupOf(words)
      .command(verb)
      .summary(spec.summary)
      .description(`${spec.summary}.\n${spec.method} ${spec.path} (operation ${operationId})`);
    for (const name of spec.pathParams.filter((parameter) => parameter !== 'tenantId')) {
      command.argument(`<${pathArgument(name)}>`);
    }
    for (const parameter of spec.queryParams) command.addOption(queryOption(parameter, spec));
    if (spec.body === 'json') {
      command.option('--body <json|@file|->', "the JSON body: '{...}', @file.json, or - to read stdin");
    }
    if (spec.pageable) {
      command.option('--all', 'follow every page (streams ndjson and csv page by page)');
      command.option('--page-size <n>', 'items per request with --all (default 100)');
    }
    command.option('--columns <a,b,c>', 'the fields to print, in this order (every output format)');
    const lines = examples([...words, verb], spec);
    command.addHelpText('after', examplesHelp(lines));
    for (let parent = command.parent; parent && parent !== program; parent = parent.parent) {
      groupExamples.set(parent, [...(groupExamples.get(parent) ?? []), lines[0] as string]);
    }
    command.action(async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const positionals = args.slice(0, -2) as string[];
      const { runOperation } = await import('./run/run-operation');
      await runOperation(operationId, spec, positionals, self.optsWithGlobals<OperationOptions>());
    });
  }
  for (const [group, lines] of groupExamples) group.addHelpText('after', examplesHelp(lines));
}

/**
 * `mmd help devices list` as `mmd devices list --help`: commander's own help command looks one word
 * deep, so it would show the help of `devices`.
 */
export function helpArguments(program: Command, argv: readonly string[]): string[] {
  const [node = '', script = '', first, ...rest] = argv;
  if (first !== 'help' || rest.length === 0) return [...argv];
  let command = program;
  for (const word of rest) {
    const next = command.commands.find((sub) => sub.name() === word || sub.aliases().includes(word));
    if (!next) {
      throw new UsageError(
        /^[a-z][a-z-]{0,40}$/.test(word)
          ? `no command "${[...rest.slice(0, rest.indexOf(word)), word].join(' ')}" (mmd --help lists them).`
          : 'no such command (mmd --help lists them).',
      );
    }
    command = next;
  }
  return [node, script, ...rest, '--help'];
}

export interface ProgramOptions {
  /** Receives commander's parse errors (unknown option, missing argument), to print as one line. */
  readonly printUsageError: (text: string) => void;
}

/** The whole command tree; building it loads no SDK code, so `mmd --help` starts fast. */
export function createProgram(options: ProgramOptions): Command {
  const program = new Command('mmd')
    .description('The Microsoft Managed Desktop API on the command line: every operation as a command.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: (text) => options.printUsageError(text) })
    .configureHelp({ showGlobalOptions: true })
    .option('--profile <name>', 'a profile of the config file (mmd config set)')
    .option('--tenant <id>', 'the tenant (directory) ID; else the profile, else AZURE_TENANT_ID')
    .option('--client-id <id>', 'the app (client) ID; else the profile, else AZURE_CLIENT_ID')
    .option('--certificate <pem>', 'sign in with this certificate (PEM with its private key)')
    .option('--authority <url>', 'the Entra authority host; else AZURE_AUTHORITY_HOST')
    .option('--base-url <url>', 'the API base URL; else the profile, else MMD_BASE_URL')
    .option('--managed-identity', 'use the managed identity of the Azure host (VM, AKS node)')
    .option('--mock', 'run against an in-process mock tenant (no sign-in, nothing leaves the machine)')
    .option('--no-token-cache', 'do not keep tokens between runs')
    .option('--timeout <ms>', 'milliseconds per attempt (default 30000)')
    .option('--retries <n>', 'retries of a failed request (default 2)')
    .addOption(
      new Option(
        '-o, --output <format>',
        'table, json, ndjson or csv (default: table on a terminal, json otherwise)',
      ).choices(['table', 'json', 'ndjson', 'csv']),
    )
    .option('-y, --yes', 'do not ask before a write (POST, PATCH)')
    .option('--no-color', 'no colours (NO_COLOR does the same)')
    .addHelpText(
      'after',
      `
Sign-in: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH,
AZURE_FEDERATED_TOKEN_FILE, a managed identity); on a terminal with none set, mmd asks for the secret.
Secrets are never taken from the command line nor stored. Tokens are kept between runs, encrypted with
MMD_TOKEN_CACHE_KEY or a key generated once in the config directory.

Examples:
  $ mmd devices list --mock
  $ mmd tickets list --filter "state eq 'active'" --orderby "createdDateTime desc"
  $ mmd devices list --all --output csv > devices.csv
  $ mmd token

${EXIT_CODES_HELP}
`,
    );
  addOperationCommands(program);
  addTokenCommand(program);
  addLogoutCommand(program);
  addConfigCommand(program);
  addMockCommand(program);
  addCompletionCommand(program);
  return program;
}
