// Every API request gets a request id (echoed in X-Request-Id) and ends in
// one log line with its route pattern, organization and outcome.
import { randomUUID } from "node:crypto";
import { setLogLevel } from "@/lib/observability/logger";
import { captureLogOutput } from "../support/capture-log";
import { createOrganization } from "../support/fixtures";
import { getTestPrisma } from "../support/test-database";
import { callRoute, cookieFor } from "../reliability/support/call-route";

const db = getTestPrisma();

afterEach(() => {
  vi.restoreAllMocks();
  setLogLevel("warn");
});

function linesOf(text: string) {
  return text.split("\n").filter(Boolean);
}

describe("request log", () => {
  it("a request id per request, echoed, and one line with route pattern, organization and outcome", async () => {
    const org = await createOrganization(db, { members: { agent: "agent" }, contacts: 1 });
    const cookie = await cookieFor(org.users.agent.id, org.organizationId);
    setLogLevel("info");
    const output = captureLogOutput();

    const ok = await callRoute({ route: "/api/messaging/contacts", method: "GET", cookie });
    const missing = await callRoute({
      route: "/api/messaging/contacts/[contactId]/messages",
      method: "GET",
      params: { contactId: randomUUID() },
      cookie,
    });

    const [okId, missingId] = [ok.headers.get("x-request-id"), missing.headers.get("x-request-id")];
    expect(okId).toMatch(/^[0-9a-f-]{36}$/);
    expect(missingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(okId).not.toBe(missingId);

    const lines = linesOf(output.text());
    const okLine = lines.find((line) => line.includes(`requestId=${okId}`) && line.includes("request completed"));
    expect(okLine).toContain("route=/api/messaging/contacts ");
    expect(okLine).toContain(`organizationId=${org.organizationId}`);
    expect(okLine).toContain("status=200");
    const missingLine = lines.find((line) => line.includes(`requestId=${missingId}`) && line.includes("request completed"));
    // the pattern, not the path: ids stay out of the route name
    expect(missingLine).toContain("route=/api/messaging/contacts/:id/messages ");
    expect(missingLine).toContain("status=404 code=not_found");
  });

  it("keeps a caller's plain request id, and replaces one that is not a plain token", async () => {
    const kept = await callRoute({ route: "/api/messaging/contacts", method: "GET", headers: { "x-request-id": "provider-abc-12345" } });
    expect(kept.status).toBe(401);
    expect(kept.headers.get("x-request-id")).toBe("provider-abc-12345");
    const replaced = await callRoute({ route: "/api/messaging/contacts", method: "GET", headers: { "x-request-id": "<script>alert(1)</script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
