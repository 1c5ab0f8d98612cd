#!/usr/bin/env node
// Runs the built CLI: the bundle in dist/bundle/ (scripts/bundle.mjs, part of `npm run build`,
// which npm install runs through the prepare script), else the modules tsc wrote in dist/ when
// the bundle is absent (someone ran tsc alone). git runs the diff driver once per file, so
// `git-diff` skips loading the rest of the CLI.
import { existsSync } from 'node:fs';

// Commands that lay out diagrams with elkjs tier up late: V8 compiles a function with TurboFan
// after it has run ~15x more bytecode than by default (--interrupt-budget, default 67,584).
// A render runs for about a second, most TurboFan compilations there came too late to pay
// for themselves, and on two cores they took CPU from the two threads doing the work: one
// 40-step diagram 0.82 of the default time, twenty 0.79 (RESULTS.md). A long simulation is
// the opposite (1.11 for 200,000 cases), so only these commands get it, and all three do: V8's
// code cache for elkjs (elk-load.ts) is only reused under the same flags. A budget given on
// node's command line is kept (NODE_OPTIONS cannot carry one). node:v8 loads only then (~3 ms).
const layingOut = ['render', 'export', 'site'].includes(process.argv[2]);
const budgetGiven = process.execArgv.some((a) => /^--interrupt[-_]budget\b/.test(a));
if (layingOut && !budgetGiven) (await import('node:v8')).setFlagsFromString('--interrupt-budget=1000000');

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
