// An in-memory stand-in for the messaging API behind a fake `fetch`, so the
// real BadgerApi client (createBadgerApi({ fetch })) and the real UI code run
// unchanged. It records every call and can be told to fail.
import type { ContactSummary } from "@/lib/messaging/contact-list";
import type { ContactCountState } from "@/lib/messaging/counted-state";
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
    muted: false,
    countState: { version: unread(index), total: unread(index), readThrough: 0, lastReadAt: new Date(start - 3_600_000).toISOString(), muted: false },
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
  // The read model in miniature: per contact a counted total and version, and
  // this user's readThrough (unread = total − readThrough).
  const states = new Map<string, ContactCountState>(options.contacts.map((contact) => [contact.id, { ...contact.countState }]));
  const stateOf = (id: string) => {
    let state = states.get(id);
    if (!state) states.set(id, (state = { version: 0, total: 0, readThrough: 0, lastReadAt: null, muted: false }));
    return state;
  };
  const unreadOf = (id: string) => {
    const state = states.get(id);
    return state ? state.total - state.readThrough : 0;
  };
  /**
   * Unread counts as a plain-looking record. Setting one is a change on the
   * "server" that no event announced (a new version); deleting one reads it.
   */
  const counts = new Proxy({} as Record<string, number>, {
    get: (_, id: string) => (unreadOf(id) > 0 ? unreadOf(id) : undefined),
    set(_, id: string, value: number) {
      const state = stateOf(id);
      state.version += 1;
      state.total = state.readThrough + value;
      return true;
    },
    deleteProperty(_, id: string) {
      const state = stateOf(id);
      state.readThrough = state.total;
      return true;
    },
    has: (_, id: string) => unreadOf(id) > 0,
    ownKeys: () => [...states.keys()].filter((id) => unreadOf(id) > 0),
    getOwnPropertyDescriptor: (_, id: string) =>
      unreadOf(id) > 0 ? { value: unreadOf(id), enumerable: true, configurable: true, writable: true } : undefined,
  });
  const snapshot = (ids: string[]) => Object.fromEntries(ids.filter((id) => states.has(id)).map((id) => [id, { ...states.get(id)! }]));
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
        return json(200, {
          counts: Object.fromEntries(ids.filter((item) => counts[item] > 0).map((item) => [item, counts[item]])),
          states: snapshot(ids),
        });
      }
      case "GET /api/messaging/contacts": {
        const list = query.get("filter") === "unread" ? options.contacts.filter((contact) => counts[contact.id] > 0) : options.contacts;
        return json(200, {
          contacts: list.map((contact) => ({
            ...contact,
            unreadCount: counts[contact.id] ?? 0,
            muted: stateOf(contact.id).muted,
            countState: { ...stateOf(contact.id) },
          })),
          nextCursor: null,
        });
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
      case "POST /api/messaging/contacts/:id/mute":
      case "DELETE /api/messaging/contacts/:id/mute":
        stateOf(id).muted = method === "POST";
        return new Response(null, { status: 204 });
      case "POST /api/messaging/contacts/:id/unread":
        stateOf(id).readThrough = stateOf(id).total - Math.max(1, counts[id] ?? 0);
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

  function change(contactId: string, delta: -1 | 0 | 1, createdAt: string) {
    const state = stateOf(contactId);
    if (delta !== 0) {
      state.version += 1;
      state.total += delta;
      // The triggers' rule: a change at or before the read position moves the readThrough too.
      if (state.lastReadAt && Date.parse(createdAt) <= Date.parse(state.lastReadAt)) state.readThrough += delta;
    }
    return { countedTotal: state.total, countedVersion: state.version, countedChange: delta };
  }

  function readEventOf(contactId: string) {
    const state = stateOf(contactId);
    return {
      contactId,
      lastReadAt: state.lastReadAt ?? new Date(0).toISOString(),
      unreadCount: state.total - state.readThrough,
      readThrough: state.readThrough,
      countedTotal: state.total,
      countedVersion: state.version,
    };
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
    states,
    /**
     * A new inbound message on the "server", counted like the real counting
     * rule would; returns the counted fields its message.new event carries.
     */
    receive(message: { contactId: string; direction: string; kind: string; createdAt: string }) {
      return change(message.contactId, message.direction === "inbound" && message.kind !== "system" ? 1 : 0, message.createdAt);
    },
    /** A message removed on the "server"; the fields of its message.removed event. */
    remove(contactId: string, createdAt: string, counted = true) {
      return change(contactId, counted ? -1 : 0, createdAt);
    },
    /** This user read a contact up to `lastReadAt` on the "server": the fields of its conversation.read event. */
    read(contactId: string, lastReadAt: string) {
      const state = stateOf(contactId);
      state.readThrough = state.total;
      state.lastReadAt = lastReadAt;
      return readEventOf(contactId);
    },
    /** Mark-unread on the "server": one message unread again. */
    unread(contactId: string, lastReadAt: string) {
      const state = stateOf(contactId);
      state.readThrough = Math.max(0, state.total - 1);
      state.lastReadAt = lastReadAt;
      return readEventOf(contactId);
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
