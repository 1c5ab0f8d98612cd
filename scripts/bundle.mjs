#!/usr/bin/env node
// Bundles the CLI into dist/bundle/ (run by `npm run build` after tsc): a few ES modules
// instead of some 200 files at start. Code splitting keeps every dynamic import() a lazy
// chunk, so `--version`, `validate` and the git diff driver load no more than before.
// Packages that are native, WebAssembly or loaded by path at run time stay external and load
// from node_modules. dist/bundle/meta.json (esbuild's metafile) says which sources each chunk
// holds: tests use it to check what a command loads. The bundle sits two folders below the
// package, like src/<area>/ and dist/<area>/, so paths relative to import.meta.url still work.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
// --outdir DIR builds elsewhere (test/package/bundle.test.ts compares a fresh build with dist/bundle/).
const at = process.argv.indexOf('--outdir');
const out = at > 0 ? process.argv[at + 1] : join(root, 'dist', 'bundle');

// The layout cache's key hashes the layout code (src/render/run.ts): the files are not there
// in a bundle, so the hash is taken here, from the sources.
const layoutFiles = ['layout', 'elk-options', 'route', 'state-queue', 'text', 'columns', 'cache'].map((m) => readFileSync(join(root, 'src', 'render', `${m}.ts`), 'utf8'));
const layoutHash = createHash('sha256').update(layoutFiles.join('\0')).digest('hex').slice(0, 12);

export const EXTERNAL = [
  '@resvg/resvg-js', // native
  'elkjs', // loaded with node:vm and V8's code cache (src/render/elk-load.ts)
  'zeebe-bpmn-moddle', // a JSON file required by path
  'ink',
  'react',
  'react/*',
  'yoga-layout', // WebAssembly, under ink
  'fontkit', // native brotli and big tables, only for PNG text
  // CommonJS, and taken with import() (calibrate): in a split bundle such a chunk exports only
  // `default`, so `const { Document } = await import('yaml')` got undefined. Node's own import
  // gives the named exports.
  'yaml',
];

// The message catalogs (src/i18n/en.ts and zh-CN.ts) each spread six files into one object of
// some 1,300 messages; built that way on every start they cost ~15 ms. The bundle holds each
// catalog as the finished object in JSON, which V8 reads in one go (same keys, same order).
const catalogs = {
  name: 'catalogs',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]i18n[\\/](en|zh-CN)\.ts$/ }, async (args) => {
      const name = args.path.endsWith('zh-CN.ts') ? 'zhCN' : 'en';
      const built = await build({ entryPoints: [args.path], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning' });
      const catalog = (await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`))[name];
      return { contents: `export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(catalog))});\n`, loader: 'js' };
    });
  },
};

rmSync(out, { recursive: true, force: true });
const result = await build({
  plugins: [catalogs],
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', 'git-diff': 'src/cli/git-diff.ts', 'simulate-worker': 'src/simulate/worker.ts', 'render-worker': 'src/render/worker.ts', 'elk-thread': 'src/render/elk-thread.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  external: EXTERNAL,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { CRMFLOW_BUNDLE: 'true', CRMFLOW_LAYOUT_HASH: JSON.stringify(layoutHash) },
  // CommonJS packages inside ES chunks call require() for Node's own modules.
  banner: { js: "import { createRequire as __crmflowCreateRequire } from 'node:module'; const require = __crmflowCreateRequire(import.meta.url);" },
});
writeFileSync(join(out, 'meta.json'), JSON.stringify(result.metafile));
