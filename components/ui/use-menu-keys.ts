"use client";
// The keyboard behaviour every menu shares (WAI-ARIA menu button), on top of
// useDismiss: the focus goes into the menu when it opens, arrows (and Home,
// End) move between its items, Escape closes it and gives the focus back to
// its button, Tab closes it and moves on from the button. Items take
// tabIndex -1: the menu is one Tab stop. Returns `closeToButton`, for items
// that close the menu when chosen.
import { useEffect, type RefObject } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";

const ITEMS = "[role=menuitem], [role=menuitemradio]";

export function useMenuKeys(
  open: boolean,
  close: () => void,
  refs: { menu: RefObject<HTMLElement | null>; button: RefObject<HTMLElement | null> },
  options: { closeOnScroll?: boolean; firstFocus?: string } = {},
) {
  const { menu, button } = refs;
  const { closeOnScroll = false, firstFocus } = options;
  useDismiss(open, close, [menu, button], { closeOnScroll, returnFocus: button });
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      const items = [...(menu.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
      const current = items.indexOf(document.activeElement as HTMLElement);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        items[(current + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        items[event.key === "Home" ? 0 : items.length - 1]?.focus();
      } else if (event.key === "Tab") {
        close();
        button.current?.focus(); // Tab then moves on from the button, as it left it
      }
    };
    document.addEventListener("keydown", onKey);
    (menu.current?.querySelector<HTMLElement>(firstFocus ?? ITEMS) ?? menu.current?.querySelector<HTMLElement>(ITEMS))?.focus();
    return () => document.removeEventListener("keydown", onKey);
  }, [open, close, menu, button, firstFocus]);
  /** Closes with the focus back on the menu's button, where a keyboard user left off. */
  return function closeToButton() {
    close();
    button.current?.focus();
  };
}
