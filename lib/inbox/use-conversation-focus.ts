"use client";
// Keyboard and screen reader users go where the conversation goes: its
// thread takes the focus when the user opens one (a page load leaves the
// focus alone, for the skip link), and when it closes (the phone's Back,
// Mark as unread) the focus, lost with the pane, returns to its row.
import "client-only";
import { useEffect, useRef, useState } from "react";
import type { InboxController } from "@/lib/inbox/inbox-controller";

/** True once the user has opened or closed a conversation since the page loaded. */
export function useConversationFocus(controller: InboxController, activeId: string | null): boolean {
  const [changed, setChanged] = useState(false);
  const previous = useRef(activeId);

  useEffect(() => controller.subscribeActive(() => setChanged(true)), [controller]);

  useEffect(() => {
    const closed = previous.current;
    previous.current = activeId;
    if (activeId || !closed) return;
    const focused = document.activeElement;
    if (focused && focused !== document.body) return; // the user already went somewhere
    document.querySelector<HTMLElement>(`[data-contact-row="${closed}"] [data-row-open]`)?.focus();
  }, [activeId]);

  return changed;
}
