import { z } from 'zod';
import { method } from './contract.ts';

export const ensembleApi = {
  evaluateEnsemble: method<{ jobId: string; runId: number }>()(
    "Evaluates a finished scan's fold models, their probabilities averaged, on validation and test as a run of its own (no training; latest scan by default). The run's model (the first fold's) can start a fine-tune.",
    z.object({ scanId: z.number().int().positive().optional() }).default({}),
  ),
};
