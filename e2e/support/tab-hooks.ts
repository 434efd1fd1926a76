import type { BrowserContext, Page } from "@playwright/test";

/**
 * Installed in every page of a context before any of its scripts run:
 *  - `Notification` is wrapped so each construction is recorded in
 *    `window.__notifications` (title, body, tag and the instance, whose
 *    onclick the test can call as the system would);
 *  - `document.visibilityState`, `document.hidden` and `document.hasFocus()`
 *    answer from a switch the test flips with `window.__setTab(...)`, which
 *    also fires `visibilitychange` and `focus`/`blur` like the browser does.
 *    Headless Chromium reports every page of a context as visible and
 *    focused, and CDP's focus emulation applies to one page at a time, so
 *    "every tab hidden" is simulated at the level the app reads it.
 */
export async function installTabHooks(context: BrowserContext) {
  await context.addInitScript(() => {
    const state = { visible: true, focused: true };
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (state.visible ? "visible" : "hidden") });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => !state.visible });
    document.hasFocus = () => state.focused;
    const hooks = window as unknown as Record<string, unknown>;
    hooks.__setTab = (next: { visible?: boolean; focused?: boolean }) => {
      Object.assign(state, next);
      document.dispatchEvent(new Event("visibilitychange"));
      window.dispatchEvent(new Event(state.focused ? "focus" : "blur"));
    };
    const Original = window.Notification;
    const shown: { title: string; body?: string; tag?: string; instance: Notification }[] = [];
    hooks.__notifications = shown;
    class Recorded extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body, tag: options?.tag, instance: this });
      }
    }
    window.Notification = Recorded;
  });
}

export async function setTab(page: Page, state: { visible: boolean; focused: boolean }) {
  await page.evaluate((next) => (window as unknown as { __setTab: (s: typeof next) => void }).__setTab(next), state);
}

export async function notificationsIn(page: Page): Promise<{ title: string; body?: string; tag?: string }[]> {
  return page.evaluate(() =>
    (window as unknown as { __notifications: { title: string; body?: string; tag?: string }[] }).__notifications.map(({ title, body, tag }) => ({ title, body, tag })),
  );
}
