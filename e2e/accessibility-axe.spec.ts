// Issue 15, item 1: zero axe violations (WCAG 2.1 A/AA and best practices,
// any impact) on every screen and state of e2e/support/screens.ts, on a
// desktop and a phone viewport.
import { test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { openScreen, SCREENS, VIEWPORTS } from "./support/screens";

for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  test.describe(`axe, ${viewportName}`, () => {
    for (const screen of SCREENS) {
      test(`${screen.name}, ${viewportName}: no axe violations`, async ({ browser }) => {
        const page = await openScreen(browser, screen, viewport);
        try {
          await expectNoAxeViolations(page, `${screen.name}, ${viewportName}`);
        } finally {
          await page.context().close();
        }
      });
    }
  });
}
