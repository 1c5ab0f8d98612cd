/**
 * The findings behind a diff's lint delta, in a module of its own so that the git diff driver
 * can use it without loading git access (simple-git, yaml, picomatch).
 */
import type { Finding, Project } from '../model/types.js';

type LintFn = (project: Project) => readonly Finding[];

/**
 * The findings used for the lint delta: the lint engine's (src/lint/engine.ts `lintProject`,
 * which includes validation findings) with each side's own crmflow.yaml rules; validation
 * findings alone when the lint engine cannot be loaded. Loaded lazily.
 */
export async function lintFindings(): Promise<LintFn> {
  try {
    // A literal specifier, so that the bundle (scripts/bundle.mjs) holds the engine as a lazy chunk.
    const mod = (await import('../lint/engine.js')) as unknown as { lintProject?: (p: Project, o?: object) => { findings?: Finding[] } | Finding[] };
    const lint = mod.lintProject;
    if (typeof lint === 'function') {
      return (project) => {
        try {
          const result = lint(project, {});
          const findings = Array.isArray(result) ? result : result.findings;
          return Array.isArray(findings) ? findings : project.findings;
        } catch {
          return project.findings;
        }
      };
    }
  } catch {
    // no lint engine: validation findings only
  }
  return (p) => p.findings;
}
