/**
 * Runs a TypeScript script in a child process and measures its memory honestly: the child's own peak (VmHWM)
 * and, for jobs that fork workers (a scan), the peak of every descendant and the largest sum of their RSS at once.
 * Linux only (/proc). The script prints its result as one JSON line on stdout; stderr passes through (progress).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));

export interface ChildMemory {
  peakRssMb: number;          // the child's own VmHWM
  treePeakRssMb: number;      // largest sum of VmRSS over the child and its descendants, sampled
  descendantPeaksMb: number[]; // each descendant's VmHWM as last seen
}

const statusKb = (pid: number, field: string): number => {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // it exited between the listing and the read
  }
};

/** Every live descendant of `root`, from the ppid field of /proc/<pid>/stat. */
function descendants(root: number): number[] {
  const parent = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(ppid, [...(parent.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => (parent.get(pid) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(root);
  return out;
}

const mb = (kb: number) => Math.round(kb / 1024);

export function runMeasured<T>(script: string, args: string[], pollMs = 250): Promise<{ result: T; memory: ChildMemory }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_TS, fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let own = 0;
    let tree = 0;
    const peaks = new Map<number, number>();
    const poll = () => {
      const pid = child.pid;
      if (!pid) return;
      own = Math.max(own, statusKb(pid, 'VmHWM'));
      let sum = statusKb(pid, 'VmRSS');
      for (const d of descendants(pid)) {
        peaks.set(d, Math.max(peaks.get(d) ?? 0, statusKb(d, 'VmHWM')));
        sum += statusKb(d, 'VmRSS');
      }
      tree = Math.max(tree, sum);
    };
    const timer = setInterval(poll, pollMs);
    child.stdout.on('data', (c) => (out += String(c)));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) return reject(new Error(`${script} exited with ${code}: ${out.slice(-300)}`));
      const result = JSON.parse(line) as T & { maxRssKb?: number };
      // the child's own getrusage peak at its end catches a spike between two polls
      own = Math.max(own, result.maxRssKb ?? 0);
      resolve({ result, memory: { peakRssMb: mb(own), treePeakRssMb: mb(Math.max(tree, own)), descendantPeaksMb: [...peaks.values()].map(mb) } });
    });
  });
}
