// Every screen and state of the app, reached as a person would, for the
// checks that must hold everywhere (axe, reflow). Issue 15: a new screen or
// state is one more entry in SCREENS (see CONTRIBUTING.md).
import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../dev/demo/demo-accounts";
import { InboxPage } from "../pages/inbox-page";
import { LoginPage } from "../pages/login-page";
import { blockNotifications } from "./notification-permission";
import { contactIdByName, sendInbound } from "./stack";
import { storageStateOf, type DemoUser } from "./users";

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
} as const;

export type Viewport = { width: number; height: number };

export type Screen = {
  name: string;
  /** Who is signed in; null for the sign-in page. */
  user: DemoUser | null;
  /** Brings the page into the state to check, and waits for it (the viewport: phones lay out differently). */
  reach: (page: Page, viewport: Viewport) => Promise<void>;
};

export const SCREENS: Screen[] = [
  {
    name: "sign-in",
    user: null,
    reach: async (page) => new LoginPage(page).goto(),
  },
  {
    name: "sign-in, wrong password",
    user: null,
    reach: async (page) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.signIn("alice@acme.test", `${DEMO_PASSWORD}-wrong`);
      await expect(login.errorMessage()).toBeVisible();
    },
  },
  {
    name: "inbox, all conversations",
    user: "alice",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      await inbox.goto();
      await expect(inbox.contactList).toBeVisible();
    },
  },
  {
    name: "inbox, unread filter",
    user: "alice",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      await inbox.goto();
      await inbox.unreadFilter.click();
      await expect(inbox.unreadFilter).toHaveAttribute("aria-selected", "true");
    },
  },
  {
    // Bob: mark all read is his (e2e/README.md), so alice keeps the seed's badges.
    name: "inbox, unread filter, all caught up (empty state)",
    user: "bob",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      await inbox.goto();
      const readAll = await page.request.post("/api/messaging/read-all", { headers: { origin: new URL(page.url()).origin } });
      expect(readAll.status()).toBe(204);
      await inbox.goto();
      await inbox.unreadFilter.click();
      await expect(inbox.emptyList).toBeVisible();
    },
  },
  {
    name: "open conversation",
    user: "alice",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      await inbox.goto(await contactIdByName("Maria González"));
      await expect(inbox.thread.locator('[data-testid^="message-"]').first()).toBeVisible();
    },
  },
  {
    // Under 768 px there is no row menu (no hover): the thread header carries the same one.
    name: "row menu open",
    user: "alice",
    reach: async (page, viewport) => {
      const inbox = new InboxPage(page);
      const contactId = await contactIdByName("Chloé Dubois");
      // A click before hydration does nothing, and the thread's scroll on
      // its refreshed first page closes an open menu: wait for both.
      if (viewport.width >= 768) {
        await inbox.goto();
        await inbox.waitForRealtime();
        await inbox.row(contactId).hover();
        await page.getByTestId(`contact-menu-${contactId}`).click();
      } else {
        const refreshed = page.waitForResponse((response) => response.url().includes(`/api/messaging/contacts/${contactId}/messages`));
        await inbox.goto(contactId);
        await refreshed;
        await inbox.waitForRealtime();
        await page.getByTestId("thread-menu").click();
      }
      await expect(page.getByRole("menu")).toBeVisible();
    },
  },
  {
    name: "toast showing",
    user: "alice",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      const contactId = await contactIdByName("Fatima Al-Sayed");
      await inbox.goto();
      await inbox.waitForRealtime();
      await sendInbound({ contactId, body: "Hello! Is the oak sideboard back in stock yet?" });
      await expect(inbox.toast(contactId)).toBeVisible();
    },
  },
  {
    // Issue 14's states. Dave (Globex) owns them: his mutes and reads touch no other spec's expectations.
    name: "inbox, a muted conversation (grey badge)",
    user: "dave",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      const contactId = await contactIdByName("Ethan Brooks");
      await inbox.goto();
      await sendInbound({ contactId, body: "Still there? Just checking on my order." });
      const muted = await page.request.post(`/api/messaging/contacts/${contactId}/mute`, { headers: { origin: new URL(page.url()).origin } });
      expect(muted.status()).toBe(204);
      await inbox.goto();
      await inbox.expectMuted(contactId, true);
    },
  },
  {
    name: "open conversation, New messages line",
    user: "dave",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      const contactId = await contactIdByName("Lucía Navarro");
      await sendInbound({ contactId, body: "A new question about my delivery window." });
      await inbox.goto(contactId);
      await expect(page.getByTestId("new-messages-line")).toBeVisible();
    },
  },
  {
    name: "open conversation, the line out of view (Jump to first new message)",
    user: "dave",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      const contactId = await contactIdByName("Wei Zhang");
      // Enough new messages below the line to scroll it out of view at any size.
      for (let index = 1; index <= 12; index += 1) await sendInbound({ contactId, body: `Outage update ${index}: the light is still red.` });
      await inbox.goto(contactId);
      await expect(page.getByTestId("new-messages-line")).toBeInViewport();
      await inbox.thread.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      await expect(page.getByTestId("jump-to-new")).toBeVisible();
    },
  },
  {
    name: "toast, a burst summarised (N new messages from M conversations)",
    user: "dave",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      const contacts = await Promise.all(["Harriet Okafor", "Amara Nwosu", "Jonas Becker", "Lucía Navarro"].map(contactIdByName));
      await inbox.goto();
      await inbox.waitForRealtime();
      for (const contactId of contacts) await sendInbound({ contactId, body: "Is the whole street down?" });
      await expect(page.getByTestId("message-summary")).toBeVisible();
    },
  },
  {
    name: "inbox, member of two organizations (switcher with totals)",
    user: "olivia",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      await inbox.goto();
      await expect(page.getByRole("button", { name: /^Organization:/ })).toBeVisible();
    },
  },
  {
    name: "inbox, the organization menu open",
    user: "olivia",
    reach: async (page) => {
      const inbox = new InboxPage(page);
      await inbox.goto();
      await inbox.waitForRealtime();
      await inbox.organizationSwitcher.click();
      await expect(page.getByRole("menu", { name: "Switch organization" })).toBeVisible();
    },
  },
  {
    name: "inbox, notifications blocked (how to unblock)",
    user: "bob",
    reach: async (page) => {
      await blockNotifications(page);
      const inbox = new InboxPage(page);
      await inbox.goto();
      const control = page.getByTestId("notification-control");
      await expect(control).toHaveAttribute("data-state", "blocked");
      await control.click();
      await expect(page.getByTestId("notification-help")).toBeVisible();
    },
  },
  {
    name: "viewer, no access to the inbox",
    user: "vera",
    reach: async (page) => {
      await page.goto("/inbox");
      await expect(page.getByTestId("no-access")).toBeVisible();
    },
  },
  {
    name: "404, another organization's conversation",
    user: "alice",
    reach: async (page) => {
      const response = await page.goto(`/inbox/${await contactIdByName("Harriet Okafor")}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByTestId("not-found")).toBeVisible();
    },
  },
  {
    name: "settings, webhooks",
    user: "alice",
    reach: async (page) => {
      await page.goto("/settings/webhooks");
      await expect(page.getByTestId("endpoint-list")).toBeVisible();
    },
  },
  {
    name: "settings, webhooks, new secret shown",
    user: "alice",
    reach: async (page) => {
      await page.goto("/settings/webhooks");
      await page.getByLabel("New endpoint").fill(`Axe check ${Date.now()}`);
      await page.getByRole("button", { name: "Create endpoint" }).click();
      await expect(page.getByTestId("secret-reveal")).toBeVisible();
    },
  },
  {
    name: "settings, agent without access",
    user: "bob",
    reach: async (page) => {
      await page.goto("/settings/webhooks");
      await expect(page.getByTestId("settings-no-access")).toBeVisible();
    },
  },
];

/** A fresh browser context for the screen's user at that size, brought into the screen's state. */
export async function openScreen(browser: Browser, screen: Screen, viewport: Viewport): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    storageState: screen.user ? storageStateOf(screen.user) : { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  try {
    await screen.reach(page, viewport);
  } catch (error) {
    await context.close();
    throw error;
  }
  return page;
}
