// Issue 13, item 1: owners and admins connect a provider on the settings page:
// create an endpoint, copy its URL and secret once, deliver through it,
// rotate with an overlap, revoke. Agents and viewers are kept out.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signedDelivery } from "../lib/webhooks/inbound-signature";
import { contactIdByName } from "./support/stack";
import { pageAs, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("alice") });

const SHOTS = path.resolve(import.meta.dirname, "..", "test-results", "screenshots");

async function deliver(url: string, secret: string, contactId: string, body: string) {
  const raw = JSON.stringify({ contactId, body, externalId: `settings-${Date.now()}-${Math.random()}` });
  return (await fetch(url, signedDelivery(secret, raw))).status;
}

async function revealed(page: Page) {
  const reveal = page.getByTestId("secret-reveal");
  await expect(reveal).toBeVisible();
  const url = (await reveal.getByTestId("reveal-url").textContent()) ?? "";
  const secret = (await reveal.getByTestId("reveal-secret").textContent()) ?? "";
  expect(secret).toMatch(/^whsec_/);
  return { url, secret };
}

test("an admin creates an endpoint, delivers through it, rotates with overlap and revokes it", async ({ page }) => {
  const contactId = await contactIdByName("Jakob Nowak");
  await page.goto("/inbox");
  await page.getByTestId("settings-link").click();
  await expect(page.getByRole("heading", { name: "Inbound webhooks" })).toBeVisible();

  const name = `Twilio SMS ${Date.now()}`;
  await page.getByLabel("New endpoint").fill(name);
  await page.getByRole("button", { name: "Create endpoint" }).click();
  const first = await revealed(page);
  expect(first.url).toMatch(/\/api\/webhooks\/inbound\/[0-9a-f-]{36}$/);
  expect(await deliver(first.url, first.secret, contactId, "Hello through the new endpoint")).toBe(201);
  // The page scrolls inside its own pane: the viewport is what people see.
  await page.screenshot({ path: path.join(SHOTS, "settings-webhooks-desktop.png") });

  await page.getByRole("button", { name: "I've copied it" }).click();
  await expect(page.getByTestId("secret-reveal")).toHaveCount(0);
  const card = page.locator("li", { has: page.getByRole("heading", { name }) });
  await card.getByRole("button", { name: "Rotate secret" }).click();
  const second = await revealed(page);
  expect(second.secret).not.toBe(first.secret);
  await expect(card.getByText(/previous, valid until/)).toBeVisible();
  await card.screenshot({ path: path.join(SHOTS, "settings-webhooks-rotated-card.png") });
  // The overlap: both secrets work until the old one expires.
  expect(await deliver(first.url, first.secret, contactId, "old secret, inside the overlap")).toBe(201);
  expect(await deliver(second.url, second.secret, contactId, "new secret")).toBe(201);

  await card.getByRole("button", { name: "Revoke…" }).click();
  await card.getByRole("button", { name: "Revoke now" }).click();
  await expect(page.getByRole("heading", { name })).toHaveCount(0);
  expect(await deliver(second.url, second.secret, contactId, "after revoke")).toBe(404);
});

test("on a phone the page reads top to bottom without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: storageStateOf("alice"),
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  await page.goto("/settings/webhooks");
  await expect(page.getByTestId("endpoint-list")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, "settings-webhooks-mobile.png"), fullPage: true });
  await context.close();
});

test("agents and viewers see an explanation, not the endpoints, and the API refuses them", async ({ browser }) => {
  for (const user of ["bob", "vera"] as const) {
    const page = await pageAs(browser, user);
    await page.goto("/settings/webhooks");
    await expect(page.getByTestId("settings-no-access")).toBeVisible();
    await expect(page.getByTestId("endpoint-list")).toHaveCount(0);
    await expect(page.getByTestId("settings-link")).toHaveCount(0);
    expect((await page.request.get("/api/settings/inbound-endpoints")).status()).toBe(403);
    await page.context().close();
  }
});
