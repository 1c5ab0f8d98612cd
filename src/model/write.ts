/**
 * Atomic writes: a temporary file beside the target, then a rename, so an interrupted
 * command never leaves half a file and a failed one never damages what was there.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Creates `dir` and its missing parents. Node's own `recursive: true` spins forever on some
 * paths (under /proc, for one); this walks up once and fails with the first real error.
 */
export function ensureDir(dir: string): void {
  try {
    if (statSync(dir).isDirectory()) return;
    throw Object.assign(new Error(`${dir}: a file is in the way`), { code: 'ENOTDIR', path: dir });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const parent = dirname(dir);
  if (parent !== dir) ensureDir(parent);
  mkdirSync(dir);
}

/** A hidden temporary name beside `path`, in a folder created if needed. */
function tempBeside(path: string): string {
  const dir = dirname(path);
  ensureDir(dir);
  return join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `data` to `path` atomically, creating the folder if needed. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = tempBeside(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** A file written piece by piece that appears at its path only on `commit`. */
export interface AtomicStream {
  write(text: string): void;
  commit(): void;
  /** Removes the temporary file; safe after a failed write or commit. */
  abort(): void;
}

/** Opens `path` for a streamed atomic write (large outputs that should not be held in memory). */
export function openAtomic(path: string): AtomicStream {
  const tmp = tempBeside(path);
  let fd: number | undefined = openSync(tmp, 'wx');
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    write: (text) => void writeSync(fd!, text),
    commit() {
      close();
      renameSync(tmp, path);
    },
    abort() {
      try {
        close();
      } finally {
        rmSync(tmp, { force: true });
      }
    },
  };
}
