// Issue 15, item 4: prefers-reduced-motion turns the motion off, and the
// layout reflows at 320 CSS px and at 200% zoom. Zoom is simulated the way
// the browser lays it out: 200% of a 1280×800 window is a 640×400 CSS-px
// viewport (WCAG 1.4.10 measures reflow the same way).
import { expect, test, type Page } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { reviewScreenshot } from "./support/review-screenshot";
import { openScreen, SCREENS } from "./support/screens";
import { contactIdByName, sendInbound } from "./support/stack";
import { storageStateOf } from "./support/users";

test.describe("reduced motion", () => {
  test.use({ storageState: storageStateOf("alice") });

  test("prefers-reduced-motion: a toast, opening a conversation and following its thread start no animation or transition", async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    // Every animation and transition that starts anywhere in the page.
    await page.addInitScript(() => {
      const started: string[] = [];
      (window as unknown as { e2eMotion: string[] }).e2eMotion = started;
      const note = (event: Event) => {
        const target = event.target as HTMLElement;
        const what = event instanceof TransitionEvent ? event.propertyName : (event as AnimationEvent).animationName;
        started.push(`${event.type} ${what} on ${target.tagName?.toLowerCase()}.${String(target.className).slice(0, 60)}`);
      };
      document.addEventListener("transitionrun", note, true);
      document.addEventListener("animationstart", note, true);
    });
    const toastId = await contactIdByName("Aroha Ngata");
    const openId = await contactIdByName("Maria González");
    const inbox = new InboxPage(page);
    await inbox.goto();
    await inbox.waitForRealtime();

    await sendInbound({ contactId: toastId, body: "Do the dining chairs come assembled?" });
    await expect(inbox.toast(toastId)).toBeVisible();
    await inbox.open(openId);
    await inbox.expectActive(openId);
    const body = `And what about the matching table? (${Date.now()})`;
    await sendInbound({ contactId: openId, body });
    await expect(inbox.thread.getByText(body)).toBeInViewport();
    expect(await inbox.thread.evaluate((element) => getComputedStyle(element).scrollBehavior)).toBe("auto");
    expect(await page.evaluate(() => (window as unknown as { e2eMotion: string[] }).e2eMotion)).toEqual([]);
  });
});

/**
 * Nothing scrolls sideways: neither the document nor any of its scrolling
 * panes, and nothing visible (a control, a popover's text) sticks out past
 * either edge.
 */
async function expectNoHorizontalScroll(page: Page, where: string) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) problems.push(`document is ${document.documentElement.scrollWidth}px wide`);
    for (const element of document.querySelectorAll<HTMLElement>("body *")) {
      const style = getComputedStyle(element);
      const scrolls = /(auto|scroll)/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
      const rect = element.getBoundingClientRect();
      const shown = rect.width > 1 && !element.closest("[data-sonner-toaster]") && element.checkVisibility();
      const label = `${element.tagName.toLowerCase()}${element.dataset.testid ? `[data-testid=${element.dataset.testid}]` : ""}`;
      if (scrolls) problems.push(`${label} scrolls sideways (${element.scrollWidth} > ${element.clientWidth})`);
      if (shown && rect.right > width + 1) problems.push(`${label} ends at ${Math.round(rect.right)}px`);
      if (shown && rect.left < -1) problems.push(`${label} starts at ${Math.round(rect.left)}px`);
    }
    return problems;
  });
  expect(overflow, where).toEqual([]);
}

// Every screen and state the axe checks cover, at both sizes.
for (const [label, viewport] of [
  ["320 px wide", { width: 320, height: 640 }],
  ["200% zoom (640×400 CSS px)", { width: 640, height: 400 }],
] as const) {
  test.describe(`reflow at ${label}`, () => {
    for (const screen of SCREENS) {
      test(`${screen.name}: no horizontal scrolling at ${label}`, async ({ browser }) => {
        const page = await openScreen(browser, screen, viewport);
        try {
          await expectNoHorizontalScroll(page, `${screen.name} at ${label}`);
          await reviewScreenshot(page, `a11y-reflow-${viewport.width}-${screen.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`);
        } finally {
          await page.context().close();
        }
      });
    }
  });
}

test.describe("toast at 320 px", () => {
  test.use({ storageState: storageStateOf("alice"), viewport: { width: 320, height: 640 } });

  test("a toast fits a 320 px screen", async ({ page }) => {
    const contactId = await contactIdByName("Maria González");
    const inbox = new InboxPage(page);
    await inbox.goto();
    await inbox.waitForRealtime();
    await sendInbound({ contactId, body: "One more question about the warranty, please." });
    const toast = inbox.toast(contactId);
    await expect(toast).toBeInViewport({ ratio: 1 });
    await reviewScreenshot(page, "a11y-reflow-320-toast");
  });
});
