// Pure list operations for a conversation thread (oldest first).
import "client-only";
import type { MessageDto } from "@/lib/messaging/message-dto";

export type ThreadMessage = MessageDto & { status?: "sending" | "failed"; error?: string };

const byTime = (a: ThreadMessage, b: ThreadMessage) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Stored messages in time order, then this tab's unsent ones in the order they were written. */
export function mergeMessages(current: ThreadMessage[], incoming: MessageDto[]): ThreadMessage[] {
  const byId = new Map<string, ThreadMessage>();
  for (const message of current) if (!message.status) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  const local = current.filter((message) => message.status);
  return [...[...byId.values()].sort(byTime), ...local];
}

/** An API page is newest first; the thread is oldest first. */
export const fromPage = (messages: MessageDto[]): ThreadMessage[] => [...messages].sort(byTime);

/** The newest page shares no message with what is shown: a gap, so start over from that page. */
export function overlaps(current: ThreadMessage[], page: MessageDto[]): boolean {
  const ids = new Set(current.map((message) => message.id));
  return page.some((message) => ids.has(message.id));
}
