import { expect, type Locator, type Page } from "@playwright/test";

/** What has the keyboard focus, and whether a sighted keyboard user can see where it is. */
type FocusReport = { element: string; visible: boolean; ring: boolean };

/**
 * Checks the focused element is on screen (not clipped to 1 px like an
 * sr-only link, not transparent) and drawn with a focus indicator: a solid
 * outline of at least 2 px (or the browser's own "auto" ring), or a ring
 * (a spread box-shadow) on it or on a wrapper that shows :focus-within,
 * as the composer's box does around its textarea.
 */
export async function expectVisibleFocus(page: Page, step: string) {
  const report = await page.evaluate((): FocusReport => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { element: "body", visible: false, ring: false };
    const name = `${element.tagName.toLowerCase()}${element.dataset.testid ? `[data-testid=${element.dataset.testid}]` : ""} "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40)}"`;
    const rect = element.getBoundingClientRect();
    const visible =
      rect.width > 4 &&
      rect.height > 4 &&
      rect.bottom > 0 &&
      rect.right > 0 &&
      rect.top < window.innerHeight &&
      rect.left < window.innerWidth &&
      element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const spreadRing = /0px 0px 0px [1-9]/;
    let ring = false;
    for (let node: HTMLElement | null = element, depth = 0; node && depth < 3 && !ring; node = node.parentElement, depth += 1) {
      const style = getComputedStyle(node);
      const outline = depth === 0 && style.outlineStyle !== "none" && (style.outlineStyle === "auto" || parseFloat(style.outlineWidth) >= 2);
      ring = outline || (node.matches(":focus-within") && spreadRing.test(style.boxShadow));
    }
    return { element: name, visible, ring };
  });
  expect(report, `focus after "${step}"`).toEqual({ element: report.element, visible: true, ring: true });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking the
 * focus is visible at every stop on the way; fails after `max` presses.
 */
export async function tabTo(page: Page, target: Locator, options: { max?: number; backwards?: boolean } = {}) {
  const max = options.max ?? 40;
  for (let press = 0; press < max; press += 1) {
    await page.keyboard.press(options.backwards ? "Shift+Tab" : "Tab");
    await expectVisibleFocus(page, `${options.backwards ? "Shift+Tab" : "Tab"} #${press + 1}`);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${target} not reached in ${max} presses of Tab`);
}
