import type { Command } from 'commander';
import { note, out } from './io.js';

export function register(program: Command): void {
  program
    .command('init')
    .summary('scaffold a project with a lead-to-cash example')
    .description('Create crmflow.yaml, the lead-to-cash example in three layers (strategy, core, operation), the JSON Schemas and sample case data.')
    .argument('[dir]', 'folder to create the project in', '.')
    .option('--force', 'overwrite files that already exist')
    .option('--example <name>', 'which example: lead-to-cash (default) or after-sales-zh (售后工单, in Chinese)', 'lead-to-cash')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow init my-processes && cd my-processes && crmflow validate
  $ crmflow init . --force      replace an earlier scaffold
  $ crmflow init 售后 --example after-sales-zh    a Chinese after-sales project (售后工单)`,
    )
    .action(async (dir: string, opts: { force?: boolean; example: string }) => {
      const [{ scaffold }, { selfCommand, shellWord }] = await Promise.all([import('./scaffold.js'), import('./self-command.js')]);
      const written = await scaffold(dir, Boolean(opts.force), opts.example);
      const { currentLang, t } = await import('../i18n/index.js');
      const lang = currentLang();
      for (const f of written) note(t(lang, 'init.created', { file: f }));
      const next = `cd ${shellWord(dir)} && ${selfCommand(dir)} validate`;
      out(t(lang, written.length === 1 ? 'init.done.one' : 'init.done.other', { dir, n: written.length, command: next }));
    });
}
