/**
 * Runs the train bench in N processes at once and adds up their throughput: how the engines that run
 * one thread per process (wasm) use every core, as a scan's fold workers do. Each child prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));

export interface ChildResult {
  engine: string;
  results: Array<{ model: string; trainImagesPerSecond: number; inferImagesPerSecond: number }>;
}

export function runInProcesses(n: number, argv: string[]): Promise<ChildResult[]> {
  return Promise.all(
    Array.from({ length: n }, () =>
      new Promise<ChildResult>((resolve, reject) => {
        const child = spawn(process.execPath, [RUN_TS, MAIN, 'train', ...argv, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (c) => (out += String(c)));
        child.on('exit', (code) => {
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (code !== 0 || !line) reject(new Error(`bench child exited with ${code}: ${out.slice(-300)}`));
          else resolve(JSON.parse(line) as ChildResult);
        });
      }),
    ),
  );
}
