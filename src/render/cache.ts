/**
 * Layout cache: laying out a diagram (elkjs, routing) is most of a render, and most renders
 * redraw processes that did not change. A layout is stored in `.crmflow/cache/render/` under
 * a hash of everything it depends on (the process file, crmflow.yaml for role names, the
 * layout settings and the crmflow version), so a stale entry is never found, only left
 * behind. JSON keeps every number exact, so a cached diagram is byte-identical to a fresh one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRoot } from '../model/root.js';
import { ensureDir, writeFileAtomic } from '../model/write.js';
import type { Layout } from './layout.js';

/** The cache folder of a project, relative to its root. */
export const CACHE_DIR = join('.crmflow', 'cache', 'render');

/**
 * Whether the project around `cwd` keeps a layout cache, i.e. was drawn before: then most
 * layouts are likely stored, and the render command starts no layout thread ahead of need.
 */
export function hasLayoutCache(cwd: string): boolean {
  return existsSync(join(findRoot(cwd), CACHE_DIR));
}

/** The key of a layout: a hash of what it is computed from. */
export function layoutKey(parts: { version: string; processText: string; configText: string; settings: Record<string, unknown> }): string {
  const h = createHash('sha256');
  for (const p of [parts.version, parts.configText, parts.processText, JSON.stringify(parts.settings)]) h.update(p).update('\0');
  return h.digest('hex').slice(0, 32);
}

/** The stored layout for `key`, or undefined when there is none or it cannot be read. */
export function readLayout(dir: string, key: string): Layout | undefined {
  try {
    const layout = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as Layout;
    return Array.isArray(layout.steps) && Array.isArray(layout.edges) && Array.isArray(layout.lanes) ? layout : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a layout; a cache that cannot be written is skipped silently (it only saves time). */
export function writeLayout(dir: string, key: string, layout: Layout): void {
  try {
    ensureDir(dir);
    writeFileAtomic(join(dir, `${key}.json`), JSON.stringify(layout));
  } catch {
    // Read-only checkout or full disk: render without caching.
  }
}
