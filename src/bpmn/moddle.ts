/**
 * bpmn-moddle with the Zeebe extension, behind a small typed surface. bpmn-moddle reads and
 * writes XML with saxen, which never fetches or expands external entities; `checkXmlSafety`
 * refuses DOCTYPE declarations before the text reaches it anyway.
 */
import { createRequire } from 'node:module';
import { msg } from '../i18n/index.js';

/** A moddle element: typed access is by `$type` and the BPMN attribute names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type El = any;

export interface ParseResult {
  rootElement: El;
  warnings: { message: string }[];
  elementsById: Record<string, El>;
}

export interface Moddle {
  create(type: string, attrs?: Record<string, unknown>): El;
  fromXML(xml: string, type?: string): Promise<ParseResult>;
  toXML(element: El, options?: { format?: boolean }): Promise<{ xml: string }>;
}

let cached: Moddle | undefined;

/** A bpmn-moddle instance that knows the `zeebe:` extension elements. */
export async function createModdle(): Promise<Moddle> {
  if (cached) return cached;
  const mod = (await import('bpmn-moddle')) as unknown as { BpmnModdle: (packages?: Record<string, unknown>) => Moddle };
  const require = createRequire(import.meta.url);
  const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;
  cached = mod.BpmnModdle({ zeebe });
  return cached;
}

/** Files larger than this are refused before they are read (a process diagram is kilobytes). */
export const MAX_BPMN_BYTES = 10 * 1024 * 1024;

/** Why an XML text is refused, or undefined when it may be parsed. */
export function checkXmlSafety(xml: string): string | undefined {
  if (xml.length > MAX_BPMN_BYTES) return msg('bpmnImport.tooBig', { size: xml.length, mb: MAX_BPMN_BYTES / 1024 / 1024 });
  // DTDs are how external entities and "billion laughs" expansions get in; BPMN never needs one.
  if (/<!DOCTYPE/i.test(xml)) return msg('bpmnImport.doctype');
  if (/<!ENTITY/i.test(xml)) return msg('bpmnImport.entity');
  return undefined;
}
