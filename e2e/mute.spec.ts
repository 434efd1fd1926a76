// Issue 14, item 3: mute a conversation. The grey badge keeps the exact
// count; no toast; out of the header total and the title; synced to the
// member's other tab through the user channel; toggled from the row menu and
// the conversation header.
import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { unreadCount, unreadCounts } from "./support/api";
import { contactIdByName, sendInbound } from "./support/stack";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("alice") });

test("a muted conversation counts in grey, raises no toast, leaves the totals and follows to the other tab", async ({ page }) => {
  const muted = await contactIdByName("Rahul Mehta");
  const barrier = await contactIdByName("Hannah Goldberg");
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  const other = new InboxPage(await page.context().newPage());
  await other.goto();
  await other.waitForRealtime();

  const totalBefore = Number((await inbox.unreadTotal.textContent())?.match(/\d+/)?.[0] ?? 0);
  const before = await unreadCount(page.request, muted);
  await inbox.toggleMuteFromRow(muted, "mute");
  await inbox.expectMuted(muted, true);
  await inbox.expectTotal(totalBefore - before);
  // The other tab learns it from the user channel, with no reload.
  await other.expectMuted(muted, true);
  await other.expectTotal(totalBefore - before);

  await sendInbound({ contactId: muted, body: "Muted: counted, but quietly" });
  await sendInbound({ contactId: barrier, body: "Not muted: this one toasts" });
  // Barrier: the later message's toast is up, so the muted one's would be too.
  await expect(inbox.toast(barrier)).toBeVisible();
  await expect(inbox.toast(muted)).toHaveCount(0);
  await inbox.expectUnread(muted, before + 1);
  await inbox.expectMuted(muted, true);
  // A screen reader hears it in the row's name.
  await expect(inbox.rowButton(muted)).toHaveAccessibleName(/, muted$/);
  const barrierCount = (await unreadCounts(page.request, [barrier]))[barrier];
  await inbox.expectUnread(barrier, barrierCount);

  // The API says so too, and unmuting from the conversation header brings the count back into the total.
  const states = (await (await page.request.get(`/api/messaging/unread-counts?contact_ids=${muted}`)).json()) as {
    states: Record<string, { muted: boolean }>;
  };
  expect(states.states[muted].muted).toBe(true);
  await inbox.open(muted);
  await expect(page.getByTestId("thread-muted")).toBeVisible();
  await inbox.toggleMuteFromHeader("unmute");
  await expect(page.getByTestId("thread-muted")).toHaveCount(0);
  await other.expectMuted(muted, false);
  await other.expectUnread(muted, 0);
  await other.page.close();
});
