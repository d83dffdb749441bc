/**
 * Named scan settings, shared by the CLI (`scan --preset NAME`) and the UI (a button each). No zod here:
 * the renderer imports this file as is.
 */
export const SCAN_PRESETS = {
  // The default: 4-fold cnn-small, 12 epochs. 71 minutes (4,267 s) on 2 cores with the native engine: 59.2%
  // out-of-fold accuracy, against FER+ AUROC 0.864 and precision@1000 0.839 (bench noise). Minutes on a GPU.
  thorough: { model: 'cnn-small', folds: 4, epochs: 12 },
  // For small CPUs: 2 folds, 8 epochs. All 28,709 Training images in 12-19 minutes on 2 cores (two native fold
  // workers; 742 s on a 2-core AMD EPYC, 1,118 s on an older 2-core machine, same figures: the scan is seeded): 54.5% out-of-fold accuracy, against FER+ AUROC 0.843 and precision@1000 0.775
  // (bench noise). Without the native engine (wasm, ~5x slower) pick cnn-tiny: 24 min, AUROC 0.839, P@1000 0.696.
  'fast-cpu': { model: 'cnn-small', folds: 2, epochs: 8 },
} as const;

export type ScanPresetName = keyof typeof SCAN_PRESETS;

/** What a scan uses unless told otherwise (the contract's defaults, noise-api.ts, and the Scan form's): the thorough preset. */
export const SCAN_DEFAULTS = {
  ...SCAN_PRESETS.thorough,
  split: 'Training',
  mode: 'cross-validation',
  seed: 7,
  maxFlags: 5000, // length of the review queue
  ranking: 'normalized-margin',
} as const;
export const SCAN_PRESET_NAMES = Object.keys(SCAN_PRESETS) as ScanPresetName[];
