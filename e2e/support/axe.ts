import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * WCAG 2.1 A and AA, plus axe's best practices (region, landmark-one-main,
 * heading-order…): the issue 15 bar is zero violations at any impact level.
 * A rule may only be disabled here with a comment that says why.
 */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/**
 * Runs axe on the page as it is now and fails with one readable line per
 * violation (rule, impact, what to fix, the elements). One call per screen
 * and state: `await expectNoAxeViolations(page, "inbox, unread filter, mobile")`.
 */
export async function expectNoAxeViolations(page: Page, screen: string) {
  await settleAnimations(page);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const lines = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} → ${violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(" ")} ${node.html.slice(0, 80)}`)
        .join(" | ")}${violation.nodes.length > 5 ? ` (+${violation.nodes.length - 5} more)` : ""}`,
  );
  expect(lines, `axe violations on "${screen}"`).toEqual([]);
}

/**
 * Colour contrast is measured on what is painted: a toast halfway through
 * its fade-in would fail it. Waits for every finite animation and transition
 * to end (a real condition, not a sleep); spinners run forever and are left.
 */
async function settleAnimations(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}
