import type { Command } from './command.ts';

/**
 * `undo` and `redo`: act on the workspace's last step, whoever made it, and say whose it was (a page's Undo asks
 * first; a command prints). The call names the step looked up, so one made in between is never undone unseen.
 */
export function undoRedoCommand(which: 'undo' | 'redo'): Command {
  return {
    summary: which === 'undo' ? 'Undo the last label action (says whose step it was).' : 'Redo the last undone label action.',
    usage: `${which} [--json]`,
    async run({ api, flags, json, io }) {
      flags.rejectUnknown();
      const client = api();
      const state = await client.undoState({});
      const step = which === 'undo' ? state.undoStep : state.redoStep;
      const r = step ? await client[which]({ expect: step.batchId }) : { ...state, changed: 0, labelVersion: (await client.info({})).labelVersion };
      if (json) io.out(JSON.stringify({ ...r, step }));
      else if (!step || !r.changed) io.out(`Nothing to ${which}.`);
      else io.out(`${which === 'undo' ? 'Undid' : 'Redid'}: ${step.what} (${step.mine ? 'a step made from the command line' : `made by ${step.by}`}, ${step.at}). Label version ${r.labelVersion}.`);
      return 0;
    },
  };
}
