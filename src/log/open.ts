import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { msg } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';

/** Opens a log file as a stream, unpacking `.gz` on the way; a missing file is a `CrmflowError`. */
export async function openLog(path: string, name: string): Promise<Readable> {
  const file = createReadStream(path);
  try {
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', reject);
    });
  } catch {
    throw new CrmflowError(msg('logOpen.cannotRead', { file: name }), msg('logOpen.cannotReadHint'), 'data');
  }
  if (!/\.gz$/i.test(path)) return file;
  const input = file.pipe(createGunzip());
  // A corrupt archive surfaces on the gunzip stream; the file stream must end with it.
  input.once('close', () => file.destroy());
  return input;
}

/** A gzip error as a message a user can act on, or undefined for any other error. */
export function gzipError(err: Error & { code?: string }, name: string): CrmflowError | undefined {
  if (err.code !== 'Z_DATA_ERROR' && err.code !== 'Z_BUF_ERROR') return undefined;
  return new CrmflowError(msg('logOpen.gzip', { file: name, why: err.message }), msg('logOpen.gzipHint'), 'data');
}
