// The one typed client for the browser UI and the tests. Response types are
// the routes' own (lib/shared/api-types.ts), so a contract change breaks the
// build of every caller.
import "client-only";
import type { ApiErrorBody } from "@/lib/api/api-error";
import { MAX_CONTACT_IDS_PER_GET } from "@/lib/shared/contact-id-limits";
import type {
  ContactListResponse,
  InboundEndpointListResponse,
  InboundEndpointSecretResponse,
  MessageListResponse,
  OrganizationsUnreadResponse,
  SendMessageResponse,
  UnreadCountsResponse,
} from "@/lib/shared/api-types";

export class BadgerApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = "BadgerApiError";
  }
}

export type ReadCursor = { upToMessageId: string } | { lastReadAt: string } | undefined;

type Options = {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Sent as X-Socket-Id so the server does not echo this tab's own events back to it. */
  socketId?: () => string | null | undefined;
  headers?: () => Record<string, string>;
};

export function createBadgerApi(options: Options = {}) {
  const baseUrl = options.baseUrl ?? "";
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request(path: string, init: RequestInit & { keepalive?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const socketId = options.socketId?.();
    if (socketId) headers.set("X-Socket-Id", socketId);
    for (const [name, value] of Object.entries(options.headers?.() ?? {})) headers.set(name, value);
    if (init.body !== undefined) headers.set("Content-Type", "application/json");
    const response = await doFetch(`${baseUrl}${path}`, { ...init, headers, credentials: "same-origin" });
    if (!response.ok) throw await toError(response);
    return response;
  }

  async function json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await request(path, init)).json() as Promise<T>;
  }

  return {
    /** GET while the ids fit a URL everywhere, POST (up to 1,000) beyond. */
    unreadCounts(contactIds: string[]) {
      if (contactIds.length > MAX_CONTACT_IDS_PER_GET) {
        return json<UnreadCountsResponse>("/api/messaging/unread-counts", {
          method: "POST",
          body: JSON.stringify({ contactIds }),
        });
      }
      const query = encodeURIComponent(contactIds.join(","));
      return json<UnreadCountsResponse>(`/api/messaging/unread-counts?contact_ids=${query}`);
    },
    contacts(params: { filter?: "all" | "unread"; limit?: number; cursor?: string | null } = {}) {
      const search = new URLSearchParams();
      if (params.filter) search.set("filter", params.filter);
      if (params.limit) search.set("limit", String(params.limit));
      if (params.cursor) search.set("cursor", params.cursor);
      return json<ContactListResponse>(`/api/messaging/contacts?${search}`);
    },
    messages(contactId: string, params: { before?: string | null; limit?: number } = {}) {
      const search = new URLSearchParams();
      if (params.before) search.set("before", params.before);
      if (params.limit) search.set("limit", String(params.limit));
      return json<MessageListResponse>(`/api/messaging/contacts/${contactId}/messages?${search}`);
    },
    async markRead(contactId: string, cursor?: ReadCursor, init: { keepalive?: boolean } = {}) {
      await request(`/api/messaging/contacts/${contactId}/read`, {
        method: "POST",
        body: cursor ? JSON.stringify(cursor) : undefined,
        keepalive: init.keepalive,
      });
    },
    async markUnread(contactId: string) {
      await request(`/api/messaging/contacts/${contactId}/unread`, { method: "POST" });
    },
    /** The caller's other organizations' unread state (the switcher), after a reconnect. */
    organizationsUnread() {
      return json<OrganizationsUnreadResponse>("/api/messaging/organizations/unread");
    },
    /** Mute (true) or unmute (false) a conversation for this member; 204 either way. */
    async setMuted(contactId: string, muted: boolean) {
      await request(`/api/messaging/contacts/${contactId}/mute`, { method: muted ? "POST" : "DELETE" });
    },
    async markAllRead() {
      await request(`/api/messaging/read-all`, { method: "POST" });
    },
    sendMessage(contactId: string, body: string) {
      return json<SendMessageResponse>(`/api/messaging/contacts/${contactId}/messages`, {
        method: "POST",
        body: JSON.stringify({ body }),
      });
    },
    async deleteMessage(messageId: string) {
      await request(`/api/messaging/messages/${messageId}`, { method: "DELETE" });
    },
    inboundEndpoints() {
      return json<InboundEndpointListResponse>("/api/settings/inbound-endpoints");
    },
    createInboundEndpoint(name: string) {
      return json<InboundEndpointSecretResponse>("/api/settings/inbound-endpoints", {
        method: "POST",
        body: JSON.stringify({ name }),
      });
    },
    rotateInboundEndpoint(endpointId: string, overlapMinutes?: number) {
      return json<InboundEndpointSecretResponse>(`/api/settings/inbound-endpoints/${endpointId}/rotate`, {
        method: "POST",
        body: JSON.stringify(overlapMinutes === undefined ? {} : { overlapMinutes }),
      });
    },
    async revokeInboundEndpoint(endpointId: string) {
      await request(`/api/settings/inbound-endpoints/${endpointId}`, { method: "DELETE" });
    },
  };
}

export type BadgerApi = ReturnType<typeof createBadgerApi>;

async function toError(response: Response): Promise<BadgerApiError> {
  const retryAfter = response.headers.get("retry-after");
  let code = "http_error";
  let message = `Request failed with status ${response.status}.`;
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body.error) ({ code, message } = body.error);
  } catch {
    // Not our JSON (a proxy or a network error page): keep the generic message.
  }
  return new BadgerApiError(response.status, code, message, retryAfter ? Number(retryAfter) : null);
}
