/**
 * Loads elkjs for a render. elkjs is 1.6 MB of GWT-compiled JavaScript; compiling it is a
 * fixed cost of every `crmflow render`, about a quarter of a one-diagram run. So its layout
 * code (elk-worker.min.js, the same file elk.bundled.js wraps) is compiled through node:vm
 * with V8's code cache: the bytecode V8 made for it, including the functions the first layout
 * compiled, is kept in the user's cache folder (~/.cache/crmflow/v8, XDG_CACHE_HOME honoured)
 * and handed back to V8 next time. It holds compiled code only, never a layout: the diagrams
 * are the same with or without it. Each Node version and elkjs release has its own entry; one
 * that V8 rejects (it checks versions, flags and the source's length) is rewritten, and a
 * folder that cannot be written only costs the time. CRMFLOW_CODE_CACHE=0 turns it off.
 */
import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { ensureDir, writeFileAtomic } from '../model/write.js';

type ElkApi = import('elkjs/lib/elk-api.js').ELK;
type ElkConstructor = new (options: { workerFactory: () => ElkWorker; algorithms?: string[] }) => ElkApi;

function cacheFolder(): string | undefined {
  if (process.env.CRMFLOW_CODE_CACHE === '0') return undefined;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'crmflow', 'v8');
}

/** elkjs's in-process worker: takes ELK's messages (`postMessage`) and answers through `onmessage`. */
export interface ElkWorker {
  postMessage(message: unknown): void;
  onmessage?: (answer: { data: unknown }) => void;
}

let code: { Worker: new () => ElkWorker; compiled: () => void } | undefined;

/**
 * elkjs's layout code, compiled once per thread with the code cache: its worker class, and
 * `compiled()` to call after the first layout (the cache then also holds the functions that
 * layout compiled: most of the gain).
 */
export function loadElkCode(): { Worker: new () => ElkWorker; compiled: () => void } {
  if (code) return code;
  const require = createRequire(import.meta.url);
  const file = require.resolve('elkjs/lib/elk-worker.min.js');
  const bytes = readFileSync(file);
  // elkjs is ASCII: read as Latin-1 it is the same text, a one-byte string made without UTF-8 decoding.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const folder = cacheFolder();
  // One entry per elkjs release (its version and the file's size) and Node: installs of the same
  // release share it, and a reinstall reuses it. Hashing the 1.6 MB of source instead cost the
  // ELK thread ~7 ms on every render.
  const { version } = require('elkjs/package.json') as { version: string };
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0${process.versions.v8}\0${version}\0${bytes.length}`).digest('hex').slice(0, 24);
  const cacheFile = folder && join(folder, `elk-${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // No entry yet.
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as { Worker?: new () => ElkWorker } };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, require, module, file, dirname(file));
  let stored = !cacheFile || (cachedData !== undefined && !script.cachedDataRejected);
  code = {
    Worker: module.exports.Worker!,
    compiled: () => {
      if (stored) return;
      stored = true;
      store(cacheFile!, script.createCachedData());
    },
  };
  return code;
}

/** The ELK API over a worker (elkjs's own in-process one by default, or a bridge to a layout thread). */
export function elkApi(workerFactory: () => ElkWorker): ElkApi {
  const require = createRequire(import.meta.url);
  // The small promise wrapper is an ordinary require (module tracers see elkjs load there).
  const ELK = (require('elkjs/lib/elk-api.js') as { default: ElkConstructor }).default;
  return new ELK({ workerFactory });
}

/** An ELK instance on this thread, whose first layout stores the compiled code when there was none. */
export function loadElk(): ElkApi {
  const { Worker, compiled } = loadElkCode();
  const api = elkApi(() => new Worker());
  const layout = api.layout.bind(api);
  api.layout = (async (...args: Parameters<ElkApi['layout']>) => {
    const result = await layout(...args);
    compiled();
    return result;
  }) as ElkApi['layout'];
  return api;
}

function store(path: string, data: Buffer): void {
  try {
    ensureDir(dirname(path));
    writeFileAtomic(path, data);
  } catch {
    // A read-only home or a full disk: render without the cache.
  }
}
