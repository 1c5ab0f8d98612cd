/**
 * The command-line entry: wires the commands, turns every failure into a message and an
 * exit code (DESIGN §5) and never shows a stack trace unless CRMFLOW_DEBUG=1.
 */
import type { EventEmitter } from 'node:events';
import { Command, CommanderError, Help, type Argument, type Option } from 'commander';
import { helpExtraZhCN, helpTitlesZhCN, helpZhCN, programHelpZhCN } from '../i18n/help.zh-CN.js';
import { langFromEnv, localize, msg, parseLang, part, t, type Lang } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { packageVersion } from '../model/package-root.js';
import { commands } from './commands.js';
import { EXIT, UsageError, colors } from './io.js';


/** Builds the program (exported for tests that inspect help texts), its help in `lang`. */
export function buildProgram(lang: Lang = 'en'): Command {
  const program = new Command('crmflow')
    .description('Process-as-code for CRM business processes: validate, lint, render, simulate, diff and export layered YAML processes.')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--lang <lang>', 'language of messages: en or zh-CN (default: lang: in crmflow.yaml, else LC_ALL / LC_MESSAGES / LANG)')
    .hook('preAction', async (root) => {
      const lang = (root.opts() as { lang?: string }).lang;
      if (lang === undefined) return;
      const { parseLang, setFlagLang } = await import('../i18n/index.js');
      if (lang !== 'en' && lang !== 'zh-CN' && !parseLang(lang)) throw new UsageError(msg('cli.badLang', { lang }));
      setFlagLang(parseLang(lang));
    })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
      // In Chinese, report() says commander's errors in its own words (by error code).
      outputError: (s, write) => (lang === 'en' ? write(s) : undefined),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow init my-processes        scaffold a project with a lead-to-cash example
  $ crmflow validate                 check every process of the project
  $ crmflow validate --format json   the same, as JSON for tools

Exit codes: 0 nothing wrong, 1 the processes have problems, 2 the command could not run.
Docs: README.md; file format: schemas/process.schema.json`,
    );
  for (const register of commands) register(program);
  for (const cmd of program.commands) cmd.exitOverride().showSuggestionAfterError(true);
  if (lang === 'zh-CN') translateHelp(program);
  return program;
}

/**
 * The language of `--help`: `--lang` on the command line, else the locale. Help is printed
 * before any project is read, so `lang:` of crmflow.yaml does not apply to it.
 */
export function helpLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const flag = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.slice('--lang='.length) : argv[i + 1];
  return parseLang(flag) ?? langFromEnv(env);
}

/** Puts the Chinese summaries and descriptions of src/i18n/help.zh-CN.ts in place; what has none stays English. */
function translateHelp(program: Command): void {
  const setOptions = (cmd: Command, texts: Record<string, string>) => {
    for (const o of cmd.options) if (o.long && texts[o.long]) o.description = texts[o.long]!;
  };
  program.description(programHelpZhCN.description);
  setOptions(program, programHelpZhCN.options);
  const help = programHelpZhCN.options['--help']!;
  program.helpOption('-h, --help', help);
  program.helpCommand('help [command]', programHelpZhCN.helpCommand);
  // commander's headings (Usage:, Options:) and its "(default: …)" notes.
  const chinese = {
    styleTitle: (title: string) => helpTitlesZhCN[title] ?? title,
    optionDescription(this: Help, option: Option) {
      return helpExtraZhCN(Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(this: Help, argument: Argument) {
      return helpExtraZhCN(Help.prototype.argumentDescription.call(this, argument));
    },
  };
  program.configureHelp(chinese);
  for (const cmd of program.commands) {
    cmd.configureHelp(chinese);
    const zh = helpZhCN[cmd.name()];
    if (!zh) continue;
    cmd.summary(zh.summary).description(zh.description).helpOption('-h, --help', help);
    setOptions(cmd, zh.options);
    for (const a of cmd.registeredArguments) if (zh.args?.[a.name()]) a.description = zh.args[a.name()]!;
    // Commander keeps help texts as listeners of its EventEmitter: the English one makes way.
    if (zh.after !== undefined) {
      (cmd as unknown as EventEmitter).removeAllListeners('afterHelp');
      cmd.addHelpText('after', zh.after);
    }
  }
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  stopQuietlyOnClosedPipe();
  const lang = helpLang(argv);
  const program = buildProgram(lang);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    // --lang (set once parsing got that far) or the locale; lang: of crmflow.yaml is not read for errors.
    const { currentLang } = await import('../i18n/index.js');
    const command = argv.slice(2).find((a) => program.commands.some((c) => c.name() === a));
    return report(e, e instanceof CommanderError ? lang : currentLang(), command);
  }
}

let pipeGuarded = false;

/** A reader that stops early (`crmflow export --help | head`) closes the pipe: end quietly, as Unix tools do, instead of crashing on EPIPE. */
function stopQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
    throw err;
  });
}

function report(e: unknown, lang: Lang, command?: string): number {
  const c = colors(process.stderr);
  const error = c.red(t(lang, 'cli.error'));
  const hintWord = c.dim(t(lang, 'cli.hint'));
  // `错误：` ends in a full-width colon, which needs no space after it.
  const sep = lang === 'en' ? ' ' : '';
  if (e instanceof CommanderError) {
    // --help and --version end here too; commander has printed them already. Bare `crmflow`
    // prints help to stderr: that is a usage error (exit 2), as for any missing argument.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
    if (lang !== 'en' && e.code !== 'commander.help' && e.code !== 'commander.executeSubCommandAsync') {
      const said = commanderMessage(e.code, e.message, lang, command);
      process.stderr.write(`${error}${sep}${said.text}\n`);
      if (said.usage !== undefined) process.stderr.write(`${hintWord}${sep}${t(lang, 'commander.usageHint', { command: said.usage })}\n`);
    }
    return EXIT.cannotRun;
  }
  if (e instanceof UsageError || e instanceof CrmflowError) {
    process.stderr.write(`${error}${sep}${localize(e.message, lang)}\n`);
    if (e.hint) process.stderr.write(`${hintWord}${sep}${localize(e.hint, lang)}\n`);
    if (process.env.CRMFLOW_DEBUG === '1' && e.stack) process.stderr.write(`${e.stack}\n`);
    return EXIT.cannotRun;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EISDIR' || err.code === 'EROFS' || err.code === 'ENOSPC')) {
    process.stderr.write(`${error}${sep}${err.path ? `${err.path}: ` : ''}${t(lang, describeErrno(err.code))}\n`);
    if (process.env.CRMFLOW_DEBUG === '1' && err.stack) process.stderr.write(`${err.stack}\n`);
    return EXIT.cannotRun;
  }
  process.stderr.write(`${error}${sep}${t(lang, 'cli.unexpected', { why: err?.message ?? String(e) })}\n`);
  if (process.env.CRMFLOW_DEBUG === '1' && err?.stack) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write(`${hintWord}${sep}${t(lang, 'cli.unexpectedHint')}\n`);
  return EXIT.cannotRun;
}

function describeErrno(code: string): 'errno.EACCES' | 'errno.ENOENT' | 'errno.ENOTDIR' | 'errno.EISDIR' | 'errno.EROFS' | 'errno.ENOSPC' {
  if (code === 'EPERM') return 'errno.EACCES';
  return code === 'EACCES' || code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EROFS' ? `errno.${code}` : 'errno.ENOSPC';
}

/**
 * commander's error `code` said in `lang`, with the quoted names taken from its English
 * message; `usage` names the command whose --help to suggest. An unknown code keeps commander's text.
 */
export function commanderMessage(code: string, message: string, lang: Lang, command?: string): { text: string; usage?: string } {
  const usage = command ? `${command} ` : '';
  const text = message.replace(/^error: /, '');
  const quoted = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const similar = /\(Did you mean (?:one of )?(.+)\?\)/.exec(text)?.[1];
  const hint = similar ? part('commander.didYouMean', { word: similar }) : '';
  switch (code) {
    case 'commander.unknownOption':
      return { text: t(lang, 'commander.unknownOption', { option: quoted[0], hint }), usage };
    case 'commander.unknownCommand':
      return { text: t(lang, 'commander.unknownCommand', { command: quoted[0], hint }), usage };
    case 'commander.missingArgument':
      return { text: t(lang, 'commander.missingArgument', { argument: quoted[0] }), usage };
    case 'commander.optionMissingArgument':
      return { text: t(lang, 'commander.optionMissingArgument', { option: quoted[0] }), usage };
    case 'commander.excessArguments': {
      const [expected, got] = [...text.matchAll(/(\d+)/g)].map((m) => m[1]!);
      return { text: t(lang, 'commander.excessArguments', { command: quoted[0] ? part('commander.excessFor', { command: quoted[0] }) : '', expected, got }), usage };
    }
    default:
      return { text };
  }
}
