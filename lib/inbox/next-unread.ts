/**
 * Alt+ArrowDown / Alt+ArrowUp: the next (1) or previous (-1) conversation with
 * unread messages after the open one, in sidebar order, wrapping around.
 */
import "client-only";
export function nextUnread(
  order: readonly string[],
  active: string | null,
  countOf: (contactId: string) => number,
  direction: 1 | -1,
): string | null {
  const start = active ? order.indexOf(active) : direction === 1 ? -1 : order.length;
  for (let step = 1; step <= order.length; step += 1) {
    const id = order[(((start + direction * step) % order.length) + order.length) % order.length];
    if (id !== active && countOf(id) > 0) return id;
  }
  return null;
}
