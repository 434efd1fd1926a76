// An in-memory stand-in for the messaging API behind a fake `fetch`, so the
// real BadgerApi client (createBadgerApi({ fetch })) and the real UI code run
// unchanged. It records every call and can be told to fail.
import type { ContactSummary } from "@/lib/messaging/contact-list";
import type { MessageDto } from "@/lib/messaging/message-dto";
import { createBadgerApi } from "@/lib/client/badger-api";

export type RecordedCall = { method: string; path: string; query: URLSearchParams; body: unknown; keepalive: boolean };

type Failure = { status: number; code: string; message: string; retryAfter?: number; times: number };

export function uuidFor(n: number, prefix = "c"): string {
  const hex = (prefix === "c" ? "c" : prefix === "m" ? "a" : "b") + n.toString(16).padStart(11, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

export function makeContacts(count: number, unread: (index: number) => number = () => 0, start = Date.parse("2026-03-02T12:00:00Z")): ContactSummary[] {
  return Array.from({ length: count }, (_, index) => ({
    id: uuidFor(index + 1),
    name: `Contact ${index + 1}`,
    unreadCount: unread(index),
    lastReadAt: new Date(start - 3_600_000).toISOString(),
    lastMessage: {
      id: uuidFor(index + 1, "m"),
      direction: "inbound" as const,
      kind: "chat" as const,
      preview: `Hello from contact ${index + 1}`,
      createdAt: new Date(start - index * 60_000).toISOString(),
    },
  }));
}

export function createFakeServer(options: { contacts: ContactSummary[]; messages?: Record<string, MessageDto[]> }) {
  const counts: Record<string, number> = Object.fromEntries(
    options.contacts.filter((contact) => contact.unreadCount > 0).map((contact) => [contact.id, contact.unreadCount]),
  );
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure>();
  const gates = new Map<string, Promise<void>>();
  const keyOf = (method: string, path: string) => `${method} ${path.replace(/[0-9a-f-]{36}/g, ":id")}`;
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

  function route(method: string, path: string, query: URLSearchParams): Response {
    const key = keyOf(method, path);
    const failure = failures.get(key);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return json(failure.status, { error: { code: failure.code, message: failure.message } }, failure.retryAfter ? { "Retry-After": String(failure.retryAfter) } : {});
    }
    const id = path.match(/[0-9a-f-]{36}/)?.[0] ?? "";
    switch (key) {
      case "GET /api/messaging/unread-counts":
      case "POST /api/messaging/unread-counts": {
        const posted = (calls.at(-1)?.body ?? {}) as { contactIds?: string[] };
        const ids = method === "POST" ? (posted.contactIds ?? []) : (query.get("contact_ids") ?? "").split(",").filter(Boolean);
        return json(200, { counts: Object.fromEntries(ids.filter((item) => counts[item] > 0).map((item) => [item, counts[item]])) });
      }
      case "GET /api/messaging/contacts": {
        const list = query.get("filter") === "unread" ? options.contacts.filter((contact) => counts[contact.id] > 0) : options.contacts;
        return json(200, { contacts: list.map((contact) => ({ ...contact, unreadCount: counts[contact.id] ?? 0 })), nextCursor: null });
      }
      case "GET /api/messaging/contacts/:id/messages": {
        // Newest first, like the real endpoint; the cursor is an offset here.
        const all = [...(options.messages?.[id] ?? [])].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
        const offset = Number(query.get("before") ?? 0);
        const limit = Number(query.get("limit") ?? 30);
        const page = all.slice(offset, offset + limit);
        return json(200, { messages: page, nextCursor: offset + limit < all.length ? String(offset + limit) : null });
      }
      case "POST /api/messaging/contacts/:id/messages": {
        const body = (calls.at(-1)?.body ?? {}) as { body: string };
        const message: MessageDto = {
          id: crypto.randomUUID(),
          contactId: id,
          direction: "outbound",
          kind: "chat",
          body: body.body,
          preview: body.body.slice(0, 80),
          authorName: "Alice Anders",
          createdAt: new Date().toISOString(),
        };
        (options.messages ??= {})[id] = [...(options.messages[id] ?? []), message];
        delete counts[id];
        return json(201, { message });
      }
      case "POST /api/messaging/contacts/:id/read":
        delete counts[id];
        return new Response(null, { status: 204 });
      case "POST /api/messaging/contacts/:id/unread":
        counts[id] = Math.max(1, counts[id] ?? 0);
        return new Response(null, { status: 204 });
      // The stored history is left as it is: a page fetched around the delete
      // may still carry the message, as a real one read just before would.
      case "DELETE /api/messaging/messages/:id":
        return new Response(null, { status: 204 });
      case "POST /api/messaging/read-all":
        for (const item of Object.keys(counts)) delete counts[item];
        return new Response(null, { status: 204 });
      default:
        return json(404, { error: { code: "not_found", message: "No such route in the fake server." } });
    }
  }

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), "http://localhost");
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: url.pathname, query: url.searchParams, body, keepalive: Boolean(init?.keepalive) });
    await gates.get(keyOf(method, url.pathname));
    return route(method, url.pathname, url.searchParams);
  };

  return {
    /** The server's contacts (mutable: push one to make it exist only on the server). */
    contacts: options.contacts,
    counts,
    calls,
    fetch,
    api: createBadgerApi({ fetch }),
    /** A new inbound message on the "server": counted like the real counting rule would. */
    receive(message: { contactId: string; direction: string; kind: string }) {
      if (message.direction === "inbound" && message.kind !== "system") counts[message.contactId] = (counts[message.contactId] ?? 0) + 1;
    },
    /** Holds requests to `key` until the returned release() is called. */
    hold(key: string) {
      let release = () => {};
      gates.set(key, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        gates.delete(key);
        release();
      };
    },
    /** The next `times` calls to e.g. "POST /api/messaging/contacts/:id/read" fail with this answer. */
    fail(key: string, failure: Omit<Failure, "times"> & { times?: number }) {
      failures.set(key, { times: 1, ...failure });
    },
    callsTo(method: string, pathPattern: RegExp) {
      return calls.filter((call) => call.method === method && pathPattern.test(call.path));
    },
  };
}

export type FakeServer = ReturnType<typeof createFakeServer>;
