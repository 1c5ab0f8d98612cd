/**
 * How the user can run this crmflow again from their shell, for hints such as init's
 * "next:": a hint that is followed literally must work, so it names `crmflow` only when that
 * is on the PATH and is this very program.
 */
import { realpathSync } from 'node:fs';
import { delimiter, join, relative, resolve, isAbsolute } from 'node:path';

function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that runs this crmflow from a shell whose working folder is `dir`. */
export function selfCommand(dir: string, env: NodeJS.ProcessEnv = process.env, script = process.argv[1] ?? ''): string {
  const bin = real(script);
  // npx from a project that has crmflow installed works again in folders inside that project.
  const prefix = env.npm_config_local_prefix;
  if (env.npm_command === 'exec' && prefix) {
    const rel = relative(prefix, resolve(dir));
    if (!rel.startsWith('..') && !isAbsolute(rel)) return 'npx crmflow';
  }
  // npm puts node_modules/.bin on the PATH only while it runs a script: those do not count.
  for (const d of (env.PATH ?? '').split(delimiter))
    if (d && !/node_modules[\\/]\.bin$/.test(d) && bin && real(join(d, 'crmflow')) === bin) return 'crmflow';
  return `node ${shellWord(bin ?? script)}`;
}
