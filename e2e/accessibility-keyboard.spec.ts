// Issue 15, item 2: one whole session with the keyboard alone, the focus
// visible at every stop. Mark all read runs as bob (e2e/README.md); switching
// organization as Olivia, the member of two.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../dev/demo/demo-accounts";
import { InboxPage } from "./pages/inbox-page";
import { LoginPage } from "./pages/login-page";
import { expectVisibleFocus, tabTo } from "./support/keyboard";
import { blockNotifications } from "./support/notification-permission";
import { reviewScreenshot } from "./support/review-screenshot";
import { contactIdByName, organizationIdBySlug, sendInbound } from "./support/stack";
import { EMAIL, storageStateOf } from "./support/users";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("keyboard only: sign in, sidebar, open, reply, menus, mark unread, skip link, filter, mark all read", async ({ page }) => {
    const contactId = await contactIdByName("Darnell Washington");
    // Newest conversation first: Darnell heads bob's list, with a badge.
    await sendInbound({ contactId, body: "Hi, can someone confirm my delivery slot for Thursday?" });

    const login = new LoginPage(page);
    await login.goto();
    await tabTo(page, page.getByLabel("Email"));
    await page.keyboard.type(EMAIL.bob);
    await tabTo(page, page.getByLabel("Password"));
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/inbox$/);
    const inbox = new InboxPage(page);
    await expect(inbox.root).toBeVisible();
    await inbox.waitForRealtime();

    // The first stop is the skip link, visible when focused.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
    await expectVisibleFocus(page, "skip link");
    await reviewScreenshot(page, "a11y-skip-link");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();

    // Through the sidebar: Tab reaches the list, arrows move between rows.
    const [first, second] = (await inbox.rows()).map((row) => row.id);
    expect(first).toBe(contactId);
    await tabTo(page, inbox.rowButton(first));
    await page.keyboard.press("ArrowDown");
    await expect(inbox.rowButton(second)).toBeFocused();
    await expectVisibleFocus(page, "ArrowDown in the list");
    await reviewScreenshot(page, "a11y-row-focus");
    await page.keyboard.press("ArrowUp");
    await expect(inbox.rowButton(first)).toBeFocused();

    // Enter opens the conversation and puts the focus on its thread.
    await page.keyboard.press("Enter");
    await inbox.expectActive(contactId);
    await expect(inbox.thread).toBeFocused();
    await expectVisibleFocus(page, "conversation opened");
    await reviewScreenshot(page, "a11y-thread-focus");

    // Reply.
    await tabTo(page, page.getByTestId("composer-input"));
    const reply = `On its way, Thursday 9-12 (${Date.now()})`;
    await page.keyboard.type(reply);
    await page.keyboard.press("Enter");
    await expect(inbox.thread.getByText(reply)).toBeVisible();
    await expect(inbox.thread.locator('[data-direction="outbound"]').filter({ hasText: reply })).toHaveAttribute("data-status", "sent");

    // The thread's menu: Escape closes it and gives the focus back to its button.
    const menuButton = page.getByTestId("thread-menu");
    await tabTo(page, menuButton, { backwards: true });
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menu")).toBeVisible();
    await expect(page.getByRole("menuitem", { name: "Mark as unread" })).toBeFocused();
    await expectVisibleFocus(page, "menu opened");
    await reviewScreenshot(page, "a11y-menu-focus");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toHaveCount(0);
    await expect(menuButton).toBeFocused();

    // Mark as unread closes the conversation; the focus returns to its row.
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/inbox$/);
    await expect.poll(() => inbox.shownUnread(contactId)).toBeGreaterThan(0);
    await expect(inbox.rowButton(contactId)).toBeFocused();
    await expectVisibleFocus(page, "conversation closed");

    // The skip link of an open conversation goes to its thread.
    await page.keyboard.press("Enter");
    await inbox.expectActive(contactId);
    await page.reload();
    await expect(inbox.conversation).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to conversation" })).toBeFocused();
    await expectVisibleFocus(page, "skip link, conversation open");
    await page.keyboard.press("Enter");
    await expect(inbox.thread).toBeFocused();

    // The Unread filter, and back to All.
    await inbox.goto();
    await inbox.waitForRealtime();
    await tabTo(page, inbox.unreadFilter);
    await page.keyboard.press("Space");
    await expect(inbox.unreadFilter).toHaveAttribute("aria-selected", "true");
    // Darnell's conversation was read when it was opened again: not unread any more.
    await expect(inbox.row(contactId)).toHaveCount(0);
    await tabTo(page, inbox.allFilter, { backwards: true });
    await page.keyboard.press("Enter");
    await expect(inbox.allFilter).toHaveAttribute("aria-selected", "true");
    await expect(inbox.row(contactId)).toBeVisible();

    // Mark all read.
    await tabTo(page, inbox.markAllReadButton, { backwards: true });
    await page.keyboard.press("Enter");
    await expect(page.locator('[data-testid^="unread-badge-"]')).toHaveCount(0);
    await inbox.expectTotal(0);
  });
});

