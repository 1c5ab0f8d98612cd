/**
 * Reads a YAML file into plain data while keeping a map back to line and column.
 * Bad bytes, broken YAML and alias bombs become findings, never exceptions.
 *
 * Two parsers, one result: js-yaml reads well-formed files about twenty times faster and
 * reports node offsets through its listener, which is what linting a thousand files in CI
 * needs; the `yaml` package reads everything else (errors, anchors, tags) with precise
 * messages and alias limits. When the fast positions cannot be trusted for a file, they are
 * rebuilt with `yaml` on first use.
 */
import jsYaml from 'js-yaml';
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import type { Finding, PathSegment, Range, SourceFile } from './types.js';
import { msg, part, say, type MessageId, type Part } from '../i18n/index.js';
import { EnglishOnly } from '../i18n/pieces.js';

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

// `yaml` is some 230 module files; it is loaded on first use (a file js-yaml cannot read, or a
// finding's position), so a clean file costs none of it — the git diff driver starts per file.
// The same CommonJS module `import 'yaml'` gives elsewhere; its node checks work across both.
let yamlLib: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

const ONE_CHAR: Range = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/** Parses one YAML file. `path` is the project-relative name used in findings. */
export function parseSource(path: string, bytes: Uint8Array | string, options: { fast?: boolean } = {}): ParsedSource {
  const findings: Finding[] = [];
  const fail = (rule: string, message: string, range: Range = ONE_CHAR): ParsedSource => {
    findings.push({ rule, severity: 'error', message, file: path, ...range });
    return { source: emptySource(path, typeof bytes === 'string' ? bytes : ''), data: undefined, findings };
  };

  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
  if (size > MAX_FILE_BYTES) {
    return fail(
      'file-too-large',
      msg('file.tooLarge', { size: (size / 1024 / 1024).toFixed(1), max: MAX_FILE_BYTES / 1024 / 1024 }),
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
      const src = makeSource(path, prefix, null);
      const r = src.rangeOf(prefix.length, prefix.length + 1);
      return fail('encoding', msg('file.notUtf8', { byte: bytes[at]!.toString(16).padStart(2, '0'), offset: at }), r);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is harmless: editors on Windows add it

  if (text.replace(/#.*$/gm, '').trim() === '') {
    findings.push({ rule: 'empty-file', severity: 'error', message: msg('file.empty'), file: path, ...ONE_CHAR });
    return { source: makeSource(path, text, null), data: undefined, findings };
  }

  const fast = options.fast === false ? undefined : fastParse(text);
  if (fast) return { source: lazySource(path, text), data: fast.data, findings };

  const doc = yaml().parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' });
  const source = makeSource(path, text, doc);
  // One broken bracket or indent makes the parser stumble over every line after it: report
  // the first error, the root, and say how many followed from it.
  const root = doc.errors[0];
  if (root) {
    const [start, end] = root.pos;
    const more = doc.errors.length - 1;
    findings.push({
      rule: 'yaml-syntax',
      severity: 'error',
      message: more > 0 ? msg('yaml.more', { first: yamlMessage(root.code, root.message), errors: part(more === 1 ? 'yaml.moreErrors.one' : 'yaml.moreErrors.other', { n: more }) }) : say(yamlMessage(root.code, root.message)),
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
        ? say(part('yaml.aliasBomb', { max: MAX_ALIAS_COUNT }))
        : say(part('yaml.cannotRead', { why: firstLine(msg).toLowerCase() })),
      file: path,
      ...ONE_CHAR,
    });
    return { source, data: undefined, findings };
  }
  return { source, data, findings };
}

/** The yaml library's error codes the Chinese catalog says in its own words (its English text stays in English output). */
const YAML_CODES: Partial<Record<string, MessageId>> = {
  BAD_INDENT: 'yaml.code.indent',
  MISSING_CHAR: 'yaml.code.missingChar',
  UNEXPECTED_TOKEN: 'yaml.code.unexpected',
  BLOCK_IN_FLOW: 'yaml.code.unexpected',
  BAD_PROP_ORDER: 'yaml.code.unexpected',
  MULTILINE_IMPLICIT_KEY: 'yaml.code.implicitKey',
  KEY_OVER_1024_CHARS: 'yaml.code.implicitKey',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.code.implicitKey',
  BAD_SCALAR_START: 'yaml.code.scalar',
  BAD_ALIAS: 'yaml.code.alias',
  ALIAS_PROPS: 'yaml.code.alias',
};

function yamlMessage(code: string, message: string): Part {
  const first = firstLine(message).replace(/\.$/, '');
  const lower = first.charAt(0).toLowerCase() + first.slice(1);
  switch (code) {
    case 'DUPLICATE_KEY':
      return part('yaml.duplicateKey');
    case 'TAB_AS_INDENT':
      return part('yaml.tabIndent');
    case 'MULTIPLE_DOCS':
      return part('yaml.multipleDocs');
    default: {
      const shown = code.toLowerCase().replace(/_/g, '-');
      const known = YAML_CODES[code];
      return known ? part(known, { text: new EnglishOnly(lower), code: shown }) : part('yaml.other', { text: lower, code: shown });
    }
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
  return makeSource(path, text, null);
}

/** A node's place in the text, as js-yaml's listener reports it. */
interface PosNode {
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: PosNode[];
  /** For mappings: key text → key and value nodes. */
  pairs?: Map<string, { key: PosNode; value: PosNode }>;
  items?: PosNode[];
}

/** Anchors, aliases and tags go the careful way (alias limits, exact semantics). */
const NEEDS_FULL_PARSER = /(?:^|[\s[{,])[&*!][^\s]/m;

/** Parses with js-yaml; undefined when the file needs `yaml` (errors, anchors, tags, tabs). */
function fastParse(text: string): { data: unknown } | undefined {
  if (NEEDS_FULL_PARSER.test(text) || text.includes('\t')) return undefined;
  try {
    return { data: jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) };
  } catch {
    return undefined;
  }
}

/**
 * Positions come from a second js-yaml pass with its listener, made only for files that
 * have something to report: most files in a clean project never need one.
 */
function positionTree(text: string): PosNode | null {
  const stack: PosNode[] = [];
  let root: PosNode | null = null;
  try {
    jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ start: state.position, end: state.position, kind: null, result: undefined, children: [] });
        } else {
          const node = stack.pop()!;
          node.end = state.position;
          node.kind = state.kind;
          node.result = state.result;
          const parent = stack[stack.length - 1];
          if (parent) parent.children.push(node);
          else root = node;
        }
      },
    });
  } catch {
    return null;
  }
  return root ? index(root, text) : null;
}

