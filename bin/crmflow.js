#!/usr/bin/env node
// Runs the built CLI (npm install builds dist/ through the prepare script). git runs the
// diff driver once per file, so `git-diff` skips loading the rest of the CLI.
const fast = process.argv[2] === 'git-diff' ? await (await import('../dist/cli/git-diff.js')).fastGitDiff(process.argv) : undefined;
if (fast !== undefined) process.exitCode = fast;
else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
