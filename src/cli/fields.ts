import type { Command } from 'commander';
import { UsageError, checkFormat, out } from './io.js';
import { msg } from '../i18n/index.js';

const FORMATS = ['yaml', 'json'] as const;

export function register(program: Command): void {
  program
    .command('fields')
    .summary('propose the fields: block of crmflow.yaml from sample data')
    .description(
      'Reads a CSV of sample cases and prints a fields: block for crmflow.yaml: each column\'s type (boolean, integer, number, date, datetime, enum with its values, string), ready to paste and then review.',
    )
    .option('--infer <data.csv>', 'the CSV to infer the fields from (first line: the column names)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'yaml')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow fields --infer data/leads-sample.csv
  $ crmflow fields --infer data/leads-sample.csv >> crmflow.yaml     then review the types
  $ crmflow fields --infer leads.csv --format json | jq .fields.region

A column is an enum when it has at most 20 distinct values and some repeat; whole numbers are
integer (declare money as number if conditions compute with decimals); 1/0 columns are integer
(declare boolean by hand); lists (items separated by ";") are declared by hand.

Exit codes: 0 printed, 2 could not read the CSV.`,
    )
    .action(async (opts: { infer?: string; format: string; cwd?: string }) => {
      const format = checkFormat(opts.format, FORMATS, 'fields');
      if (!opts.infer) throw new UsageError(msg('fields.needInfer'));
      const { readFile } = await import('node:fs/promises');
      const { resolve } = await import('node:path');
      const { CrmflowError } = await import('../model/errors.js');
      let text: string;
      try {
        text = await readFile(resolve(opts.cwd ?? '.', opts.infer), 'utf8');
      } catch {
        throw new CrmflowError(msg('fields.cannotRead', { file: opts.infer }), msg('fields.cannotReadHint'), 'data');
      }
      const { fieldsYaml, inferFieldsFromCsv } = await import('../simulate/infer-fields.js');
      const inferred = inferFieldsFromCsv(text, opts.infer);
      out(format === 'json' ? JSON.stringify({ fields: inferred.fields, rows: inferred.rows, skipped: inferred.skipped }, null, 2) : fieldsYaml(inferred, opts.infer, (await import('./lang.js')).langAt(opts.cwd)).trimEnd());
    });
}
