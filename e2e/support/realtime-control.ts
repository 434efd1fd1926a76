import type { Page } from "@playwright/test";
import { stackInfo } from "./stack";

export type RealtimeConnection = { socketId: string; channels: string[] };

const control = (path: string) => `http://127.0.0.1:${stackInfo().controlPort}${path}`;

/** The local Pusher server's live connections (GET /realtime/connections on the control port). */
export async function realtimeConnections(): Promise<RealtimeConnection[]> {
  const response = await fetch(control("/realtime/connections"));
  if (!response.ok) throw new Error(`connections answered ${response.status}`);
  return (await response.json()) as RealtimeConnection[];
}

/**
 * Runs `connect` (which opens a page and waits for its subscriptions) and
 * returns the one connection that appeared meanwhile on `channel`: that page's.
 */
export async function connectionOpenedBy(channel: string, connect: () => Promise<void>): Promise<string> {
  const before = new Set((await realtimeConnections()).map((connection) => connection.socketId));
  await connect();
  const opened = (await realtimeConnections()).filter(
    (connection) => !before.has(connection.socketId) && connection.channels.includes(channel),
  );
  if (opened.length !== 1) throw new Error(`expected one new connection on ${channel}, found ${opened.length}`);
  return opened[0].socketId;
}

/** Drops the next `event` for one connection, or holds it back until the next event has gone out (reorder). */
export async function injectFault(fault: { socketId: string; event: string; action: "drop" | "reorder"; count?: number }) {
  const response = await fetch(control("/realtime/fault"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`fault answered ${response.status}: ${await response.text()}`);
}

/** Every unread-counts request the page's browser sends, with its contact ids, from now on. */
export function countRequestsOf(page: Page): { ids: string[][] } {
  const seen = { ids: [] as string[][] };
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname !== "/api/messaging/unread-counts") return;
    const posted = request.method() === "POST" ? ((request.postDataJSON() ?? {}) as { contactIds?: string[] }).contactIds : undefined;
    seen.ids.push(posted ?? (url.searchParams.get("contact_ids") ?? "").split(",").filter(Boolean));
  });
  return seen;
}
