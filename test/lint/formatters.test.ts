import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/lint/engine.js';
import { sarifRules } from '../../src/lint/catalog.js';
import { toSarif } from '../../src/lint/formatters/sarif.js';
import { github } from '../../src/lint/formatters/github.js';
import { stylish } from '../../src/lint/formatters/stylish.js';
import type { Finding } from '../../src/model/types.js';
import { fixture, here } from './helpers.js';

const project = fixture(here(import.meta.url, 'fixtures', 'all-rules'));
const { findings } = lintProject(project);

/**
 * The SARIF 2.1.0 schema as published by the OASIS SARIF TC (rtm.5, the final 2.1.0 text,
 * from SchemaStore). It declares draft-04, whose keywords here are the same in draft-07 except
 * `id`, so it is read as draft-07 by Ajv.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(here(import.meta.url, 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { id, $schema: _, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }) // the schema's language pattern is not valid with the u flag;
  // ajv-formats is CommonJS: its default export arrives wrapped under NodeNext resolution.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (a: Ajv) => void;
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id as string });
}

describe('sarif', () => {
  const log = toSarif(findings, { rules: sarifRules(), uriPrefix: 'crm', version: '0.1.0' });
  const run = log.runs[0]!;

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const validate = sarifValidator();
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // and the validator does reject a broken log
    const broken = structuredClone(log);
    broken.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(validate(broken)).toBe(false);
  });

  it('describes every rule with short and full descriptions and help', () => {
    const ids = run.tool.driver.rules!.map((r) => r.id);
    for (const f of findings) expect(ids).toContain(f.rule);
    for (const r of run.tool.driver.rules!) {
      expect(r.shortDescription?.text).toBeTruthy();
      expect(r.fullDescription?.text).toBeTruthy();
      expect(r.help?.text).toBeTruthy();
    }
  });

  it('gives each result a repo-relative uri, a full region and a unique fingerprint', () => {
    expect(run.results).toHaveLength(findings.length);
    const r = run.results!.find((x) => x.ruleId === 'exception-path-missing')!;
    const loc = r.locations![0]!.physicalLocation!;
    expect(loc.artifactLocation!.uri).toBe('crm/processes/core/quote-to-order.yaml');
    expect(loc.region).toEqual({ startLine: 29, startColumn: 9, endLine: 29, endColumn: 26 });
    expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe('exception-path-missing');
    const prints = run.results!.map((x) => x.partialFingerprints!['crmflowFinding/v2']);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('keeps fingerprints when lines move', () => {
    const moved = findings.map((f) => ({ ...f, line: f.line + 3, endLine: f.endLine + 3 }));
    const a = toSarif(findings, { rules: [] }).runs[0]!.results!.map((x) => x.partialFingerprints);
    const b = toSarif(moved, { rules: [] }).runs[0]!.results!.map((x) => x.partialFingerprints);
    expect(b).toEqual(a);
  });
});

describe('github', () => {
  it('writes one workflow command per finding, escaping data and properties', () => {
    const f: Finding = { rule: 'dead-end', severity: 'error', message: '100% stuck,\nreally: yes', file: 'p/a,b.yaml', line: 3, column: 5, endLine: 3, endColumn: 9 };
    const w: Finding = { ...f, severity: 'warning', rule: 'max-steps', message: 'long', file: 'p.yaml', endLine: 4 };
    expect(github([f, w], { uriPrefix: 'crm/' })).toBe(
      '::error file=crm/p/a%2Cb.yaml,line=3,endLine=3,col=5,endColumn=9,title=dead-end::100%25 stuck,%0Areally: yes\n' +
        '::warning file=crm/p.yaml,line=3,endLine=4,col=5,title=max-steps::long\n',
    );
  });
});

describe('stylish', () => {
  it('groups by file, shows the source line with a caret, and a summary', () => {
    const sources = new Map(project.files.map((f) => [f.path, f.text]));
    const text = stylish(findings.filter((f) => f.file === 'processes/core/renewal.yaml'), { sources, colors: new Chalk({ level: 0 }), grouped: true, summaryNote: '1 suppressed' });
    expect(text).toBe(
      [
        'processes/core/renewal.yaml',
        '5:10  error  core process "renewal" refines "quote-to-order/prepare-quote" of core process "quote-to-order", which is not a higher layer; refines must name a step of a higher layer (strategy > core > operation)  layer-order',
        '  5 | refines: quote-to-order/prepare-quote',
        '    |          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '',
        '✖ 1 problem (1 error, 0 warnings), 1 suppressed',
        '',
      ].join('\n'),
    );
  });
  it('puts the caret under the problem after emoji and CJK outside the basic plane, as wide as the text', () => {
    // 🚀 (U+1F680) and 𠀀 (U+20000) are two UTF-16 code units and two terminal columns each; 折扣 is two columns a character.
    const src = 'a: 🚀𠀀 折扣 bad';
    const at = (text: string, len: number): Finding => {
      const column = src.indexOf(text) + 1;
      return { rule: 'r', severity: 'error', message: 'm', file: 'p.yaml', line: 1, column, endLine: 1, endColumn: column + len };
    };
    const lines = (f: Finding) => stylish([f], { sources: new Map([['p.yaml', src]]), colors: new Chalk({ level: 0 }) }).split('\n');
    // 'a: ' 3 + 🚀 2 + 𠀀 2 + ' ' 1 + 折扣 4 + ' ' 1 = 13 columns before "bad".
    expect(lines(at('bad', 3))[2]).toBe(`    | ${' '.repeat(13)}^~~`);
    expect(lines(at('折扣', 2))[2]).toBe(`    | ${' '.repeat(8)}^~~~`);
  });
});
