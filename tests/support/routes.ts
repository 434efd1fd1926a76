// Every API route, with a loader for its module: used to dispatch requests in
// process and by the authorization matrix. A test checks this list against
// app/api so a new route cannot be forgotten.
type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", unknown>>;

export type RouteEntry = { pattern: string; load: () => Promise<RouteModule> };

export const API_ROUTES: RouteEntry[] = [
  { pattern: "/api/messaging/unread-counts", load: () => import("@/app/api/messaging/unread-counts/route") },
  { pattern: "/api/messaging/contacts", load: () => import("@/app/api/messaging/contacts/route") },
  {
    pattern: "/api/messaging/contacts/[contactId]/read",
    load: () => import("@/app/api/messaging/contacts/[contactId]/read/route"),
  },
  {
    pattern: "/api/messaging/contacts/[contactId]/unread",
    load: () => import("@/app/api/messaging/contacts/[contactId]/unread/route"),
  },
  {
    pattern: "/api/messaging/contacts/[contactId]/mute",
    load: () => import("@/app/api/messaging/contacts/[contactId]/mute/route"),
  },
  {
    pattern: "/api/messaging/contacts/[contactId]/messages",
    load: () => import("@/app/api/messaging/contacts/[contactId]/messages/route"),
  },
  {
    pattern: "/api/messaging/organizations/unread",
    load: () => import("@/app/api/messaging/organizations/unread/route"),
  },
  { pattern: "/api/messaging/read-all", load: () => import("@/app/api/messaging/read-all/route") },
  {
    pattern: "/api/messaging/messages/[messageId]",
    load: () => import("@/app/api/messaging/messages/[messageId]/route"),
  },
  {
    pattern: "/api/webhooks/inbound/[endpointId]",
    load: () => import("@/app/api/webhooks/inbound/[endpointId]/route"),
  },
  { pattern: "/api/settings/inbound-endpoints", load: () => import("@/app/api/settings/inbound-endpoints/route") },
  {
    pattern: "/api/settings/inbound-endpoints/[endpointId]",
    load: () => import("@/app/api/settings/inbound-endpoints/[endpointId]/route"),
  },
  {
    pattern: "/api/settings/inbound-endpoints/[endpointId]/rotate",
    load: () => import("@/app/api/settings/inbound-endpoints/[endpointId]/rotate/route"),
  },
  { pattern: "/api/pusher/auth", load: () => import("@/app/api/pusher/auth/route") },
];

export function matchRoute(pathname: string): { entry: RouteEntry; params: Record<string, string> } | undefined {
  for (const entry of API_ROUTES) {
    const names: string[] = [];
    const regex = new RegExp(
      `^${entry.pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      })}$`,
    );
    const match = regex.exec(pathname);
    if (match) {
      return { entry, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])])) };
    }
  }
  return undefined;
}
