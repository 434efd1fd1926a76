// Scenarios 5, 6 and 7: several people, and several tabs of one person.
import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { unreadCount } from "./support/api";
import { contactIdByName, sendInbound } from "./support/stack";
import { pageAs, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("alice") });

test("5. alice reading a conversation leaves bob's badge for it alone", async ({ page, browser }) => {
  const contactId = await contactIdByName("Diego Fernández");
  await sendInbound({ contactId, body: "Is the outdoor set still on sale this weekend?" });
  const bobPage = await pageAs(browser, "bob");
  try {
    const alice = new InboxPage(page);
    const bob = new InboxPage(bobPage);
    await Promise.all([alice.goto(), bob.goto()]);
    await Promise.all([alice.waitForRealtime(), bob.waitForRealtime()]);
    const bobBefore = await unreadCount(bobPage.request, contactId);
    expect(bobBefore).toBeGreaterThan(0);
    await bob.expectUnread(contactId, bobBefore);
    await alice.expectUnread(contactId, await unreadCount(page.request, contactId));

    const read = alice.waitForMarkRead(contactId);
    await alice.open(contactId);
    expect((await read).status()).toBe(204);
    await alice.expectUnread(contactId, 0);
    expect(await unreadCount(page.request, contactId)).toBe(0);

    // Bob's open inbox, his counts on the server, and his next page load all keep the badge.
    await bob.expectUnread(contactId, bobBefore);
    expect(await unreadCount(bobPage.request, contactId)).toBe(bobBefore);
    await bob.goto();
    await bob.expectUnread(contactId, bobBefore);
  } finally {
    await bobPage.context().close();
  }
});

test("6. reading in one tab clears the badge in alice's other tab without a reload", async ({ page, context }) => {
  const contactId = await contactIdByName("Eleni Papadopoulou");
  await sendInbound({ contactId, body: "Do you deliver to the islands? I'm on Naxos for the summer." });
  const tab1 = new InboxPage(page);
  const tab2 = new InboxPage(await context.newPage());
  await tab1.goto();
  await tab2.goto();
  await Promise.all([tab1.waitForRealtime(), tab2.waitForRealtime()]);
  const before = await unreadCount(page.request, contactId);
  expect(before).toBeGreaterThan(0);
  await tab2.expectUnread(contactId, before);
  await tab1.expectUnread(contactId, before);

  const read = tab1.waitForMarkRead(contactId);
  await tab1.open(contactId);
  expect((await read).status()).toBe(204);
  await tab2.expectUnread(contactId, 0);
  await expect(tab2.page).toHaveURL(/\/inbox$/);
  await expect(tab2.row(contactId)).toHaveAttribute("data-active", "false");
});

test("7. an admin deleting an unread message lowers the badge in another member's open inbox", async ({ page, browser }) => {
  const contactId = await contactIdByName("Grace Kim");
  const bobPage = await pageAs(browser, "bob");
  try {
    const bob = new InboxPage(bobPage);
    await bob.goto();
    await bob.waitForRealtime();
    const before = await unreadCount(bobPage.request, contactId);
    await bob.expectUnread(contactId, before);
    const { id } = await sendInbound({ contactId, body: "Please ignore my last message, wrong number!" });
    await bob.expectUnread(contactId, before + 1);

    // alice (admin) deletes it: two clicks, the second one confirms.
    const alice = new InboxPage(page);
    await alice.goto(contactId);
    const message = alice.message(id);
    await expect(message).toBeVisible();
    const remove = page.getByTestId(`delete-${id}`);
    await message.hover();
    await remove.click();
    await expect(remove).toHaveText("Confirm delete");
    const deleted = page.waitForResponse(
      (response) => response.request().method() === "DELETE" && response.url().endsWith(`/api/messaging/messages/${id}`),
    );
    await remove.click();
    expect((await deleted).status()).toBe(204);
    await expect(message).toHaveCount(0);

    await bob.expectUnread(contactId, before);
    expect(await unreadCount(bobPage.request, contactId)).toBe(before);
  } finally {
    await bobPage.context().close();
  }
});
