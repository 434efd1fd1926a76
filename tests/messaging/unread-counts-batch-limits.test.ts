// Issue 13, item 5: the documented GET limit fits in any URL limit, larger
// batches go through POST {"contactIds":[…]} with the same answer and rules.
import { randomUUID } from "node:crypto";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { createBadgerApi } from "@/lib/client/badger-api";
import { addMessages, createOrganization, type OrgFixture } from "../support/fixtures";
import { apiAs, inProcessFetch, TEST_ORIGIN } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();
const PATH = "/api/messaging/unread-counts";
const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** The status a stock Node HTTP server (default 16 KB header limit) gives a GET of `path`. */
async function nodeStatusFor(path: string): Promise<number> {
  const server = createServer((_req, res) => res.writeHead(200).end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) => {
      httpRequest({ host: "127.0.0.1", port, path }, (res) => resolve(res.statusCode ?? 0)).on("error", reject).end();
    });
  } finally {
    server.close();
  }
}

describe("unread-counts batch limits", () => {
  let org: OrgFixture;
  let other: OrgFixture;

  beforeAll(async () => {
    org = await createOrganization(db, { members: { bob: "agent", vera: "viewer" }, contacts: 3 });
    other = await createOrganization(db, { members: { dave: "agent" }, contacts: 1 });
    await addMessages(db, org.organizationId, [{ contactId: org.contactIds[0] }, { contactId: org.contactIds[0] }, { contactId: org.contactIds[1] }]);
    await addMessages(db, other.organizationId, [{ contactId: other.contactIds[0] }]);
  });
  const bob = () => apiAs({ userId: org.users.bob.id, organizationId: org.organizationId });

  it("a GET of the maximum 200 ids is under 8 KB, so no proxy or server refuses its URL", async () => {
    const ids = Array.from({ length: 200 }, () => randomUUID());
    const url = `${PATH}?contact_ids=${encodeURIComponent(ids.join(","))}`;
    expect(url.length).toBeLessThan(8 * 1024);
    expect(await nodeStatusFor(url)).toBe(200);
  });

  it("above 200 ids, GET is a 400 JSON error that points at POST", async () => {
    const { fetch } = await bob();
    const ids = Array.from({ length: 201 }, () => randomUUID());
    const response = await fetch(`${PATH}?contact_ids=${ids.join(",")}`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toContain("POST");
  });

  it("POST takes up to 1,000 ids and answers exactly like GET", async () => {
    const { fetch } = await bob();
    const ids = [...org.contactIds, other.contactIds[0], ...Array.from({ length: 996 }, () => randomUUID())];
    expect(ids).toHaveLength(1000);
    const posted = await fetch(PATH, post({ contactIds: ids }));
    expect(posted.status).toBe(200);
    const got = await fetch(`${PATH}?contact_ids=${[...org.contactIds, other.contactIds[0]].join(",")}`);
    const answer = await got.json();
    expect(answer.counts).toEqual({ [org.contactIds[0]]: 2, [org.contactIds[1]]: 1 });
    // Another organization's contact is absent from both, never leaked.
    expect(Object.keys(answer.states).sort()).toEqual([...org.contactIds].sort());
    expect(await posted.json()).toEqual(answer);
    const tooMany = await fetch(PATH, post({ contactIds: [...ids, randomUUID()] }));
    expect(tooMany.status).toBe(400);
    // duplicates do not count toward the limit
    expect((await fetch(PATH, post({ contactIds: [...ids, ...ids.slice(0, 500)] }))).status).toBe(200);
  });

  it.each([
    ["a malformed id", { contactIds: [randomUUID(), "not-a-uuid"] }],
    ["a number", { contactIds: [42] }],
    ["no list", {}],
    ["an unexpected field", { contactIds: [], userId: randomUUID() }],
  ])("POST 400s %s, like GET", async (_label, body) => {
    const { fetch } = await bob();
    const response = await fetch(PATH, post(body));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("bad_request");
  });

  it("POST has GET's authorization: 401 signed out, 403 for a viewer, 403 cross-site", async () => {
    expect((await inProcessFetch()(PATH, post({ contactIds: [org.contactIds[0]] }))).status).toBe(401);
    const vera = await apiAs({ userId: org.users.vera.id, organizationId: org.organizationId });
    expect((await vera.fetch(PATH, post({ contactIds: [org.contactIds[0]] }))).status).toBe(403);
    const { fetch } = await bob();
    const crossSite = await fetch(PATH, post({ contactIds: [org.contactIds[0]] }, { origin: "https://evil.example" }));
    expect(crossSite.status).toBe(403);
    expect((await fetch(PATH, post({ contactIds: [org.contactIds[0]] }, { origin: TEST_ORIGIN }))).status).toBe(200);
  });

  it("the typed client sends GET up to 200 ids and POST beyond", async () => {
    const { cookie } = await bob();
    const methods: string[] = [];
    const recording: typeof fetch = (input, init) => {
      methods.push(init?.method ?? "GET");
      return inProcessFetch(cookie)(input, init);
    };
    const api = createBadgerApi({ fetch: recording });
    const many = [org.contactIds[0], ...Array.from({ length: 400 }, () => randomUUID())];
    expect((await api.unreadCounts(many.slice(0, 200))).counts).toEqual({ [org.contactIds[0]]: 2 });
    expect((await api.unreadCounts(many)).counts).toEqual({ [org.contactIds[0]]: 2 });
    expect(methods).toEqual(["GET", "POST"]);
  });
});
