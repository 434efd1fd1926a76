// Scenario 11 and the cross-organization API check: who may see what.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { unreadCounts } from "./support/api";
import { contactIdByName, organizationIdBySlug, query, sendInbound, stackInfo } from "./support/stack";
import { pageAs, storageStateOf } from "./support/users";

const requireFromHere = createRequire(import.meta.url);

type SubscriptionOutcome = { subscribed: true } | { subscribed: false; status: number | null };

/**
 * A real pusher-js (the browser build of the package the app uses) in the
 * page, with the page's cookies, subscribing through the app's auth endpoint
 * the way the inbox does. Kept on window so later events can be inspected.
 */
async function subscribeWithPusherJs(page: Page, channels: string[]): Promise<Record<string, SubscriptionOutcome>> {
  await page.addScriptTag({ content: readFileSync(requireFromHere.resolve("pusher-js/dist/web/pusher.min.js"), "utf8") });
  const { pusherPort, pusherKey } = stackInfo();
  return page.evaluate(
    async ({ port, key, names }) => {
      type Channel = { bind(event: string, handler: (data: unknown) => void): void; bind_global(handler: (event: string) => void): void };
      type PusherLike = { subscribe(name: string): Channel };
      const scope = window as unknown as {
        Pusher: new (key: string, options: Record<string, unknown>) => PusherLike;
        e2eEvents: Record<string, string[]>;
      };
      const pusher = new scope.Pusher(key, {
        cluster: "mt1",
        wsHost: "127.0.0.1",
        wsPort: port,
        forceTLS: false,
        enabledTransports: ["ws"],
        disableStats: true,
        channelAuthorization: { endpoint: "/api/pusher/auth", transport: "ajax" },
      });
      scope.e2eEvents = {};
      const outcomes = await Promise.all(
        names.map(
          (name) =>
            new Promise<[string, SubscriptionOutcome]>((resolve) => {
              const channel = pusher.subscribe(name);
              scope.e2eEvents[name] = [];
              channel.bind_global((event) => {
                if (!event.startsWith("pusher")) scope.e2eEvents[name].push(event);
              });
              channel.bind("pusher:subscription_succeeded", () => resolve([name, { subscribed: true }]));
              channel.bind("pusher:subscription_error", (error) =>
                resolve([name, { subscribed: false, status: (error as { status?: number }).status ?? null }]),
              );
            }),
        ),
      );
      return Object.fromEntries(outcomes);
    },
    { port: pusherPort, key: pusherKey, names: channels },
  );
}

test.use({ storageState: storageStateOf("alice") });

test("11. a viewer gets the no-access page, another organization's contact is a 404, and a Globex agent never hears Acme", async ({
  page,
  browser,
}) => {
  const acmeContact = await contactIdByName("Olga Petrova");
  const globexContact = await contactIdByName("Amara Nwosu");
  const globexBarrier = await contactIdByName("Lucía Navarro");
  const acmeId = await organizationIdBySlug("acme");
  const globexId = await organizationIdBySlug("globex");

  // vera (viewer): a clear page, not a broken inbox, on the list and on a deep link.
  const veraPage = await pageAs(browser, "vera");
  try {
    for (const path of ["/inbox", `/inbox/${acmeContact}`]) {
      const response = await veraPage.goto(path);
      expect(response?.status()).toBe(200);
      await expect(veraPage.getByTestId("no-access")).toBeVisible();
      await expect(veraPage.getByRole("heading", { name: "No access to the inbox" })).toBeVisible();
      await expect(veraPage.getByTestId("inbox")).toHaveCount(0);
    }
    expect((await veraPage.request.get("/api/messaging/contacts")).status()).toBe(403);
  } finally {
    await veraPage.context().close();
  }

  // alice: a Globex contact's URL is the 404 page, exactly like one that does not exist.
  for (const id of [globexContact, "00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(`/inbox/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.getByTestId("inbox")).toHaveCount(0);
  }

  // dave (Globex agent): Acme's channel is refused to him, and no Acme event reaches his inbox.
  const davePage = await pageAs(browser, "dave");
  try {
    const dave = new InboxPage(davePage);
    await dave.goto();
    await dave.waitForRealtime();
    const auth = (channel: string) =>
      davePage.request.post("/api/pusher/auth", { form: { socket_id: "1234.5678", channel_name: channel } });
    expect((await auth(`private-org-${acmeId}`)).status()).toBe(403);
    expect((await auth(`private-org-${globexId}`)).status()).toBe(200);

    const outcomes = await subscribeWithPusherJs(davePage, [`private-org-${acmeId}`, `private-org-${globexId}`]);
    expect(outcomes[`private-org-${acmeId}`]).toEqual({ subscribed: false, status: 403 });
    expect(outcomes[`private-org-${globexId}`]).toEqual({ subscribed: true });

    await sendInbound({ contactId: acmeContact, body: "Hello Acme, this is for Acme's team only." });
    await sendInbound({ contactId: globexBarrier, body: "Hello Globex team!" });
    // The Globex message, sent second, arrives: the Acme one would have arrived before it.
    await expect(dave.toast(globexBarrier)).toBeVisible();
    await expect.poll(() => davePage.evaluate(() => (window as unknown as { e2eEvents: Record<string, string[]> }).e2eEvents)).toEqual({
      [`private-org-${acmeId}`]: [],
      [`private-org-${globexId}`]: ["message.new"],
    });
    await expect(dave.toast(acmeContact)).toHaveCount(0);
    await expect(dave.row(acmeContact)).toHaveCount(0);
    await expect(davePage.getByText("Acme's team only")).toHaveCount(0);
  } finally {
    await davePage.context().close();
  }
});

test("cross-organization API: alice gets the same 404 for a Globex contact as for one that does not exist", async ({ page }) => {
  const globexContact = await contactIdByName("Wei Zhang");
  const missing = "00000000-0000-4000-8000-000000000000";
  const [globexMessage] = await query<{ id: string }>("SELECT id FROM message WHERE contact_id = $1 AND deleted_at IS NULL LIMIT 1", [
    globexContact,
  ]);

  for (const [method, path] of [
    ["GET", (id: string) => `/api/messaging/contacts/${id}/messages`],
    ["POST", (id: string) => `/api/messaging/contacts/${id}/read`],
    ["POST", (id: string) => `/api/messaging/contacts/${id}/unread`],
  ] as const) {
    const elsewhere = await page.request.fetch(path(globexContact), { method });
    const nowhere = await page.request.fetch(path(missing), { method });
    expect(elsewhere.status(), `${method} ${path(":id")}`).toBe(404);
    expect(nowhere.status()).toBe(404);
    expect(await elsewhere.json()).toEqual(await nowhere.json());
  }
  const deleted = await page.request.delete(`/api/messaging/messages/${globexMessage.id}`);
  expect(deleted.status()).toBe(404);
  expect(await unreadCounts(page.request, [globexContact])).toEqual({});
  // And dave's message is untouched.
  const [row] = await query<{ deleted_at: Date | null }>("SELECT deleted_at FROM message WHERE id = $1", [globexMessage.id]);
  expect(row.deleted_at).toBeNull();
});
