// The little language the demo conversations are written in
// (dev/demo/demo-conversations*.ts), and its parser. Times are written as
// "how long before now", e.g. "2d4h" or "35m", so the inbox looks lived-in
// whenever the seed first runs.

import type { DemoUserKey } from "./demo-accounts";

/** Who wrote a line: the contact (inbound) or a team member (outbound). */
export type Sender = "contact" | DemoUserKey;

export type LineOptions = {
  /** Defaults to "chat". System lines must come from a team member. */
  kind?: "post" | "task" | "system";
  /** Soft-deleted a few minutes after it was sent. */
  deleted?: boolean;
};

export type ScriptLine = readonly [ago: string, from: Sender, body: string, options?: LineOptions];

/**
 * How a team member left the conversation before the seed: a number N means
 * the last N counted messages (inbound chat/post/task, not deleted) are
 * unread; "all" means the member never opened it (no read-state row, so its
 * whole history counts). Members not listed have read everything.
 */
export type UnreadSpec = number | "all";

export type DemoContactScript = {
  name: string;
  phone?: string;
  email?: string;
  /** When the contact was created; defaults to just before its first message. */
  created?: string;
  unread?: Partial<Record<DemoUserKey, UnreadSpec>>;
  /** Oldest first; omit for a contact who has not written yet. */
  script?: readonly ScriptLine[];
};

export const SYSTEM: LineOptions = { kind: "system" };
export const POST: LineOptions = { kind: "post" };
export const TASK: LineOptions = { kind: "task" };
export const DELETED: LineOptions = { deleted: true };

const UNIT_MINUTES: Record<string, number> = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 };

/** "2d4h30m" -> minutes. Units: w, d, h, m; at least one part. */
export function parseAgo(ago: string): number {
  const parts = [...ago.matchAll(/(\d+)([wdhm])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== ago) {
    throw new Error(`Bad demo time "${ago}": use e.g. "3d", "2h15m", "45m".`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNIT_MINUTES[unit], 0);
}
