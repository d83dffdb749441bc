// `node scripts/gpu-bundle/build.mjs OUTFILE`: bundles the GPU bundle's entry (entry.ts: bench/train.ts and the
// engine code it imports from src-main/core/ml) into one CommonJS file. TF.js and `webgpu` stay external: the
// bundle's node_modules beside OUTFILE holds them (scripts/gpu-bundle.sh copies them). Prints the external
// packages the bundle loads, one per line after `EXTERNALS`, so the caller can check that it copies them all.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { importMetaPlugin } from '../esbuild-import-meta.mjs';

const outfile = process.argv[2];
if (!outfile) {
  console.error('usage: build.mjs OUTFILE');
  process.exit(2);
}
const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const result = await build({
  entryPoints: [resolve(root, 'scripts/gpu-bundle/entry.ts')],
  outfile: resolve(outfile),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@tensorflow/*', 'webgpu'],
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // A leftover import.meta would be an empty object at run time: fail the build instead.
  logOverride: { 'empty-import-meta': 'error' },
  // Each module's import.meta points at its place as if the bundle's folder were the repo root, so
  // engine-probe.ts's createRequire finds packages in the bundle's own node_modules.
  plugins: [importMetaPlugin({ root, rootFromBundle: '.', filter: new RegExp(`^${escaped}[\\\\/](src-main|bench|test|scripts)[\\\\/].*\\.ts$`) })],
});
const externals = new Set();
for (const input of Object.values(result.metafile.inputs)) for (const i of input.imports) if (i.external && !i.path.startsWith('node:')) externals.add(i.path);
console.log(['EXTERNALS', ...[...externals].sort()].join('\n'));
