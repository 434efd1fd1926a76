"use client";
// What closes any popup (a menu, a help panel): Escape, a press outside it and
// its button (pointerdown: iOS sends no mousedown for a tap on a plain area),
// and, for one positioned over a scrolling list, a scroll.
import { useEffect, type RefObject } from "react";

export function useDismiss(open: boolean, close: () => void, inside: RefObject<HTMLElement | null>[], options: { closeOnScroll?: boolean } = {}) {
  const { closeOnScroll = false } = options;
  useEffect(() => {
    if (!open) return;
    const onPress = (event: Event) => {
      const target = event.target;
      if (target instanceof Node && inside.some((ref) => ref.current?.contains(target))) return;
      close();
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && close();
    document.addEventListener("pointerdown", onPress);
    if (closeOnScroll) document.addEventListener("scroll", onPress, true);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPress);
      document.removeEventListener("scroll", onPress, true);
      document.removeEventListener("keydown", onKey);
    };
    // `inside` is a list of stable refs, written inline by callers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, close, closeOnScroll]);
}
