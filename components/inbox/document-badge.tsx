"use client";
import { useInbox } from "@/lib/inbox/inbox-context";
import { useDocumentBadge } from "@/lib/inbox/use-document-badge";
import { useUnreadTotal } from "@/lib/inbox/use-unread";

/** Title and favicon count; its own component so the total re-renders nothing else. */
export function DocumentBadge() {
  const { controller } = useInbox();
  useDocumentBadge(useUnreadTotal(controller.unread));
  return null;
}
