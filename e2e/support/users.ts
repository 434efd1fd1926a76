import path from "node:path";
import type { Browser, Page } from "@playwright/test";

export type DemoUser = "alice" | "bob" | "dave" | "vera" | "olivia";

export const EMAIL: Record<DemoUser, string> = {
  alice: "alice@acme.test",
  bob: "bob@acme.test",
  vera: "vera@acme.test",
  dave: "dave@globex.test",
  olivia: "olivia@example.test",
};

export function storageStateOf(user: DemoUser) {
  return path.resolve(import.meta.dirname, "..", ".auth", `${user}.json`);
}

/**
 * A second person (or device) in the same test: a browser context of its own
 * with that user's saved session. Playwright applies the config's context
 * options (baseURL, viewport, tracing) to it as to the default one.
 */
export async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}
