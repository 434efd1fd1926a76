// Issue 13, item 6: the production build's Content-Security-Policy lets the
// browser open a WebSocket to the configured realtime server only, not to any
// port on localhost.
import { expect, test } from "@playwright/test";
import { stackInfo } from "./support/stack";

test("the production CSP names the configured realtime server and no localhost wildcard", async ({ request }) => {
  const response = await request.get("/login");
  const csp = response.headers()["content-security-policy"] ?? "";
  const connect = csp.split(";").map((part) => part.trim()).find((part) => part.startsWith("connect-src")) ?? "";
  expect(connect.split(/\s+/).slice(1)).toEqual(["'self'", `ws://127.0.0.1:${stackInfo().pusherPort}`]);
  expect(csp).not.toContain("'unsafe-eval'");
});
