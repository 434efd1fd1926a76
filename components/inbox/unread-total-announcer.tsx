"use client";
// Tells a screen reader the inbox's total, politely and once it has settled:
// a burst of messages is one announcement, not one per badge. Nothing is
// said on load; the total is news only when it changes.
import { useEffect, useRef, useState } from "react";
import { unreadLabel } from "@/components/inbox/unread-badge";

export const TOTAL_ANNOUNCE_DELAY_MS = 1500;

function totalAnnouncement(total: number): string {
  return total === 0 ? "No unread messages in the inbox" : `${unreadLabel(total)} in the inbox`;
}

export function UnreadTotalAnnouncer({ total }: { total: number }) {
  const [text, setText] = useState("");
  const announced = useRef(total);

  useEffect(() => {
    if (total === announced.current) return;
    const timer = setTimeout(() => {
      announced.current = total;
      setText(totalAnnouncement(total));
    }, TOTAL_ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [total]);

  return (
    <p data-testid="unread-total-announcer" role="status" aria-live="polite" className="sr-only">
      {text}
    </p>
  );
}
