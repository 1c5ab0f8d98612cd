/**
 * Control characters (`\p{Cc}`) in a name, id or description pass YAML, then make the SVG and
 * BPMN output malformed (XML 1.0 cannot hold most of them, not even escaped). Tab and line
 * feed are text; every other control character is a finding where it was written.
 */
import type { Finding, PathSegment, SourceFile } from './types.js';
import { msg, part as word } from '../i18n/index.js';

const CONTROL = /(?![\t\n])\p{Cc}/u;

/** One `control-character` finding per string (value or key) that holds a control character. */
export function controlCharacters(source: SourceFile, data: unknown): Finding[] {
  const out: Finding[] = [];
  const report = (text: string, path: PathSegment[], part: 'value' | 'key') => {
    const at = CONTROL.exec(text)!;
    const code = at[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const what = part === 'key' ? word('control.key') : typeof path[path.length - 1] === 'string' ? String(path[path.length - 1]) : word('control.value');
    const shown = visible(text.length > 60 ? `${text.slice(Math.max(0, at.index - 20), at.index + 20)}…` : text);
    out.push({
      rule: 'control-character',
      severity: 'error',
      message: msg('control.char', { what, shown, code }),
      file: source.path,
      ...source.locate(path, part),
    });
  };
  const walk = (value: unknown, path: PathSegment[]) => {
    if (typeof value === 'string') {
      if (CONTROL.test(value)) report(value, path, 'value');
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (CONTROL.test(k)) report(k, [...path, k], 'key');
        walk(v, [...path, k]);
      }
    }
  };
  walk(data, []);
  return out;
}

/** The text quoted, every control character as a `\u` escape: safe to print anywhere. */
function visible(text: string): string {
  return JSON.stringify(text).replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
