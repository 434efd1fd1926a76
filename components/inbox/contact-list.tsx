"use client";
// The scrolling list of sidebar rows. Short lists render every row (cheap,
// and every row is in the DOM for find-in-page and tests); long ones render
// only the rows in view plus an overscan, with fixed row heights, so 1,000
// contacts scroll as smoothly as 20.
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { ConnectedContactRow, ROW_HEIGHT } from "@/components/inbox/contact-row";
import type { SidebarContact } from "@/lib/inbox/contact-directory";

export const WINDOWING_THRESHOLD = 150;
const OVERSCAN = 8;
const FALLBACK_VIEWPORT = 900; // before layout (and in jsdom, which has none)
const END_REACHED_MARGIN = ROW_HEIGHT * 6;

type Props = {
  ids: readonly string[];
  byId: ReadonlyMap<string, SidebarContact>;
  activeId: string | null;
  onEndReached?: () => void;
};

const useIsomorphicLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

export const ContactList = memo(function ContactList({ ids, byId, activeId, onEndReached }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: FALLBACK_VIEWPORT });
  const windowed = ids.length > WINDOWING_THRESHOLD;

  const measure = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    setViewport((current) => {
      const next = { top: element.scrollTop, height: element.clientHeight || FALLBACK_VIEWPORT };
      return current.top === next.top && current.height === next.height ? current : next;
    });
    if (onEndReached && element.scrollHeight - element.scrollTop - element.clientHeight < END_REACHED_MARGIN) onEndReached();
  }, [onEndReached]);

  useIsomorphicLayoutEffect(() => {
    measure();
    const element = scroller.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);

  // Keyboard shortcuts and toasts open conversations that may be out of view.
  useEffect(() => {
    const element = scroller.current;
    const index = activeId ? ids.indexOf(activeId) : -1;
    if (!element || index < 0) return;
    const top = index * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight && element.clientHeight > 0)
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
    // Only when the active contact changes, not on every reorder.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeId]);

  // Arrow keys, Home and End move between rows, so Tab can leave the list in one press per row less.
  const onKeyDown = useCallback((event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return; // Alt+Arrow: next unread
    const step = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity }[event.key];
    const buttons = [...(scroller.current?.querySelectorAll<HTMLElement>("[data-row-open]") ?? [])];
    const row = (event.target as HTMLElement).closest("[data-row-open], [data-contact-row]");
    const current = buttons.findIndex((button) => button === row || button.parentElement === row);
    if (step === undefined || current < 0) return;
    event.preventDefault();
    buttons[Math.min(buttons.length - 1, Math.max(0, current + step))]?.focus();
  }, []);

  const first = windowed ? Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN) : 0;
  const last = windowed ? Math.min(ids.length, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN) : ids.length;

  return (
    <div
      ref={scroller}
      onScroll={measure}
      onKeyDown={onKeyDown}
      data-testid="contact-list"
      data-windowed={windowed ? "true" : "false"}
      role="list"
      aria-label="Conversations"
      // Phones: room below the last row, so a toast at the bottom (app/layout.tsx) never hides a row for good.
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain pb-28 md:pb-0"
    >
      <div className="relative" style={{ height: ids.length * ROW_HEIGHT }}>
        {ids.slice(first, last).map((id, offset) => {
          const contact = byId.get(id);
          if (!contact) return null;
          return (
            <div
              key={id}
              role="listitem"
              className={`absolute inset-x-0 ${windowed ? "" : "[content-visibility:auto] [contain-intrinsic-size:auto_72px]"}`}
              style={{ top: (first + offset) * ROW_HEIGHT, height: ROW_HEIGHT }}
            >
              <ConnectedContactRow contact={contact} />
            </div>
          );
        })}
      </div>
    </div>
  );
});
