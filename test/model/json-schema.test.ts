/** The generated JSON Schemas accept the example, reject mistakes, and document every field. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/model/json-schema.js';

const ROOT = join(import.meta.dirname, '..', '..');
const schemas = Object.fromEntries(Object.entries(jsonSchemas()).map(([k, v]) => [k, JSON.parse(v)]));

function processFiles(): string[] {
  const out: string[] = [];
  for (const layer of readdirSync(join(ROOT, 'processes'))) for (const f of readdirSync(join(ROOT, 'processes', layer))) out.push(join(ROOT, 'processes', layer, f));
  return out;
}

describe('JSON Schemas', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validateProcess = ajv.compile(schemas['process.schema.json']);
  const validateConfig = ajv.compile(schemas['config.schema.json']);

  it('accept every example process and the example crmflow.yaml', () => {
    for (const f of processFiles()) expect(validateProcess(parse(readFileSync(f, 'utf8'))), `${f}: ${JSON.stringify(validateProcess.errors)}`).toBe(true);
    expect(validateConfig(parse(readFileSync(join(ROOT, 'crmflow.yaml'), 'utf8'))), JSON.stringify(validateConfig.errors)).toBe(true);
  });
  it('reject an unknown field and a bad duration', () => {
    const good = parse(readFileSync(processFiles()[0]!, 'utf8'));
    expect(validateProcess({ ...good, colour: 'red' })).toBe(false);
    const bad = structuredClone(good);
    bad.steps.push({ id: 'x', type: 'task', role: 'sales-rep', duration: '2 hours' });
    expect(validateProcess(bad)).toBe(false);
  });
  it('describe every field, for editor hover help', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') {
        for (const [k, v] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          const described = typeof v.description === 'string' || (Array.isArray(v.anyOf) && v.anyOf.every((o) => typeof (o as Record<string, unknown>).description === 'string'));
          if (!described) missing.push(`${path}.${k}`);
        }
      }
      for (const [k, v] of Object.entries(n)) if (typeof v === 'object') walk(v, `${path}/${k}`);
    };
    for (const [name, s] of Object.entries(schemas)) walk(s, name);
    expect(missing).toEqual([]);
  });
  it('are what the committed files hold', () => {
    for (const [name, text] of Object.entries(jsonSchemas())) expect(readFileSync(join(ROOT, 'schemas', name), 'utf8')).toBe(text);
  });
});
