// `npm test`: the whole suite on a fresh clone: installs what is missing, typechecks, then runs
// unit, integration and browser (e2e) tests. Extra arguments go to vitest (e.g. `npm test -- test/unit`).
import { ensureChromium, ensureNativeKernels, ensureNodeModules, ensureRendererBuilt, sh } from './ensure-deps.mjs';

const args = process.argv.slice(2);
try {
  ensureNodeModules();
  ensureNativeKernels();
  process.env.CHROMIUM_PATH = ensureChromium();
  ensureRendererBuilt();
  if (args.length === 0) {
    console.log('Typechecking…');
    sh('npm run --silent typecheck');
  }
  sh(`npx vitest run ${args.map((a) => JSON.stringify(a)).join(' ')}`);
} catch (e) {
  if (e && typeof e === 'object' && 'status' in e) process.exit(e.status ?? 1);
  console.error(String(e instanceof Error ? e.message : e));
  process.exit(1);
}
