// Issue 15, item 3: what a screen reader hears, read from the accessibility
// tree and the live regions: each change once, badges never one by one.
import { expect, test, type Page } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { unreadCounts } from "./support/api";
import { contactIdByName, sendInbound } from "./support/stack";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("alice") });

const unreadPhrase = (count: number) => (count === 1 ? "1 unread message" : `${count} unread messages`);

/** Every text a live region took from now on (a MutationObserver in the page), to count announcements. */
async function recordTexts(page: Page, testId: string) {
  await page.evaluate((id) => {
    const region = document.querySelector(`[data-testid="${id}"]`)!;
    const seen: string[] = [];
    (window as unknown as Record<string, string[]>)[`e2eTexts-${id}`] = seen;
    new MutationObserver(() => {
      const text = region.textContent?.trim() ?? "";
      if (text && text !== seen.at(-1)) seen.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  }, testId);
  return () => page.evaluate((id) => (window as unknown as Record<string, string[]>)[`e2eTexts-${id}`], testId);
}

test("the sidebar is a labelled navigation list whose rows are named with their unread counts", async ({ page }) => {
  const inbox = new InboxPage(page);
  await inbox.goto();
  const navigation = page.getByRole("navigation", { name: "Conversations" });
  await expect(navigation).toBeVisible();
  const list = navigation.getByRole("list", { name: "Conversations" });
  const rows = await inbox.rows();
  await expect(list.getByRole("listitem")).toHaveCount(rows.length);
  const counts = await unreadCounts(page.request, rows.map((row) => row.id));
  const withBadge = rows.find((row) => (counts[row.id] ?? 0) > 0)!;
  const without = rows.find((row) => !counts[row.id])!;
  const name = async (id: string) => (await inbox.row(id).getAttribute("data-contact-name")) ?? "";
  await expect(inbox.rowButton(withBadge.id)).toHaveAccessibleName(`${await name(withBadge.id)}, ${unreadPhrase(counts[withBadge.id])}`);
  await expect(inbox.rowButton(without.id)).toHaveAccessibleName(await name(without.id));
  // The preview and time are the row's description, not part of its name.
  await expect(inbox.rowButton(withBadge.id)).toHaveAccessibleDescription(/.+/);
  await expect(navigation).toMatchAriaSnapshot(`
    - navigation "Conversations":
      - heading "Inbox" [level=1]
      - tablist "Filter conversations":
        - tab "All" [selected]
        - tab "Unread"
      - list "Conversations":
        - listitem:
          - button
  `);
});

test("the sidebar total is announced politely once when it changes, never badge by badge", async ({ page }) => {
  const names = ["Mateo Silva", "Marcus Lee", "Beatriz Costa"];
  const ids = await Promise.all(names.map(contactIdByName));
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  const announcer = page.getByTestId("unread-total-announcer");
  await expect(announcer).toHaveAttribute("aria-live", "polite");
  // Nothing is read out on load: the total is only news when it changes.
  await expect(announcer).toHaveText("");
  // No badge or row is a live region of its own.
  await expect(inbox.contactList.locator("[aria-live], [role=status], [role=alert], [role=log]")).toHaveCount(0);
  const texts = await recordTexts(page, "unread-total-announcer");
  const before = Object.values(await unreadCounts(page.request, (await inbox.rows()).map((row) => row.id))).reduce((a, b) => a + b, 0);

  await Promise.all(ids.map((contactId, index) => sendInbound({ contactId, body: `Question ${index + 1}: do you ship to Norway?` })));
  await inbox.expectTotal(before + 3);
  await expect(announcer).toHaveText(`${unreadPhrase(before + 3)} in the inbox`);
  expect(await texts()).toEqual([`${unreadPhrase(before + 3)} in the inbox`]);
});

test("a new message in the open conversation is announced once, with who wrote it; a toast is announced with its contact's name", async ({
  page,
}) => {
  const openId = await contactIdByName("Maria González");
  const toastId = await contactIdByName("Chloé Dubois");
  const inbox = new InboxPage(page);
  await inbox.goto(openId);
  await inbox.waitForRealtime();
  const announcer = page.getByTestId("thread-announcer");
  await expect(announcer).toHaveAttribute("aria-live", "polite");
  await expect(announcer).toHaveText("");
  // The thread itself is not live: opening it or loading older pages reads nothing out.
  await expect(inbox.thread).not.toHaveAttribute("aria-live", /polite|assertive/);
  const texts = await recordTexts(page, "thread-announcer");

  const body = "Thanks! And could the delivery come before noon?";
  await sendInbound({ contactId: openId, body });
  await expect(inbox.thread.getByText(body)).toBeVisible();
  await expect(announcer).toHaveText(`Maria González: ${body}`);

  // A toast for another conversation: in sonner's polite live region, with the name.
  await sendInbound({ contactId: toastId, body: "Is the velvet armchair available in green?" });
  const toast = inbox.toast(toastId);
  await expect(toast).toBeVisible();
  await expect(page.locator('section[aria-live="polite"]').getByTestId(`message-toast-${toastId}`)).toContainText("Chloé Dubois");
  await expect(toast).toContainText("Is the velvet armchair available in green?");
  expect(await texts()).toEqual([`Maria González: ${body}`]);
});
