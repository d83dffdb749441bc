// The esbuild plugin shared by the CommonJS bundles (scripts/build-electron.mjs, scripts/gpu-bundle/build.mjs).
//
// In a CommonJS bundle `import.meta` is empty. Core modules use import.meta.url / .dirname to find files
// beside them (worker entries, the renderer build) and to resolve packages (engine-probe.ts's createRequire);
// rewrite each to that module's original place, `rootFromBundle` (a path relative to the bundle's own folder,
// resolved at run time from __dirname) standing for the repository root. import.meta.resolve(x) becomes
// require.resolve(x) as a file URL. Pair it with `logOverride: { 'empty-import-meta': 'error' }` so a leftover
// import.meta (a module the filter missed) fails the build instead of being an empty object at run time.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

/**
 * @param {{ root: string, rootFromBundle: string, filter?: RegExp }} options
 *   root: the repository root (absolute); rootFromBundle: where that root lies from the bundle's folder
 *   ('../..' for dist/electron, '.' for a bundle whose node_modules sit beside it); filter: which .ts files
 *   to rewrite (default: everything under src-main/).
 * @returns {import('esbuild').Plugin}
 */
export function importMetaPlugin({ root, rootFromBundle, filter = /src-main[\\/].*\.ts$/ }) {
  return {
    name: 'import-meta-per-module',
    setup(b) {
      b.onLoad({ filter }, async (args) => {
        let source = await readFile(args.path, 'utf8');
        if (source.includes('import.meta')) {
          const rel = JSON.stringify(relative(root, args.path).split('\\').join('/'));
          const file = `require('node:path').join(__dirname, ${JSON.stringify(rootFromBundle)}, ${rel})`;
          source = source
            .replaceAll('import.meta.url', `require('node:url').pathToFileURL(${file}).href`)
            .replaceAll('import.meta.dirname', `require('node:path').dirname(${file})`)
            .replaceAll('import.meta.filename', file)
            .replaceAll('import.meta.resolve(', "((s) => require('node:url').pathToFileURL(require.resolve(s)).href)(");
        }
        return { contents: source, loader: 'ts' };
      });
    },
  };
}
