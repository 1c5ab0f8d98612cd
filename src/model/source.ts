/**
 * Reads a YAML file into plain data while keeping a map back to line and column.
 * Bad bytes, broken YAML and alias bombs become findings, never exceptions.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Finding, PathSegment, Range, SourceFile } from './types.js';

/** Files larger than this are refused: no process file is that big. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Aliases beyond this many are an alias bomb, not a process. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedSource {
  source: SourceFile;
  /** The document as plain data; undefined when it could not be read. */
  data: unknown;
  findings: Finding[];
}

const ONE_CHAR: Range = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/** Parses one YAML file. `path` is the project-relative name used in findings. */
export function parseSource(path: string, bytes: Uint8Array | string): ParsedSource {
  const findings: Finding[] = [];
  const fail = (rule: string, message: string, range: Range = ONE_CHAR): ParsedSource => {
    findings.push({ rule, severity: 'error', message, file: path, ...range });
    return { source: emptySource(path, typeof bytes === 'string' ? bytes : ''), data: undefined, findings };
  };

  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
  if (size > MAX_FILE_BYTES) {
    return fail(
      'file-too-large',
      `file is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_FILE_BYTES / 1024 / 1024} MB a process file may have; split the process into subprocesses`,
    );
  }

  let text: string;
  if (typeof bytes === 'string') {
    text = bytes;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
      const src = makeSource(path, prefix, null, null);
      const r = src.rangeOf(prefix.length, prefix.length + 1);
      return fail('encoding', `byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at offset ${at} is not UTF-8; save the file as UTF-8`, r);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is harmless: editors on Windows add it

  if (text.replace(/#.*$/gm, '').trim() === '') {
    findings.push({ rule: 'empty-file', severity: 'error', message: 'file is empty; a process file needs at least crmflow, id, layer and steps', file: path, ...ONE_CHAR });
    return { source: makeSource(path, text, null, null), data: undefined, findings };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' });
  const source = makeSource(path, text, doc, lineCounter);
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    findings.push({
      rule: 'yaml-syntax',
      severity: 'error',
      message: yamlMessage(e.code, e.message),
      file: path,
      ...source.rangeOf(start, Math.max(end, start + 1)),
    });
  }
  if (doc.errors.length > 0) return { source, data: undefined, findings };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const aliasBomb = /alias/i.test(msg);
    findings.push({
      rule: 'yaml-syntax',
      severity: 'error',
      message: aliasBomb
        ? `too many aliases (more than ${MAX_ALIAS_COUNT}); the file expands like an alias bomb, write the values out instead`
        : `cannot read the YAML: ${firstLine(msg).toLowerCase()}`,
      file: path,
      ...ONE_CHAR,
    });
    return { source, data: undefined, findings };
  }
  return { source, data, findings };
}

function yamlMessage(code: string, message: string): string {
  const first = firstLine(message).replace(/\.$/, '');
  const lower = first.charAt(0).toLowerCase() + first.slice(1);
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicate key; each key may appear once in a mapping, remove or rename one';
    case 'TAB_AS_INDENT':
      return 'tab used for indentation; YAML indents with spaces only';
    case 'MULTIPLE_DOCS':
      return 'more than one YAML document in the file; put one process per file';
    default:
      return `${lower} (yaml ${code.toLowerCase().replace(/_/g, '-')})`;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Decode growing prefixes at character boundaries; cheap enough for files under 5 MB.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return Math.max(0, bytes.length - 1);
}

function emptySource(path: string, text: string): SourceFile {
  return makeSource(path, text, null, null);
}

function makeSource(path: string, text: string, doc: Document | null, lineCounter: LineCounter | null): SourceFile {
  // Line starts for offset → line/column when no LineCounter is at hand.
  let starts: number[] | null = null;
  const linePos = (offset: number): { line: number; col: number } => {
    if (lineCounter) return lineCounter.linePos(offset);
    if (!starts) {
      starts = [0];
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
  const rangeOf = (start: number, end: number): Range => {
    const a = linePos(Math.max(0, Math.min(start, text.length)));
    const b = linePos(Math.max(0, Math.min(end, text.length)));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };

  const find = (path: readonly PathSegment[]): { node: Node | null; key: Node | null } => {
    let node: Node | null = (doc?.contents as Node | null) ?? null;
    let key: Node | null = null;
    for (const seg of path) {
      if (node && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return { node, key: null };
        key = pair.key as Node;
        node = (pair.value as Node | null) ?? null;
        if (!node) return { node: key, key };
      } else if (node && isSeq(node) && typeof seg === 'number' && node.items[seg]) {
        key = null;
        node = node.items[seg] as Node;
      } else {
        return { node, key };
      }
    }
    return { node, key };
  };

  return {
    path,
    text,
    rangeOf,
    locate(path, part = 'value') {
      if (!doc) return ONE_CHAR;
      const { node, key } = find(path);
      const target = part === 'key' && key ? key : node;
      const range = target?.range;
      if (!range) return ONE_CHAR;
      return rangeOf(range[0], Math.max(range[1], range[0] + 1));
    },
    valueStart(path) {
      if (!doc) return undefined;
      const { node } = find(path);
      if (!node || !isScalar(node) || !node.range) return undefined;
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const plainOrQuoted = quoted || node.type === 'PLAIN';
      if (!plainOrQuoted) return undefined;
      return { offset: node.range[0] + (quoted ? 1 : 0), quoted };
    },
  };
}
