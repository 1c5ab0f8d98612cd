#!/usr/bin/env node
// Runs the built CLI: the bundle in dist/bundle/ (scripts/bundle.mjs, part of `npm run build`,
// which npm install runs through the prepare script), else the modules tsc wrote in dist/ when
// the bundle is absent (someone ran tsc alone). git runs the diff driver once per file, so
// `git-diff` skips loading the rest of the CLI.
import { existsSync } from 'node:fs';

const dir = existsSync(new URL('../dist/bundle/main.js', import.meta.url)) ? '../dist/bundle/' : '../dist/cli/';
// A render that will lay out diagrams starts its ELK thread before the rest of crmflow loads.
if (process.argv[2] === 'render') (await import(dir === '../dist/bundle/' ? '../dist/bundle/elk-thread.js' : '../dist/render/elk-thread.js')).startEarly(process.argv);
const fast = process.argv[2] === 'git-diff' ? await (await import(`${dir}git-diff.js`)).fastGitDiff(process.argv) : undefined;
if (fast !== undefined) process.exitCode = fast;
else {
  const { main } = await import(`${dir}main.js`);
  process.exitCode = await main(process.argv);
  // Everything is written by now. Ending here skips tearing down the heap, ~30 ms of a render;
  // not while stdout or stderr still hold output (a pipe is asynchronous on some systems).
  if (!process.stdout.writableLength && !process.stderr.writableLength) process.exit();
}
