// Scenarios 3, 4, 8 and 9: inbound messages reaching alice's open inbox.
import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { unreadCount, unreadCounts } from "./support/api";
import { contactIdByName, query, sendInbound, setRealtimeServer } from "./support/stack";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("alice") });

/** The time left until `deadline` (ms since epoch), for expectations that must hold within a bound. */
const until = (deadline: number) => Math.max(1, deadline - Date.now());

test("3. an inbound message for another contact shows a blue toast with an 80-character preview and raises the badge by one", async ({
  page,
}) => {
  const contactId = await contactIdByName("Sofia Rossi");
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  const before = await unreadCount(page.request, contactId);
  await inbox.expectUnread(contactId, before);

  const body =
    "Hi! The Linden bookcase arrived today but two of the shelf pins are missing, and the back panel is scratched along the left edge.";
  expect(body.length).toBeGreaterThan(80);
  const deadline = Date.now() + 2_000;
  await sendInbound({ contactId, body });

  const toast = inbox.toast(contactId);
  await expect(toast).toBeVisible({ timeout: until(deadline) });
  await inbox.expectUnread(contactId, before + 1, { timeout: until(deadline) });
  await expect(toast).toHaveAttribute("data-type", "info");
  await expect(toast.locator("[data-title]")).toHaveText("Sofia Rossi");
  await expect(toast.locator("[data-description]")).toHaveText(body.slice(0, 80));
  // Blue: sonner's rich info colours (blue text on a light blue background).
  const [red, green, blue] = (await toast.evaluate((element) => getComputedStyle(element).color)).match(/\d+/g)!.map(Number);
  expect(blue).toBeGreaterThan(red + 60);
  expect(blue).toBeGreaterThan(green);
  expect(await unreadCount(page.request, contactId)).toBe(before + 1);

  const markRead = inbox.waitForMarkRead(contactId);
  await toast.locator("[data-title]").click();
  await inbox.expectActive(contactId);
  await expect(inbox.threadHeader).toContainText("Sofia Rossi");
  await expect(toast).toHaveCount(0);
  await inbox.expectUnread(contactId, 0);
  expect((await markRead).status()).toBe(204);
});

test("4. an inbound message for the open conversation appears in the thread, with no toast and no badge, and stays read", async ({
  page,
}) => {
  const contactId = await contactIdByName("Mei-Ling Chen");
  const otherId = await contactIdByName("Noah Schmidt");
  // Unread before it is opened, so opening it sends a read right away.
  await sendInbound({ contactId, body: "Hello, I have a question about my order." });
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  const opened = inbox.waitForMarkRead(contactId);
  await inbox.open(contactId);
  await inbox.expectActive(contactId);
  expect((await opened).status()).toBe(204);

  const debounced = inbox.waitForMarkRead(contactId, { timeout: 20_000 });
  const sentAt = Date.now();
  const { id } = await sendInbound({ contactId, body: "Just checking you got the photos of the wobbly table leg?" });
  const message = inbox.message(id);
  await expect(message).toBeVisible();
  await expect(message).toHaveAttribute("data-direction", "inbound");
  await expect(message).toContainText("wobbly table leg");

  // A message for another contact does toast: by the time it shows, one for
  // the open conversation would have shown too.
  await sendInbound({ contactId: otherId, body: "Quick question about the warranty on my desk chair." });
  await expect(inbox.toast(otherId)).toBeVisible();
  await expect(inbox.toast(contactId)).toHaveCount(0);
  await inbox.expectUnread(contactId, 0);
  // Not counted anywhere: the header total and the title leave it out.
  const ids = (await inbox.rows()).map((row) => row.id);
  const others = await unreadCounts(page.request, ids.filter((other) => other !== contactId));
  await inbox.expectTotal(Object.values(others).reduce((total, count) => total + count, 0));

  // The read is debounced (5 s, trailing) and names the newest message seen.
  const response = await debounced;
  expect(response.status()).toBe(204);
  expect(Date.now() - sentAt).toBeGreaterThanOrEqual(5_000);
  expect(response.request().postDataJSON()).toEqual({ upToMessageId: id });

  await inbox.goto();
  await inbox.expectUnread(contactId, 0);
  expect(await unreadCount(page.request, contactId)).toBe(0);
});

test("8. after a realtime outage, badges catch up with messages missed meanwhile, without a reload", async ({ page }) => {
  test.setTimeout(120_000);
  const contactIds = await Promise.all(["Hannah Goldberg", "Yusuf Demir", "Zainab Hussain"].map(contactIdByName));
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  const before = await unreadCounts(page.request, contactIds);
  for (const id of contactIds) await inbox.expectUnread(id, before[id] ?? 0);

  const sent = [2, 1, 1]; // messages per contact while the connection is down
  let stopped = false;
  try {
    await setRealtimeServer("stop");
    stopped = true;
    await expect(inbox.root).not.toHaveAttribute("data-realtime", "subscribed");
    for (const [index, contactId] of contactIds.entries()) {
      for (let n = 0; n < sent[index]; n += 1) {
        await sendInbound({ contactId, body: `Message ${n + 1} sent while you were offline.` });
      }
    }
    const during = await unreadCounts(page.request, contactIds);
    contactIds.forEach((id, index) => expect(during[id] ?? 0).toBe((before[id] ?? 0) + sent[index]));
    // Nothing reached the page: its badges are stale until it resyncs.
    for (const id of contactIds) expect(await inbox.shownUnread(id)).toBe(before[id] ?? 0);

    await setRealtimeServer("start");
    stopped = false;
  } finally {
    if (stopped) await setRealtimeServer("start");
  }

  // pusher-js retries on its own schedule (up to ~15 s after a restart).
  await inbox.waitForRealtime(45_000);
  for (const [index, id] of contactIds.entries()) {
    await inbox.expectUnread(id, (before[id] ?? 0) + sent[index], { timeout: 45_000 });
  }
  await expect(inbox.connectionBanner).toHaveCount(0);
  expect(page.url()).toMatch(/\/inbox$/);
});

test("9. a webhook retried with the same externalId does not double the badge", async ({ page }) => {
  const contactId = await contactIdByName("Patrick Byrne");
  const otherId = await contactIdByName("Sipho Dlamini");
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  const before = await unreadCount(page.request, contactId);
  await inbox.expectUnread(contactId, before);

  const delivery = { contactId, body: "Can I change the fabric on my order to the charcoal weave?", externalId: `sms-${Date.now()}` };
  const first = await sendInbound(delivery);
  expect(first.status).toBe(201);
  await inbox.expectUnread(contactId, before + 1);
  const retry = await sendInbound(delivery);
  expect(retry).toEqual({ status: 200, id: first.id });

  // Another contact's message, sent after the retry, arrives: anything the
  // retry caused would have arrived before it.
  await sendInbound({ contactId: otherId, body: "Thanks for the quick delivery!" });
  await expect(inbox.toast(otherId)).toBeVisible();
  await inbox.expectUnread(contactId, before + 1);
  expect(await unreadCount(page.request, contactId)).toBe(before + 1);
  const stored = await query<{ n: number }>("SELECT count(*)::int AS n FROM message WHERE external_id = $1", [delivery.externalId]);
  expect(stored[0].n).toBe(1);

  await inbox.goto();
  await inbox.expectUnread(contactId, before + 1);
});