test.describe("phone", () => {
  test.use({ storageState: storageStateOf("bob"), viewport: { width: 390, height: 844 } });

  test("keyboard only on a phone: the focus goes to the thread when a conversation opens, and back to its row when it closes", async ({
    page,
  }) => {
    const contactId = await contactIdByName("Aroha Ngata");
    const inbox = new InboxPage(page);
    await inbox.goto();
    await tabTo(page, inbox.rowButton(contactId), { max: 80 });
    await page.keyboard.press("Enter");
    await inbox.expectActive(contactId);
    await expect(inbox.sidebar).toBeHidden();
    await expect(inbox.thread).toBeFocused();
    await expectVisibleFocus(page, "conversation opened");

    await tabTo(page, page.getByTestId("thread-back"), { backwards: true });
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(inbox.conversation).toHaveCount(0);
    await expect(inbox.rowButton(contactId)).toBeFocused();
    await expectVisibleFocus(page, "conversation closed");
    await reviewScreenshot(page, "a11y-phone-row-focus-after-back");
  });
});

test.describe("member of two organizations", () => {
  test.use({ storageState: storageStateOf("olivia") });

  test("keyboard only: switch organization from the switcher's menu, and back; arrows alone switch nothing", async ({ page }) => {
    const inbox = new InboxPage(page);
    await inbox.goto();
    // Hydrated first: a menu opened before React attached its handler opens nothing.
    await inbox.waitForRealtime();
    const switcher = inbox.organizationSwitcher;
    const [acme, globex] = [await organizationIdBySlug("acme"), await organizationIdBySlug("globex")];
    const start = await inbox.activeOrganization();
    const other = start === acme ? globex : acme;
    // A switch is a session update (POST /api/auth/session) before the reload.
    let sessionUpdates = 0;
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/auth/session") sessionUpdates += 1;
    });

    // Enter on the organization in use closes the menu, the focus back on its button.
    await tabTo(page, switcher);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menuitemradio", { checked: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menu", { name: "Switch organization" })).toBeHidden();
    await expect(switcher).toBeFocused();

    for (const target of [other, start]) {
      // Still on the button the first time round; after a switch's reload, Tab to it.
      if (!(await switcher.evaluate((element) => element === document.activeElement))) await tabTo(page, switcher);
      await page.keyboard.press("Enter");
      // The menu opens on the organization in use, checked.
      const menu = page.getByRole("menu", { name: "Switch organization" });
      await expect(menu).toBeVisible();
      await expect(menu.getByRole("menuitemradio", { checked: true })).toBeFocused();
      await expectVisibleFocus(page, "organization menu opened");
      // Moving through the menu changes nothing; Escape closes it on the button.
      await page.keyboard.press("ArrowDown");
      await expect(page.getByTestId(`org-option-${target}`)).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(menu).toBeHidden();
      await expect(switcher).toBeFocused();
      expect(sessionUpdates, "arrows and Escape switch nothing").toBe(0);
      // Enter on an organization switches to it.
      await page.keyboard.press("Enter");
      await page.keyboard.press("ArrowDown");
      await expect(page.getByTestId(`org-option-${target}`)).toBeFocused();
      await reviewScreenshot(page, "a11y-organization-menu");
      await page.keyboard.press("Enter");
      await expect(switcher).toHaveAttribute("data-organization-id", target);
      await inbox.waitForRealtime();
      expect(sessionUpdates).toBe(1);
      sessionUpdates = 0;
    }
  });
});

test.describe("member of two organizations, in a conversation", () => {
  test.use({ storageState: storageStateOf("olivia") });

  test("Escape closes an open popup first, then dismisses the New messages line (the switcher's closed menu is no open popup)", async ({ page }) => {
    await blockNotifications(page);
    const contactId = await contactIdByName("Grace Kim");
    await sendInbound({ contactId, body: "Is the pick-up point open on Saturdays?" });
    const inbox = new InboxPage(page);
    await inbox.goto(contactId);
    await inbox.waitForRealtime();
    const line = page.getByTestId("new-messages-line");
    await expect(line).toBeVisible();
    // The switcher's menu, then the notification help: each Escape closes only the popup.
    await inbox.organizationSwitcher.click();
    await expect(page.getByRole("menu", { name: "Switch organization" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu", { name: "Switch organization" })).toBeHidden();
    await page.getByTestId("notification-control").click();
    await expect(page.getByTestId("notification-help")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("notification-help")).toHaveCount(0);
    await expect(line).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(line).toHaveCount(0);
  });
});

test.describe("notifications blocked", () => {
  test.use({ storageState: storageStateOf("bob") });

  test("keyboard only: the blocked notification control shows how to unblock, and Escape hides it", async ({ page }) => {
    await blockNotifications(page);
    const inbox = new InboxPage(page);
    await inbox.goto();
    const control = page.getByTestId("notification-control");
    await expect(control).toHaveAttribute("data-state", "blocked");
    await tabTo(page, control);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("region", { name: "Unblock notifications" })).toBeVisible();
    await expect(control).toHaveAttribute("aria-expanded", "true");
    await expect(control).toBeFocused();
    await expectVisibleFocus(page, "notification help shown");
    await reviewScreenshot(page, "a11y-notifications-blocked-help");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("notification-help")).toHaveCount(0);
    await expect(control).toHaveAttribute("aria-expanded", "false");
    await expect(control).toBeFocused();
  });
});
