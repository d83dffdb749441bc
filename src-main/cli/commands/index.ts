/**
 * Every CLI command, imported statically: the packaged app runs built JavaScript, where no folder of
 * command files can be listed at run time. A new command adds its file in this folder and its line here.
 */
import type { Command } from '../command.ts';
import { command as duplicates } from './duplicates.ts';
import { command as evalNoise } from './eval-noise.ts';
import { command as ensemble } from './ensemble.ts';
import { command as exportCommand } from './export.ts';
import { command as exportModel } from './export-model.ts';
import { command as history } from './history.ts';
import { command as importCommand } from './import.ts';
import { command as info } from './info.ts';
import { command as init } from './init.ts';
import { command as label } from './label.ts';
import { command as noiseMatrix } from './noise-matrix.ts';
import { command as predict } from './predict.ts';
import { command as redo } from './redo.ts';
import { command as runs } from './runs.ts';
import { command as scan } from './scan.ts';
import { command as scans } from './scans.ts';
import { command as scores } from './scores.ts';
import { command as serve } from './serve.ts';
import { command as train } from './train.ts';
import { command as triplets } from './triplets.ts';
import { command as undo } from './undo.ts';

/** By name, as typed after `fer-studio`; help lists them in this order (alphabetical). */
export const COMMANDS: Readonly<Record<string, Command>> = {
  duplicates,
  ensemble,
  'eval-noise': evalNoise,
  export: exportCommand,
  'export-model': exportModel,
  history,
  import: importCommand,
  info,
  init,
  label,
  'noise-matrix': noiseMatrix,
  predict,
  redo,
  runs,
  scan,
  scans,
  scores,
  serve,
  train,
  triplets,
  undo,
};
