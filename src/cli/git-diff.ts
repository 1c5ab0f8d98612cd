import type { Command } from 'commander';
import { EXIT, colors, out } from './io.js';

export function register(program: Command): void {
  program
    .command('git-diff')
    .summary('git external diff driver: semantic process diffs in git diff and git log -p')
    .description(
      'Called by git, not by hand: shows process files as semantic changes (steps, fields, flows, findings) in plain git diff, git log -p and git show. Files that are not processes are shown as a normal text diff.',
    )
    .argument('<args...>', 'path old-file old-hex old-mode new-file new-hex new-mode, as git passes them')
    .addHelpText(
      'after',
      `
Examples:
  $ git config diff.crmflow.command "npx crmflow git-diff"      once per clone
  $ echo 'processes/**/*.yaml diff=crmflow' >> .gitattributes   once per repository
  $ git diff                      semantic changes of the process files
  $ git log -p --ext-diff -- processes/
  $ git diff --no-ext-diff        the plain YAML diff when you need it
  $ git show -m --ext-diff <merge>                 a merge against each parent
  $ git show --first-parent --ext-diff <merge>     what the merge brought to its branch
  $ git log -p --ext-diff --first-parent           history as merged pull requests

git shows merges as a combined diff, which no driver is asked for: add -m or --first-parent.

Exit code: 0 (git stops when a diff driver fails), 2 when run with the wrong arguments.`,
    )
    .action(async (args: string[]) => {
      await gitDiff(args);
      process.exitCode = EXIT.ok;
    });
}

async function gitDiff(args: string[]): Promise<void> {
  const [{ runDriver, relabelTextDiff }, { langAt }] = await Promise.all([import('../diff/driver.js'), import('./lang.js')]);
  const lang = langAt();
  const result = await runDriver(args, process.cwd(), lang);
  if (!result.report) {
    // Not a process on either side: the usual text diff, under the repository paths.
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('git', ['diff', '--no-index', '--no-ext-diff', '--', result.oldFile, result.newFile], { encoding: 'utf8' });
    out(relabelTextDiff(r.stdout ?? '', result));
  } else {
    const { formatText } = await import('../diff/format.js');
    out(formatText(result.report, colors(), lang));
  }
}

/**
 * git runs the driver once per file (350 times for a long `git log -p`), so bin/crmflow.js
 * comes here straight, without commander and the other commands. Anything unusual — help,
 * wrong arguments, an error — goes through the full CLI, which explains it.
 */
export async function fastGitDiff(argv: readonly string[]): Promise<number | undefined> {
  const args = argv.slice(3);
  if (args.length !== 7 && args.length !== 9) return undefined;
  if (args.some((a) => a === '-h' || a === '--help')) return undefined;
  try {
    await gitDiff(args);
    return EXIT.ok;
  } catch {
    return undefined;
  }
}
