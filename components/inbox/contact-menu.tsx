"use client";
// The "…" menu on a sidebar row. Positioned with `fixed` from the button's
// rectangle so the scrolling list never clips it.
import { useCallback, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { MoreIcon } from "@/components/ui/icons";
import { MAIN_CONTENT_ID } from "@/components/ui/skip-link";
import { useMenuKeys } from "@/components/ui/use-menu-keys";

type Props = {
  /** Test ids differ between the sidebar row and the thread header, so both can be on screen. */
  placement?: "row" | "header";
  contactId: string;
  contactName: string;
  unreadCount: number;
  muted?: boolean;
  onMarkRead: (contactId: string) => void;
  onMarkUnread: (contactId: string) => void;
  onToggleMute?: (contactId: string) => void;
};

const MENU_HEIGHT = 136;

export function ContactMenu(props: Props) {
  const { placement = "row", contactId, contactName, unreadCount, muted = false, onMarkRead, onMarkUnread, onToggleMute } = props;
  const suffix = placement === "row" ? `-${contactId}` : "";
  const prefix = placement === "row" ? "" : "thread-";
  const [position, setPosition] = useState<{ top: number; right: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setPosition(null), []);
  const closeToButton = useMenuKeys(position !== null, close, { menu, button }, { closeOnScroll: true });

  function toggle() {
    if (position) return setPosition(null);
    const rect = button.current?.getBoundingClientRect();
    if (!rect) return;
    const below = rect.bottom + 4 + MENU_HEIGHT < window.innerHeight;
    setPosition({ top: below ? rect.bottom + 4 : rect.top - MENU_HEIGHT - 4, right: window.innerWidth - rect.right });
  }

  function choose(action: (contactId: string) => void) {
    closeToButton(); // a closing conversation then moves the focus on to its row
    action(contactId);
  }

  const itemClass =
    "flex w-full items-center rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600";

  return (
    <>
      <button
        ref={button}
        type="button"
        data-testid={placement === "row" ? `contact-menu-${contactId}` : "thread-menu"}
        aria-label={`Actions for ${contactName}`}
        aria-haspopup="menu"
        aria-expanded={position !== null}
        onClick={toggle}
        className="flex h-8 w-8 items-center justify-center rounded-md text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-600"
      >
        <MoreIcon />
      </button>
      {/* In a portal: a row's content-visibility (layout and paint containment)
          would otherwise make it the containing block of this fixed menu and clip it.
          Into <main>, not <body>: all content belongs to a landmark. */}
      {position
        ? createPortal(
            <div
              ref={menu}
              role="menu"
              aria-label={`Actions for ${contactName}`}
              style={{ top: position.top, right: position.right }}
              className="fixed z-50 w-48 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
            >
              {unreadCount > 0 ? (
                <button type="button" role="menuitem" tabIndex={-1} data-testid={`${prefix}mark-read${suffix}`} className={itemClass} onClick={() => choose(onMarkRead)}>
                  Mark as read
                </button>
              ) : null}
              <button type="button" role="menuitem" tabIndex={-1} data-testid={`${prefix}mark-unread${suffix}`} className={itemClass} onClick={() => choose(onMarkUnread)}>
                Mark as unread
              </button>
              {onToggleMute ? (
                <button type="button" role="menuitem" tabIndex={-1} data-testid={`${prefix}${muted ? "unmute" : "mute"}${suffix}`} className={itemClass} onClick={() => choose(onToggleMute)}>
                  {muted ? "Unmute" : "Mute"}
                </button>
              ) : null}
            </div>,
            document.getElementById(MAIN_CONTENT_ID) ?? document.body,
          )
        : null}
    </>
  );
}
