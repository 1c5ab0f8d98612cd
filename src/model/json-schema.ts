/** The JSON Schemas generated from the zod model, for editors (yaml-language-server). */
import * as z from 'zod';
import { configSchema, processSchema } from './schema.js';

const BASE = 'https://crmflow.dev/schemas';

/** `{ 'process.schema.json': …, 'config.schema.json': … }` as formatted JSON text. */
export function jsonSchemas(): Record<string, string> {
  const make = (schema: z.ZodType, file: string, title: string) => {
    // draft-07 is what most editors' YAML support understands.
    const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return JSON.stringify({ $schema: json.$schema, $id: `${BASE}/${file}`, title, ...json }, null, 2) + '\n';
  };
  return {
    'process.schema.json': make(processSchema, 'process.schema.json', 'crmflow process'),
    'config.schema.json': make(configSchema, 'config.schema.json', 'crmflow project configuration (crmflow.yaml)'),
  };
}
