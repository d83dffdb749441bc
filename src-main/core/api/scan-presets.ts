/**
 * Named scan settings, shared by the CLI (`scan --preset NAME`) and the UI (a button each). No zod here:
 * the renderer imports this file as is.
 */
export const SCAN_PRESETS = {
  // The default: 4-fold cnn-small, 12 epochs. Hours on a 2-core CPU, minutes on a GPU.
  thorough: { model: 'cnn-small', folds: 4, epochs: 12 },
  // For small CPUs: a quarter-width model, 2 folds, 8 epochs. 24 minutes (1,418 s) for all 28,709 Training
  // images on 2 cores (two fold workers, wasm): 51% out-of-fold accuracy, AUROC 0.839 against FER+ (bench noise).
  'fast-cpu': { model: 'cnn-tiny', folds: 2, epochs: 8 },
} as const;

export type ScanPresetName = keyof typeof SCAN_PRESETS;
export const SCAN_PRESET_NAMES = Object.keys(SCAN_PRESETS) as ScanPresetName[];
