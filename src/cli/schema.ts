import type { Command } from 'commander';
import { EXIT, note, out } from './io.js';
import { currentLang, msg, t } from '../i18n/index.js';

export function register(program: Command): void {
  program
    .command('schema')
    .summary('write the JSON Schemas for editors')
    .description('Write process.schema.json and config.schema.json, generated from crmflow\'s model, so editors complete and document every field.')
    .option('-o, --out <dir>', 'folder to write to', 'schemas')
    .option('--check', 'only check that the files in the folder are up to date (exit 1 if not, 2 without the folder)')
    .option('--stdout <name>', 'print one schema (process or config) instead of writing files')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow schema -o schemas/
  $ crmflow schema --check
  $ crmflow schema --stdout process > process.schema.json

Put this line at the top of a process file to get completion in VS Code (YAML extension):
  # yaml-language-server: $schema=../../schemas/process.schema.json`,
    )
    .action(async (opts: { out: string; check?: boolean; stdout?: string }) => {
      const { jsonSchemas } = await import('../model/json-schema.js');
      const { existsSync, readFileSync } = await import('node:fs');
      const { join, resolve } = await import('node:path');
      const { UsageError } = await import('./io.js');
      const schemas = jsonSchemas();
      if (opts.stdout !== undefined) {
        const text = schemas[`${opts.stdout}.schema.json`];
        if (!text) throw new UsageError(msg('cli.unknownSchema', { name: opts.stdout }));
        out(text);
        return;
      }
      const dir = resolve(opts.out);
      if (opts.check) {
        if (!existsSync(dir)) {
          throw new UsageError(msg('schema.noFolder', { out: opts.out, dir }), msg('schema.noFolderHint', { out: opts.out }));
        }
        const missing = Object.keys(schemas).filter((name) => !existsSync(join(dir, name)));
        const lang = currentLang();
        for (const name of missing) out(t(lang, 'schemaCheck.missing', { file: join(opts.out, name), out: opts.out }));
        const stale = Object.entries(schemas).filter(([name, text]) => !missing.includes(name) && readFileSync(join(dir, name), 'utf8') !== text);
        for (const [name] of stale) out(t(lang, 'schemaCheck.stale', { file: join(opts.out, name), out: opts.out }));
        if (stale.length + missing.length === 0) out(t(lang, 'schemaCheck.upToDate', { out: opts.out }));
        process.exitCode = stale.length + missing.length ? EXIT.problems : EXIT.ok;
        return;
      }
      const { writeFileAtomic } = await import('../model/write.js');
      for (const [name, text] of Object.entries(schemas)) {
        writeFileAtomic(join(dir, name), text);
        note(t(currentLang(), 'cli.wrote', { file: join(opts.out, name) }));
      }
    });
}
