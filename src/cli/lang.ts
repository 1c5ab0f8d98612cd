/**
 * The language of a command that reads no project of its own (review, git-diff, init, fields):
 * `--lang`, else `lang:` of the nearest crmflow.yaml, else the locale. Reads only the one line
 * it needs, so the YAML parser is not loaded for it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentLang, type Lang } from '../i18n/index.js';
import { CONFIG_FILE, findRoot } from '../model/root.js';

export function langAt(cwd: string = process.cwd()): Lang {
  let configLang: string | undefined;
  try {
    const file = join(findRoot(cwd), CONFIG_FILE);
    if (existsSync(file)) configLang = /^lang:\s*["']?([\w-]+)/m.exec(readFileSync(file, 'utf8'))?.[1];
  } catch {
    // unreadable: the locale decides
  }
  return currentLang(configLang);
}
