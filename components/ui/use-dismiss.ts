"use client";
// What closes any popup (a menu, a help panel): Escape, a press outside it and
// its button (pointerdown: iOS sends no mousedown for a tap on a plain area),
// and, for one positioned over a scrolling list, a scroll. It also counts the
// popups open, so a page-level Escape (the New messages line) can leave an
// Escape that closes a popup alone.
import { useEffect, type RefObject } from "react";

let openPopups = 0;

/** Whether a popup is open now (still true while the Escape that closes it is being handled). */
export const anyPopupOpen = () => openPopups > 0;

export function useDismiss(
  open: boolean,
  close: () => void,
  inside: RefObject<HTMLElement | null>[],
  /** returnFocus: where Escape puts the focus back (a menu's button). */
  options: { closeOnScroll?: boolean; returnFocus?: RefObject<HTMLElement | null> } = {},
) {
  const { closeOnScroll = false, returnFocus } = options;
  useEffect(() => {
    if (!open) return;
    openPopups += 1;
    const onPress = (event: Event) => {
      const target = event.target;
      if (target instanceof Node && inside.some((ref) => ref.current?.contains(target))) return;
      close();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      close();
      returnFocus?.current?.focus();
    };
    document.addEventListener("pointerdown", onPress);
    if (closeOnScroll) document.addEventListener("scroll", onPress, true);
    document.addEventListener("keydown", onKey);
    return () => {
      openPopups -= 1;
      document.removeEventListener("pointerdown", onPress);
      document.removeEventListener("scroll", onPress, true);
      document.removeEventListener("keydown", onKey);
    };
    // `inside` is a list of stable refs, written inline by callers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, close, closeOnScroll, returnFocus]);
}
