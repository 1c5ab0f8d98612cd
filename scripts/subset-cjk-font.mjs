#!/usr/bin/env node
/**
 * Builds fonts/CrmflowSansSC-Regular.otf: Noto Sans CJK SC (Noto Sans Hans, OFL-1.1) cut down to
 * the characters of GB2312 (levels 1 and 2: 6,763 hanzi plus punctuation, kana, Greek, Cyrillic
 * and full-width forms) so PNGs of Chinese processes draw on a machine without CJK fonts while
 * the package stays small. The subset is a Modified Version under the OFL, so it gets its own
 * family name ("Crmflow Sans SC"): "Noto Sans" is a Reserved Font Name.
 *
 *   node scripts/subset-cjk-font.mjs [path/to/NotoSansHans-Regular.otf]
 *
 * Without a path the source font comes from the npm package @embedpdf/fonts-sc@1.0.0 (packed
 * into a temporary folder, not installed). Needs the dev dependency subset-font (harfbuzz).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

const FAMILY = 'Crmflow Sans SC';
const PS_NAME = 'CrmflowSansSC-Regular';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'fonts', `${PS_NAME}.otf`);

/** Every character GB2312 encodes (rows 0xA1–0xF7), read through the platform's GBK decoder. */
export function gb2312Characters() {
  const dec = new TextDecoder('gb2312');
  let chars = '';
  for (let hi = 0xa1; hi <= 0xf7; hi++)
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const s = dec.decode(new Uint8Array([hi, lo]));
      const cp = s.codePointAt(0);
      // GBK maps GB2312's empty cells to the private use area; GB2312 proper has none there.
      if (s.length === 1 && s !== '\ufffd' && !(cp >= 0xe000 && cp <= 0xf8ff)) chars += s;
    }
  return chars;
}

function sourceFont(arg) {
  if (arg) return readFileSync(arg);
  const dir = mkdtempSync(join(tmpdir(), 'crmflow-font-'));
  try {
    const tgz = execFileSync('npm', ['pack', '@embedpdf/fonts-sc@1.0.0', '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', tgz, 'package/fonts/NotoSansHans-Regular.otf'], { cwd: dir });
    return readFileSync(join(dir, 'package/fonts/NotoSansHans-Regular.otf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Table tag → bytes of an sfnt (OpenType) file. */
function readTables(buf) {
  const n = buf.readUInt16BE(4);
  const tables = new Map();
  for (let i = 0; i < n; i++) {
    const rec = 12 + i * 16;
    const tag = buf.toString('latin1', rec, rec + 4);
    const off = buf.readUInt32BE(rec + 8);
    const len = buf.readUInt32BE(rec + 12);
    tables.set(tag, Buffer.from(buf.subarray(off, off + len)));
  }
  return { version: buf.readUInt32BE(0), tables };
}

function checksum(buf) {
  const padded = Buffer.concat([buf, Buffer.alloc((4 - (buf.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeTables(version, tables) {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const head = Buffer.alloc(12 + n * 16);
  head.writeUInt32BE(version, 0);
  head.writeUInt16BE(n, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(entrySelector, 8);
  head.writeUInt16BE(n * 16 - searchRange, 10);
  tables.get('head').writeUInt32BE(0, 8); // checkSumAdjustment is computed over the whole file below
  const parts = [head];
  let offset = head.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag);
    const rec = 12 + i * 16;
    head.write(tag, rec, 'latin1');
    head.writeUInt32BE(checksum(data), rec + 4);
    head.writeUInt32BE(offset, rec + 8);
    head.writeUInt32BE(data.length, rec + 12);
    const pad = Buffer.alloc((4 - (data.length % 4)) % 4);
    parts.push(data, pad);
    offset += data.length + pad.length;
  });
  const file = Buffer.concat(parts);
  const headOffset = head.readUInt32BE(12 + tags.indexOf('head') * 16 + 8);
  file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headOffset + 8);
  return file;
}

/** A name table with the new family and the original copyright, version and licence records. */
function renamed(name) {
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  const kept = new Map();
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    const [platform, encoding, language, id, len, off] = [0, 2, 4, 6, 8, 10].map((d) => name.readUInt16BE(r + d));
    if (platform === 3 && encoding === 1 && language === 0x409 && [0, 5, 8, 9, 11, 12, 13, 14].includes(id))
      kept.set(id, name.subarray(strings + off, strings + off + len));
  }
  const utf16 = (s) => Buffer.from(s, 'utf16le').swap16();
  kept.set(1, utf16(FAMILY));
  kept.set(2, utf16('Regular'));
  kept.set(3, utf16(`${PS_NAME}; subset of Noto Sans CJK SC to GB2312 for crmflow`));
  kept.set(4, utf16(`${FAMILY} Regular`));
  kept.set(6, utf16(PS_NAME));
  const ids = [...kept.keys()].sort((a, b) => a - b);
  const header = Buffer.alloc(6 + ids.length * 12);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(ids.length, 2);
  header.writeUInt16BE(header.length, 4);
  let off = 0;
  ids.forEach((id, i) => {
    const r = 6 + i * 12;
    const s = kept.get(id);
    [3, 1, 0x409, id, s.length, off].forEach((v, k) => header.writeUInt16BE(v, r + k * 2));
    off += s.length;
  });
  return Buffer.concat([header, ...ids.map((id) => kept.get(id))]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let chars = gb2312Characters();
  for (let c = 0x20; c < 0x7f; c++) chars += String.fromCharCode(c);
  const subset = await subsetFont(sourceFont(process.argv[2]), chars, { targetFormat: 'sfnt' });
  const { version, tables } = readTables(Buffer.from(subset));
  tables.set('name', renamed(tables.get('name')));
  const font = writeTables(version, tables);
  writeFileSync(out, font);
  console.error(`${out}: ${[...chars].length} characters, ${font.length} bytes`);
}
