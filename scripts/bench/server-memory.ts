// (g) Peak memory of the app server: VmHWM (the kernel's resident-set high-water
// mark) of the `next start` process and of any process it spawned, read from
// /proc while the benchmark runs.
import { readdirSync, readFileSync } from "node:fs";

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** The process and all its descendants that are alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function statusKb(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export type MemoryPeak = { processes: number; peakHwmMb: number; peakTreeRssMb: number };

/** Samples the tree every `intervalMs` until stopped; the kernel's VmHWM covers what happens between samples. */
export function watchServerMemory(root: number, intervalMs = 500) {
  const hwm = new Map<number, number>();
  let peakTreeRss = 0;
  const sample = () => {
    let rss = 0;
    for (const pid of processTree(root)) {
      hwm.set(pid, Math.max(hwm.get(pid) ?? 0, statusKb(pid, "VmHWM")));
      rss += statusKb(pid, "VmRSS");
    }
    peakTreeRss = Math.max(peakTreeRss, rss);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop(): MemoryPeak {
      sample();
      clearInterval(timer);
      return {
        processes: hwm.size,
        peakHwmMb: Math.max(...hwm.values()) / 1024,
        peakTreeRssMb: peakTreeRss / 1024,
      };
    },
  };
}
