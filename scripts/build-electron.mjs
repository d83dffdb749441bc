// `npm run build:electron`: bundles the Electron main process, preload and the three worker entries (jobs, a
// scan's fold workers, predictions) with esbuild into dist/electron/{main,preload,worker,fold-worker,predict-worker,group-worker}.cjs. The core
// (TypeScript) is bundled in; native and heavy packages stay external and load from node_modules at run time.
// FER_BUNDLED tells core/jobs/worker-entries.ts to start the worker bundles, so the packaged app ships no
// TypeScript and no tsx (electron-builder.yml). `node dist/electron/worker.cjs --self-test` checks a build.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { importMetaPlugin } from './esbuild-import-meta.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const outdir = resolve(root, 'dist/electron');
const external = ['electron', 'better-sqlite3', 'sharp', '@tensorflow/*', 'webgpu', 'tsx', 'tsx/*'];

// In a CommonJS bundle `import.meta` is empty: rewrite it per module to that module's original place in the
// app, resolved at run time from the bundle's own folder (dist/electron, two levels below the app root), so
// paths hold in the repo and in the packaged app alike (see esbuild-import-meta.mjs).
const importMeta = importMetaPlugin({ root, rootFromBundle: '../..' });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 45 runs Node 22
  sourcemap: 'linked',
  external,
  logLevel: 'warning',
  // A leftover import.meta would be an empty object at run time: fail the build instead.
  logOverride: { 'empty-import-meta': 'error' },
  plugins: [importMeta],
  define: { FER_BUNDLED: 'true' },
};

/** Each output goes through a temp file and a rename: a running app or test never reads half a bundle. */
async function writeAtomically(result) {
  for (const file of result.outputFiles) {
    await mkdir(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    await writeFile(tmp, file.contents);
    await rename(tmp, file.path);
  }
}

const started = Date.now();
const results = await Promise.all([
  build({ ...common, write: false, entryPoints: { main: resolve(root, 'src-main/electron/main.ts') }, outdir, outExtension: { '.js': '.cjs' } }),
  build({
    ...common,
    write: false,
    entryPoints: {
      worker: resolve(root, 'src-main/core/jobs/worker.ts'),
      'fold-worker': resolve(root, 'src-main/core/jobs/folds/fold-worker.ts'),
      'predict-worker': resolve(root, 'src-main/core/ml/predict/predict-worker.ts'),
      'group-worker': resolve(root, 'src-main/core/duplicates/group-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.cjs' },
  }),
  // The sandboxed preload may require only 'electron' (and a few Node built-ins): everything else is bundled in.
  build({ ...common, write: false, entryPoints: { preload: resolve(root, 'src-main/electron/preload.ts') }, outdir, outExtension: { '.js': '.cjs' }, external: ['electron'], sourcemap: false }),
]);
for (const r of results) await writeAtomically(r);
console.log(`Built dist/electron/main.cjs, preload.cjs and the worker bundles in ${Date.now() - started} ms`);
