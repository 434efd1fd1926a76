// Issue 16: badges counted from the events themselves. Requests are counted
// in the browser (every unread-counts request a page sends).
import { expect, test, type Page } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { unreadCount } from "./support/api";
import { connectionOpenedBy, countRequestsOf, injectFault } from "./support/realtime-control";
import { contactIdByName, organizationIdBySlug, sendInbound } from "./support/stack";
import { pageAs, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("alice") });

/** Opens the inbox and returns once its first resync (after subscribing) has answered: counting starts after it. */
async function openInbox(page: Page) {
  const resynced = Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === "/api/messaging/unread-counts"),
    page.waitForResponse((response) => response.url().includes("/api/messaging/contacts?filter=unread")),
  ]);
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  await resynced;
  return { inbox, requests: countRequestsOf(page) };
}

/** openInbox, plus the page's own connection on the local Pusher server (to fault its events). */
async function openWatchedInbox(page: Page) {
  const channel = `private-org-${await organizationIdBySlug("acme")}`;
  let opened!: Awaited<ReturnType<typeof openInbox>>;
  const socketId = await connectionOpenedBy(channel, async () => {
    opened = await openInbox(page);
  });
  return { ...opened, socketId };
}

test("many tabs of two members receive inbound messages and send no count request", async ({ page, browser }) => {
  const contacts = [await contactIdByName("Kenji Watanabe"), await contactIdByName("Aisha Bello")];
  const bobFirst = await pageAs(browser, "bob");
  const pages = [page, ...(await Promise.all([1, 2, 3].map(() => page.context().newPage()))), bobFirst, await bobFirst.context().newPage()];
  const tabs = [];
  for (const tab of pages) tabs.push(await openInbox(tab));

  for (let index = 0; index < 6; index += 1) await sendInbound({ contactId: contacts[index % 2], body: `Fan-out ${index}` });

  // The barrier: every tab shows the server's count for both contacts.
  for (const [index, { inbox }] of tabs.entries()) {
    for (const contactId of contacts) await inbox.expectUnread(contactId, await unreadCount(pages[index].request, contactId));
  }
  expect(tabs.map(({ requests }) => requests.ids)).toEqual(tabs.map(() => []));
  await bobFirst.context().close();
});

test("a dropped message.new heals with exactly one request, for that contact only", async ({ page }) => {
  const contactId = await contactIdByName("Priya Raman");
  const { inbox, requests, socketId } = await openWatchedInbox(page);
  const before = await unreadCount(page.request, contactId);
  await inbox.expectUnread(contactId, before);

  await injectFault({ socketId, event: "message.new", action: "drop" });
  await sendInbound({ contactId, body: "This one never reaches the tab" });
  await sendInbound({ contactId, body: "This one shows the gap" });
  await inbox.expectUnread(contactId, before + 2);
  expect(requests.ids).toEqual([[contactId]]);

  // Barrier: a later message arrives and is counted locally; still that one request.
  await sendInbound({ contactId, body: "And this one is counted locally" });
  await inbox.expectUnread(contactId, before + 3);
  expect(requests.ids).toEqual([[contactId]]);
});

test("a reordered pair of message.new is applied in order, with no request", async ({ page }) => {
  const contactId = await contactIdByName("Tomás Herrera");
  const { inbox, requests, socketId } = await openWatchedInbox(page);
  const before = await unreadCount(page.request, contactId);

  await injectFault({ socketId, event: "message.new", action: "reorder" });
  await sendInbound({ contactId, body: "First, held back" });
  await sendInbound({ contactId, body: "Second, overtakes the first" });
  await inbox.expectUnread(contactId, before + 2);
  await sendInbound({ contactId, body: "Third, the barrier" });
  await inbox.expectUnread(contactId, before + 3);
  expect(requests.ids).toEqual([]);
  expect(await unreadCount(page.request, contactId)).toBe(before + 3);
});