/** Links mapping keys and sequence items; null when the events do not match the data. */
function index(node: PosNode, text: string): PosNode | null {
  // js-yaml may wrap a node in another with the same result: keep the innermost.
  while (node.children.length === 1 && node.children[0]!.result === node.result && node.children[0]!.kind === node.kind) node = node.children[0]!;
  node.start = skipBlank(text, node.start);
  node.end = Math.max(node.start, trimEnd(text, node.end));
  if (node.kind === 'mapping') {
    const value = node.result as Record<string, unknown>;
    const keys = Object.keys(value);
    if (node.children.length !== keys.length * 2) return null;
    node.pairs = new Map();
    for (let i = 0; i < node.children.length; i += 2) {
      const k = index(node.children[i]!, text);
      const v = index(node.children[i + 1]!, text);
      if (!k || !v || k.result === null || typeof k.result === 'object') return null;
      node.pairs.set(String(k.result), { key: k, value: v });
    }
    if (node.pairs.size !== keys.length) return null;
  } else if (node.kind === 'sequence') {
    const value = node.result as unknown[];
    if (node.children.length !== value.length) return null;
    node.items = [];
    for (const c of node.children) {
      const item = index(c, text);
      if (!item) return null;
      node.items.push(item);
    }
  }
  return node;
}

function skipBlank(text: string, i: number): number {
  for (;;) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 10 || ch === 13) i++;
    else if (ch === 35 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else return i;
  }
}

function trimEnd(text: string, i: number): number {
  while (i > 0) {
    const ch = text.charCodeAt(i - 1);
    if (ch === 32 || ch === 10 || ch === 13) i--;
    else return i;
  }
  return i;
}

/** A source whose positions are computed on first use: js-yaml's offsets, else `yaml`'s. */
function lazySource(path: string, text: string): SourceFile {
  let built: SourceFile | undefined;
  const get = () => {
    if (!built) {
      const tree = positionTree(text);
      if (tree) built = makeSource(path, text, null, tree);
      else {
        // The fast positions did not match the data: take the careful way.
        built = makeSource(path, text, yaml().parseDocument(text, { uniqueKeys: true, prettyErrors: false, version: '1.2' }));
      }
    }
    return built;
  };
  return {
    path,
    text,
    locate: (p, part) => get().locate(p, part),
    rangeOf: (a, b) => get().rangeOf(a, b),
    valueStart: (p) => get().valueStart(p),
  };
}

function makeSource(path: string, text: string, doc: Document | null, tree?: PosNode): SourceFile {
  // Line starts from the text itself: yaml's LineCounter misses the line breaks inside a token
  // it gives up on, which put the end of a yaml-syntax finding past the end of its line.
  let starts: number[] | null = null;
  const linePos = (offset: number): { line: number; col: number } => {
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
    const { isMap, isScalar, isSeq } = yaml();
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

  if (tree) {
    const findFast = (path: readonly PathSegment[]): { node: PosNode; key: PosNode | null; exact: boolean } => {
      let node = tree;
      let key: PosNode | null = null;
      for (const seg of path) {
        if (node.pairs) {
          const pair = node.pairs.get(String(seg));
          if (!pair) return { node, key: null, exact: false };
          key = pair.key;
          node = pair.value;
        } else if (node.items && typeof seg === 'number' && node.items[seg]) {
          key = null;
          node = node.items[seg]!;
        } else return { node, key, exact: false };
      }
      return { node, key, exact: true };
    };
    return {
      path,
      text,
      rangeOf,
      locate(path, part = 'value') {
        const { node, key } = findFast(path);
        // An empty value (`next:`) has no text of its own: point at its key.
        const target = part === 'key' && key ? key : node.end > node.start || !key ? node : key;
        return rangeOf(target.start, Math.max(target.end, target.start + 1));
      },
      valueStart(path) {
        const { node, exact } = findFast(path);
        if (!exact || node.kind !== 'scalar') return undefined;
        const ch = text[node.start];
        if (ch === '|' || ch === '>') return undefined;
        const quoted = ch === '"' || ch === "'";
        return { offset: node.start + (quoted ? 1 : 0), quoted };
      },
    };
  }

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
      if (!node || !yaml().isScalar(node) || !node.range) return undefined;
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const plainOrQuoted = quoted || node.type === 'PLAIN';
      if (!plainOrQuoted) return undefined;
      return { offset: node.range[0] + (quoted ? 1 : 0), quoted };
    },
  };
}
