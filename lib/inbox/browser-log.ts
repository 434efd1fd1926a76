/**
 * The browser side's one log call. Background work that fails (a resync, a
 * counts refresh) heals itself at the next trigger, so it is noted in the
 * devtools console for whoever debugs, not shown to the person working.
 */
import "client-only";
export function warnInBrowser(what: string, error: unknown) {
  // eslint-disable-next-line no-console -- the one place browser code logs
  console.warn(`[inbox] ${what}`, error);
}
