// Peak memory of the server under load, from /proc (Linux); elsewhere, nothing.
import { readFileSync } from "node:fs";

export function peakRssMb(root: number | undefined): number | undefined {
  if (!root) return undefined;
  const tree = [root];
  try {
    // direct children are enough: next start runs its server in-process or in one worker
    const children = readFileSync(`/proc/${root}/task/${root}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    tree.push(...children);
  } catch {
    // no /proc: report nothing
  }
  let peakKb = 0;
  for (const pid of tree) {
    try {
      const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+) kB/m);
      peakKb += match ? Number(match[1]) : 0;
    } catch {
      // exited
    }
  }
  return peakKb > 0 ? Math.round(peakKb / 1024) : undefined;
}
