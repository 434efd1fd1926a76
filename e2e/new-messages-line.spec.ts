// Issue 14, item 1: the "New messages" line, in the real browser.
import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { unreadCount } from "./support/api";
import { contactIdByName, sendInbound } from "./support/stack";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("alice") });

test("the line marks the first new message, loads back to it, stays put, jumps back, and goes with Esc", async ({ page }) => {
  const contactId = await contactIdByName("Ingrid Johansson");
  const elsewhere = await contactIdByName("Yusuf Demir");
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  // Start from a read conversation.
  if ((await unreadCount(page.request, contactId)) > 0) {
    const read = inbox.waitForMarkRead(contactId);
    await inbox.open(contactId);
    await read;
    await inbox.open(elsewhere);
  }

  // 35 new messages: the first of them is above the first page (30) of the thread.
  const sent: string[] = [];
  for (let index = 0; index < 35; index += 1) sent.push((await sendInbound({ contactId, body: `Backlog message ${index + 1}` })).id);
  await inbox.expectUnread(contactId, 35);

  await inbox.open(contactId);
  const line = page.getByTestId("new-messages-line");
  await expect(line).toHaveAccessibleName("35 new messages");
  await expect(line).toBeInViewport();
  await expect(line.locator("xpath=following-sibling::*[1]")).toHaveAttribute("data-testid", `message-${sent[0]}`);

  // A message arriving while the conversation is open is read silently and does not move the line.
  const late = await sendInbound({ contactId, body: "Arrived while open" });
  await expect(inbox.message(late.id)).toBeAttached();
  await expect(line.locator("xpath=following-sibling::*[1]")).toHaveAttribute("data-testid", `message-${sent[0]}`);
  await expect(line).toHaveAccessibleName("35 new messages");

  // Scrolled away from it: the pill brings it back.
  const pill = page.getByTestId("jump-to-new");
  await expect(pill).toHaveCount(0);
  await inbox.thread.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(pill).toBeVisible();
  await expect(pill).toHaveAttribute("data-direction", "above");
  await pill.click();
  await expect(line).toBeInViewport();
  await expect(pill).toHaveCount(0);

  await page.keyboard.press("Escape");
  await expect(line).toHaveCount(0);

  // Mark as unread puts it back where the read position now is: above the newest message.
  await page.getByTestId("thread-menu").click();
  await page.getByTestId("thread-mark-unread").click();
  await inbox.expectUnread(contactId, 1);
  await inbox.open(contactId);
  await expect(line).toHaveAccessibleName("1 new message");
  await expect(line.locator("xpath=following-sibling::*[1]")).toHaveAttribute("data-testid", `message-${late.id}`);
  // Leaving the conversation takes it away.
  await inbox.open(elsewhere);
  await expect(line).toHaveCount(0);
});
