"use client";
// The keyboard and pointer behaviour every menu shares (WAI-ARIA menu button):
// the focus goes into the menu when it opens, arrows (and Home, End) move
// between its items, Escape closes it and gives the focus back to its button,
// Tab closes it and moves on from the button, and a press outside (or a
// scroll) closes it. Items take tabIndex -1: the menu is one Tab stop.
import { useEffect, type RefObject } from "react";

const ITEMS = "[role=menuitem], [role=menuitemradio]";

export function useMenuKeys(
  open: boolean,
  close: () => void,
  refs: { menu: RefObject<HTMLElement | null>; button: RefObject<HTMLElement | null> },
  options: { closeOnScroll?: boolean; firstFocus?: string } = {},
) {
  const { menu, button } = refs;
  const { closeOnScroll = false, firstFocus } = options;
  useEffect(() => {
    if (!open) return;
    const onPress = (event: Event) => {
      if (event.target instanceof Node && (menu.current?.contains(event.target) || button.current?.contains(event.target))) return;
      close();
    };
    const onKey = (event: KeyboardEvent) => {
      const items = [...(menu.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
      const current = items.indexOf(document.activeElement as HTMLElement);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        items[(current + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        items[event.key === "Home" ? 0 : items.length - 1]?.focus();
      } else if (event.key === "Escape" || event.key === "Tab") {
        close();
        button.current?.focus(); // Tab then moves on from the button, as it left it
      }
    };
    document.addEventListener("pointerdown", onPress);
    if (closeOnScroll) document.addEventListener("scroll", onPress, true);
    document.addEventListener("keydown", onKey);
    (menu.current?.querySelector<HTMLElement>(firstFocus ?? ITEMS) ?? menu.current?.querySelector<HTMLElement>(ITEMS))?.focus();
    return () => {
      document.removeEventListener("pointerdown", onPress);
      document.removeEventListener("scroll", onPress, true);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, close, menu, button, closeOnScroll, firstFocus]);
}
