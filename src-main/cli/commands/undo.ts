import { undoRedoCommand } from '../undo-redo.ts';

export const command = undoRedoCommand('undo');
