// Issue 14, item 5: toasts that cover nothing interactive (desktop and
// phone), at most three at once, and one summary for a burst of messages.
import { expect, test, type Page } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { contactIdByName, sendInbound } from "./support/stack";
import { storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("alice") });

/**
 * Every visible control (buttons, links, fields, tabs) outside the toaster
 * whose box intersects a visible toast. Invisible ones (opacity 0, such as a
 * bubble's hover-only Delete) are not in the way of anyone.
 */
async function controlsUnderToasts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const toasts = [...document.querySelectorAll<HTMLElement>("[data-sonner-toast][data-visible=true]")].map((toast) => toast.getBoundingClientRect());
    const shown = (element: Element) => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) return false;
      }
      return true;
    };
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return [...document.querySelectorAll<HTMLElement>("button, a[href], input, textarea, select, [role=tab], [role=menuitem]")]
      .filter((element) => !element.closest("[data-sonner-toaster]") && shown(element))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && toasts.some((toast) => overlaps(toast, box));
      })
      .map((element) => element.getAttribute("data-testid") ?? element.getAttribute("aria-label") ?? element.textContent?.trim() ?? element.tagName);
  });
}

async function toastOverAnOpenConversation(page: Page, open: string, sender: string) {
  const inbox = new InboxPage(page);
  await inbox.goto(open);
  await inbox.waitForRealtime();
  await expect(page.getByTestId("composer")).toBeVisible();
  await sendInbound({ contactId: sender, body: "Where should the toast go? Somewhere it hides nothing I need to click." });
  const toast = inbox.toast(sender);
  await expect(toast).toBeVisible();
  // sonner marks it mounted to start its entrance transition; measured before
  // that transition ends, the toast is still sliding up over the reply box.
  await expect(toast).toHaveAttribute("data-mounted", "true");
  await toast.evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished.catch(() => undefined))));
  await expect.poll(() => controlsUnderToasts(page)).toEqual([]);
  return toast;
}

test("on a desktop a toast sits bottom right above the reply box, over no control", async ({ page }) => {
  const toast = await toastOverAnOpenConversation(page, await contactIdByName("Darnell Washington"), await contactIdByName("Maria González"));
  const box = (await toast.boundingBox())!;
  const composer = (await page.getByTestId("composer").boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(composer.y);
  expect(box.x + box.width).toBeGreaterThan(page.viewportSize()!.width / 2);
});

test("on a phone a toast sits above the reply box, over no control", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: storageStateOf("alice"),
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const toast = await toastOverAnOpenConversation(page, await contactIdByName("Darnell Washington"), await contactIdByName("Noah Schmidt"));
  const box = (await toast.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual((await page.getByTestId("composer").boundingBox())!.y);
  expect(box.y).toBeGreaterThan((await page.getByTestId("thread-header").boundingBox())!.y + 64);
  await context.close();
});

test("ten messages at once make one summary toast, never more than three toasts", async ({ page }) => {
  const names = ["Mateo Silva", "Zainab Hussain", "Aroha Ngata", "Fatima Al-Sayed"];
  const contacts = await Promise.all(names.map((name) => contactIdByName(name)));
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  // Count the toasts the page ever shows at once (sonner keeps capped ones in
  // the DOM with data-visible=false, and removed ones while they fade out).
  await page.evaluate(() => {
    const record = window as unknown as { maxToasts: number };
    record.maxToasts = 0;
    new MutationObserver(() => {
      record.maxToasts = Math.max(record.maxToasts, document.querySelectorAll("[data-sonner-toast][data-visible=true]:not([data-removed=true])").length);
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  for (let index = 0; index < 10; index += 1) await sendInbound({ contactId: contacts[index % 4], body: `Burst message ${index + 1}` });

  const summary = page.getByTestId("message-summary");
  await expect(summary.locator("[data-title]")).toHaveText("10 new messages from 4 conversations");
  await expect(summary.locator("[data-description]")).toHaveText("Newest from Zainab Hussain");
  for (const contactId of contacts) await expect(inbox.toast(contactId)).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { maxToasts: number }).maxToasts)).toBeLessThanOrEqual(3);
  // "Open newest" opens the conversation the last message came from.
  await summary.getByRole("button", { name: "Open newest" }).click();
  await inbox.expectActive(contacts[9 % 4]);
});
