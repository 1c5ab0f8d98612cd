/**
 * Loads elkjs for a render. elkjs is 1.6 MB of GWT-compiled JavaScript; compiling it is a
 * fixed cost of every `crmflow render`, about a quarter of a one-diagram run. So its layout
 * code (elk-worker.min.js, the same file elk.bundled.js wraps) is compiled through node:vm
 * with V8's code cache: the bytecode V8 made for it, including the functions the first layout
 * compiled, is kept in the user's cache folder (~/.cache/crmflow/v8, XDG_CACHE_HOME honoured)
 * and handed back to V8 next time. It holds compiled code only, never a layout: the diagrams
 * are the same with or without it. V8 rejects an entry written by another Node, V8 or elkjs
 * (it checks versions, flags and the source), which is then rewritten; a folder that cannot
 * be written only costs the time. CRMFLOW_CODE_CACHE=0 turns it off.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { ensureDir, writeFileAtomic } from '../model/write.js';

type ElkApi = import('elkjs/lib/elk-api.js').ELK;
type ElkConstructor = new (options: { workerFactory: () => unknown; algorithms?: string[] }) => ElkApi;

function cacheFolder(): string | undefined {
  if (process.env.CRMFLOW_CODE_CACHE === '0') return undefined;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'crmflow', 'v8');
}

/** A fresh ELK instance whose first layout stores the compiled code when there was none. */
export function loadElk(): ElkApi {
  const require = createRequire(import.meta.url);
  // The small promise wrapper is an ordinary require (module tracers see elkjs load there).
  const ELK = (require('elkjs/lib/elk-api.js') as { default: ElkConstructor }).default;
  const file = require.resolve('elkjs/lib/elk-worker.min.js');
  const source = readFileSync(file, 'utf8');
  const folder = cacheFolder();
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0${process.versions.v8}\0`).update(source).digest('hex').slice(0, 24);
  const cacheFile = folder && join(folder, `elk-${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // No entry yet.
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as { Worker?: new () => unknown } };
  (script.runInThisContext() as (...a: unknown[]) => void).call(module.exports, module.exports, require, module, file, dirname(file));
  const Worker = module.exports.Worker!;
  const api = new ELK({ workerFactory: () => new Worker() });
  if (!cacheFile || (cachedData && !script.cachedDataRejected)) return api;
  // After the first layout the cache also holds the functions it compiled: most of the gain.
  const layout = api.layout.bind(api);
  let stored = false;
  api.layout = (async (...args: Parameters<ElkApi['layout']>) => {
    const result = await layout(...args);
    if (!stored) {
      stored = true;
      store(cacheFile, script.createCachedData());
    }
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
