/**
 * Which engines exist, asked of a worker process instead of the door's own. Probing loads what it probes
 * (tfjs-node's libtensorflow, Dawn for WebGPU, which also rewrites globalThis.navigator, our native addon): none
 * of that belongs in a door process (CLI, HTTP server, Electron main). The worker entry answers and exits.
 */
import type { EngineCandidate } from '../api/train-api.ts';
import { describeEngines } from '../ml/engine-probe.ts';
import type { WorkerLauncher } from './job-runner.ts';
import { parentChannel } from './parent-port.ts';
import { channelOf, lastLine } from './worker-channel.ts';
import { WORKER_ENTRY } from './worker-entries.ts';

export const PROBE_ENGINES_FLAG = '--probe-engines';
type ProbeReply = { type: 'engines'; candidates: EngineCandidate[] } | { type: 'failed'; error: string };

/** How long a probe may take: loading TF.js, the addon and Dawn takes 1-3 s; a hung GPU driver should not hang the door. */
const PROBE_TIMEOUT_MS = 60_000;

/** Door side: starts the worker entry with PROBE_ENGINES_FLAG through `launch` and returns its answer. */
export function probeEnginesInWorker(launch: WorkerLauncher): Promise<EngineCandidate[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let stderr = '';
    const channel = channelOf<never, ProbeReply>(launch(WORKER_ENTRY, [PROBE_ENGINES_FLAG]));
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const timer = setTimeout(() => finish(() => (channel.kill(), reject(new Error(`The engine probe did not answer within ${PROBE_TIMEOUT_MS / 1000} s.`)))), PROBE_TIMEOUT_MS);
    channel.onStderr((text) => (stderr = (stderr + text).slice(-2000)));
    channel.onMessage((m) => finish(() => (m.type === 'engines' ? resolve(m.candidates) : reject(new Error(`The engine probe failed: ${m.error}`)))));
    channel.onExit((code) => finish(() => reject(new Error(`The engine probe ended without an answer (exit code ${code ?? 'none'}).${lastLine(stderr)}`))));
  });
}

/** Worker side: probes here, sends the answer to the door. */
export async function answerEngineProbe(): Promise<void> {
  const parent = parentChannel<never, ProbeReply>();
  try {
    parent.send({ type: 'engines', candidates: await describeEngines() });
  } catch (e) {
    parent.send({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
}
