import type { Page } from "@playwright/test";

/**
 * The browser has blocked notifications for the site: Playwright can grant a
 * permission but not deny one, so the page sees Notification.permission as
 * "denied", the value a person's "Block" leaves behind. Before any navigation.
 */
export async function blockNotifications(page: Page) {
  await page.addInitScript(() => {
    Object.defineProperty(Notification, "permission", { get: () => "denied" });
    Notification.requestPermission = async () => "denied";
  });
}
