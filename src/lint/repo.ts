import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * The project root relative to the enclosing git repository (`''` or `crm/`), so SARIF and
 * GitHub annotations name files as the repository does. Without a repository: `''`.
 */
export function repoPrefix(root: string): string {
  let dir = root;
  for (;;) {
    if (existsSync(join(dir, '.git'))) {
      const rel = relative(dir, root).split(sep).join('/');
      return rel ? `${rel}/` : '';
    }
    const parent = dirname(dir);
    if (parent === dir) return '';
    dir = parent;
  }
}
