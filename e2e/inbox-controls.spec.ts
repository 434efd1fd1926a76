// Scenarios 10 and 12: the sidebar's controls and the keyboard.
import { expect, test } from "@playwright/test";
import { InboxPage, type RowState } from "./pages/inbox-page";
import { unreadContactIds, unreadCount, unreadCounts } from "./support/api";
import { contactIdByName, sendInbound } from "./support/stack";
import { storageStateOf } from "./support/users";

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, count) => total + count, 0);

test.describe("as bob", () => {
  // Mark all read clears every badge of its user: bob's, so that alice's
  // seeded mix stays for the other scenarios whatever the order.
  test.use({ storageState: storageStateOf("bob") });

  test("10. mark as unread, mark all read, the Unread filter, and the total in the document title", async ({ page }) => {
    const contactId = await contactIdByName("Camille Laurent");
    await sendInbound({ contactId, body: "Could someone call me back about the mattress trial?" });
    const inbox = new InboxPage(page);
    await inbox.goto();
    await inbox.waitForRealtime();
    const ids = (await inbox.rows()).map((row) => row.id);
    const counts = await unreadCounts(page.request, ids);
    const total = sum(counts);
    expect(counts[contactId]).toBeGreaterThan(0);
    await inbox.expectTotal(total);

    // The Unread filter lists exactly the conversations with unread messages.
    const unreadIds = await unreadContactIds(page.request);
    expect([...unreadIds].sort()).toEqual(ids.filter((id) => (counts[id] ?? 0) > 0).sort());
    await inbox.unreadFilter.click();
    await expect(inbox.unreadFilter).toHaveAttribute("aria-selected", "true");
    await expect.poll(async () => (await inbox.rows()).map((row) => row.id).sort()).toEqual([...unreadIds].sort());
    await inbox.allFilter.click();
    await expect.poll(async () => (await inbox.rows()).length).toBe(ids.length);

    // Reading a conversation lowers the total; marking it unread raises it again.
    const read = inbox.waitForMarkRead(contactId);
    await inbox.open(contactId);
    expect((await read).status()).toBe(204);
    await inbox.expectTotal(total - counts[contactId]);

    const markedUnread = page.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().endsWith(`/api/messaging/contacts/${contactId}/unread`),
    );
    await inbox.markUnread(contactId);
    expect((await markedUnread).status()).toBe(204);
    const afterUnread = await unreadCount(page.request, contactId);
    expect(afterUnread).toBeGreaterThanOrEqual(1);
    await expect(page).toHaveURL(/\/inbox$/);
    await inbox.expectUnread(contactId, afterUnread);
    await inbox.expectTotal(total - counts[contactId] + afterUnread);
    await inbox.unreadFilter.click();
    await expect(inbox.row(contactId)).toBeVisible();
    await inbox.allFilter.click();

    // Mark all read: every badge, the total and the title's count go.
    const readAll = page.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().endsWith("/api/messaging/read-all"),
    );
    await inbox.markAllReadButton.click();
    expect((await readAll).status()).toBe(204);
    await expect(page.locator('[data-testid^="unread-badge-"]')).toHaveCount(0);
    await inbox.expectTotal(0);
    await expect(inbox.markAllReadButton).toBeDisabled();
    expect(await unreadCounts(page.request, ids)).toEqual({});
    await inbox.unreadFilter.click();
    await expect(inbox.emptyList).toBeVisible();
    await expect(inbox.emptyList).toContainText("You're all caught up");

    await inbox.goto();
    await expect(inbox.row(contactId)).toBeVisible();
    await expect(page.locator('[data-testid^="unread-badge-"]')).toHaveCount(0);
    await inbox.expectTotal(0);
  });
});

test.describe("as alice", () => {
  test.use({ storageState: storageStateOf("alice") });

  /** The conversation Alt+Arrow should open: the next one with a badge in sidebar order, wrapping around. */
  function nextUnread(rows: RowState[], active: string, direction: 1 | -1): string | null {
    const start = rows.findIndex((row) => row.id === active);
    for (let step = 1; step < rows.length; step += 1) {
      const row = rows[(((start + direction * step) % rows.length) + rows.length) % rows.length];
      if (row.count > 0) return row.id;
    }
    return null;
  }

  test("12. Alt+ArrowDown jumps to the next unread conversation (and Alt+ArrowUp to the previous)", async ({ page }) => {
    const startId = await contactIdByName("Liam O'Connor");
    for (const name of ["Ingrid Johansson", "Rahul Mehta"]) {
      await sendInbound({ contactId: await contactIdByName(name), body: "Hello, is anyone there?" });
    }
    const inbox = new InboxPage(page);
    await inbox.goto(startId);
    await inbox.waitForRealtime();
    await inbox.expectActive(startId);

    let active = startId;
    for (const [key, direction] of [
      ["Alt+ArrowDown", 1],
      ["Alt+ArrowDown", 1],
      ["Alt+ArrowUp", -1],
    ] as const) {
      const rows = await inbox.rows();
      const expected = nextUnread(rows, active, direction);
      expect(expected, "an unread conversation to jump to").not.toBeNull();
      await page.keyboard.press(key);
      await inbox.expectActive(expected!);
      await inbox.expectUnread(expected!, 0);
      active = expected!;
    }
  });

  test("a conversation opened by its link (a reload, a bookmark) is marked read on the server, not only on screen", async ({ page }) => {
    const contactId = await contactIdByName("Camille Laurent");
    await sendInbound({ contactId, body: "Opened from a bookmark: is my order on its way?" });
    expect(await unreadCount(page.request, contactId)).toBeGreaterThan(0);
    const inbox = new InboxPage(page);
    const read = inbox.waitForMarkRead(contactId);
    await inbox.goto(contactId);
    expect((await read).status()).toBe(204);
    expect(await unreadCount(page.request, contactId)).toBe(0);
  });
});
