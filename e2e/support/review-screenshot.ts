import path from "node:path";
import type { Page } from "@playwright/test";

const SHOTS = path.resolve(import.meta.dirname, "..", "..", "test-results", "screenshots");

/** Keeps what the page shows now for design review (test-results/screenshots/<name>.png): focus rings, skip link, reflow. */
export async function reviewScreenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}
