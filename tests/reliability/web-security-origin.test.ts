// Mutating routes accept only same-origin browser requests (the signed
// webhook aside, whose signature is its authentication), on the real code path.
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { API_ROUTES } from "../support/routes";
import { getTestPrisma } from "../support/test-database";
import { deliverInbound, endpointOf } from "../support/webhook";
import { METHODS, SAME_ORIGIN_HEADERS, callRoute, cookieFor, expectJsonError, readResponse, type Method } from "./support/call-route";
import { withRealtimeServer } from "./support/realtime-server";
import { snapshotOrganizations } from "./support/snapshot";

const db = getTestPrisma();
withRealtimeServer();

describe("mutating routes accept only same-origin requests", () => {
  let org: OrgFixture;
  let cookie: string;
  let messageId: string;
  let endpointId: string;

  beforeAll(async () => {
    org = await createOrganization(db, { members: { admin: "admin" }, contacts: 1 });
    endpointId = (await endpointOf(org.organizationId)).id;
    [messageId] = await addMessages(db, org.organizationId, [{ contactId: org.contactIds[0], createdAt: minutesAgo(5) }]);
    cookie = await cookieFor(org.users.admin.id, org.organizationId);
  });

  const CROSS_SITE: Record<string, Record<string, string>> = {
    "another site's Origin": { origin: "https://evil.example" },
    "another site's Origin and Sec-Fetch-Site": { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    "Sec-Fetch-Site: cross-site alone": { "sec-fetch-site": "cross-site" },
    "a sibling port on the same host": { origin: "http://localhost:3001", "sec-fetch-site": "same-site" },
    "an opaque Origin (sandboxed iframe, data: URL)": { origin: "null" },
  };

  /** A request that would succeed for this route and method, origin aside. */
  function validRequest(route: string, method: Method): { params?: Record<string, string>; headers?: Record<string, string>; body?: string } {
    const contactId = org.contactIds[0];
    switch (`${method} ${route}`) {
      case "POST /api/messaging/contacts/[contactId]/messages":
        return { params: { contactId }, headers: { "content-type": "application/json" }, body: JSON.stringify({ body: "hi" }) };
      case "POST /api/pusher/auth":
        return {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `socket_id=1.2&channel_name=private-org-${org.organizationId}`,
        };
      case "POST /api/settings/inbound-endpoints":
        return { headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "cross-site" }) };
      case "POST /api/messaging/unread-counts":
        return { headers: { "content-type": "application/json" }, body: JSON.stringify({ contactIds: [contactId] }) };
      default:
        return { params: { contactId, messageId, endpointId } };
    }
  }

  const mutatingMethods = METHODS.filter((method) => method !== "GET");
  const cases = API_ROUTES.flatMap((route) => mutatingMethods.map((method) => [route.pattern, method] as const)).filter(
    ([route]) => route !== "/api/webhooks/inbound/[endpointId]",
  );

  it.each(cases)("%s %s: refused cross-site (403, or 405 where the method does not exist), nothing written", async (route, method) => {
    const before = await snapshotOrganizations(db, [org.organizationId]);
    for (const [label, headers] of Object.entries(CROSS_SITE)) {
      const request = validRequest(route, method);
      const response = await readResponse(
        await callRoute({ route, method, cookie, ...request, headers: { ...request.headers, ...headers } }),
      );
      expect([403, 405], `${label}: ${response.text}`).toContain(response.status);
      expectJsonError(response, label);
      if (response.status === 403) expect(JSON.parse(response.text).error.message).toMatch(/cross-origin/i);
    }
    expect(await snapshotOrganizations(db, [org.organizationId])).toEqual(before);
  });

  it("the same request from the app's own origin succeeds (and so does one without Origin: not a browser, no ambient cookies)", async () => {
    for (const headers of [SAME_ORIGIN_HEADERS, {}]) {
      const read = await callRoute({
        route: "/api/messaging/contacts/[contactId]/read",
        method: "POST",
        params: { contactId: org.contactIds[0] },
        headers,
        cookie,
      });
      expect(read.status).toBe(204);
      const auth = await callRoute({
        route: "/api/pusher/auth",
        method: "POST",
        ...validRequest("/api/pusher/auth", "POST"),
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        cookie,
      });
      expect(auth.status).toBe(200);
    }
  });

  it("behind a proxy, the forwarded host is the origin the browser saw", async () => {
    const headers = { origin: "https://badger.example", "x-forwarded-host": "badger.example" };
    const allowed = await callRoute({ route: "/api/messaging/read-all", method: "POST", headers, cookie });
    expect(allowed.status).toBe(204);
    const refused = await callRoute({
      route: "/api/messaging/read-all",
      method: "POST",
      headers: { origin: "https://evil.example", "x-forwarded-host": "badger.example" },
      cookie,
    });
    expect(refused.status).toBe(403);
  });

  it("the signed webhook is exempt: a provider is not a browser, its signature is the authentication", async () => {
    const response = await callRoute({
      route: "/api/webhooks/inbound/[endpointId]",
      method: "POST",
      params: { endpointId },
      headers: { origin: "https://provider.example", "sec-fetch-site": "cross-site" },
      body: "{}",
    });
    expect(response.status).toBe(401); // refused for its signature, not for its origin
    const signed = await deliverInbound({ contactId: org.contactIds[0], body: "from the provider" });
    expect(signed.status).toBe(201);
  });
});
