// The "New messages" line (issue 14, item 1). Its place is decided once, when
// the conversation is opened: above the first counted message after the
// member's read position at that moment (before the optimistic mark-read).
// Messages that arrive while the conversation stays open are read silently
// and never move it.
import "client-only";
import type { CountLedger } from "@/lib/inbox/count-ledger";
import type { ThreadMessage } from "@/lib/inbox/thread-messages";

/** Unread messages when opened: those counted after `after` (ms; null = never read), `count` of them. */
export type NewLine = { after: number | null; count: number };

/**
 * Remembers, per conversation being opened, where its line goes; the
 * conversation pane reads it when it mounts (each open captures anew, so a
 * read that is not destructive survives React's double render in dev).
 */
export function createNewLines(ledger: Pick<CountLedger, "badge" | "readAt">) {
  const captured = new Map<string, NewLine>();
  return {
    /** Call before the conversation is marked read. */
    capture(contactId: string) {
      const count = ledger.badge(contactId) ?? 0;
      if (count > 0) captured.set(contactId, { after: ledger.readAt(contactId), count });
      else captured.delete(contactId);
    },
    get: (contactId: string): NewLine | null => captured.get(contactId) ?? null,
  };
}

/** The counting rule as the browser sees it (lib/messaging/counting-rule.ts is server-only: Prisma). */
const counted = (message: ThreadMessage) => message.direction === "inbound" && message.kind !== "system" && !message.status;

const unreadAt = (line: NewLine, message: ThreadMessage) =>
  counted(message) && (line.after === null || Date.parse(message.createdAt) > line.after);

/**
 * Where the line goes among the loaded messages (oldest first): the index of
 * the first unread one, or -1. `complete` says whether the loaded messages
 * reach back far enough: all `count` unread ones are in, or nothing older is left.
 */
export function locateNewLine(line: NewLine, messages: ThreadMessage[], hasOlder: boolean): { index: number; complete: boolean } {
  const index = messages.findIndex((message) => unreadAt(line, message));
  const loaded = index < 0 ? 0 : messages.slice(index).filter((message) => unreadAt(line, message)).length;
  // The oldest loaded message is at or before the read position: nothing older is unread.
  const reachesRead = messages.length > 0 && line.after !== null && Date.parse(messages[0].createdAt) <= line.after;
  return { index, complete: !hasOlder || loaded >= line.count || reachesRead };
}

export const newLineLabel = (count: number) => (count === 1 ? "1 new message" : `${count} new messages`);
