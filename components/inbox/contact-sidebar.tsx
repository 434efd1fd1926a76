"use client";
// The left column: title with the total, the All/Unread filter, Mark all
// read, and the list (or its empty states).
import { warnInBrowser } from "@/lib/inbox/browser-log";
import { useCallback, useMemo, useState, useSyncExternalStore } from "react";
import { ContactList } from "@/components/inbox/contact-list";
import { UnreadTotalAnnouncer } from "@/components/inbox/unread-total-announcer";
import { CheckCheckIcon, InboxIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useInbox } from "@/lib/inbox/inbox-context";
import { useMutedIds, useUnreadIds, useUnreadTotal } from "@/lib/inbox/use-unread";

export function ContactSidebar({ activeId }: { activeId: string | null }) {
  const { controller } = useInbox();
  const { directory, unread } = controller;
  const snapshot = useSyncExternalStore(directory.subscribe, directory.getSnapshot, directory.getSnapshot);
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const unreadIds = useUnreadIds(unread, filter === "unread");
  const mutedIds = useMutedIds(unread, filter === "unread");
  const [loadingMore, setLoadingMore] = useState(false);

  const ids = useMemo(
    // The open conversation stays listed while it is read, or it would vanish under the cursor.
    // Muted conversations are listed too, after the others (issue 14).
    () => {
      if (filter !== "unread") return snapshot.order;
      const listed = snapshot.order.filter((id) => unreadIds.has(id) || id === activeId);
      return [...listed.filter((id) => !mutedIds.has(id)), ...listed.filter((id) => mutedIds.has(id))];
    },
    [filter, snapshot.order, unreadIds, activeId, mutedIds],
  );

  const showUnread = (next: "all" | "unread") => {
    setFilter(next);
    // Unread contacts beyond the loaded pages come in through a resync.
    if (next === "unread") void controller.resync();
  };

  const loadMore = useCallback(() => {
    if (loadingMore || !directory.getSnapshot().nextCursor) return;
    setLoadingMore(true);
    controller
      .loadMoreContacts()
      .catch((error) => warnInBrowser("loading more contacts failed", error))
      .finally(() => setLoadingMore(false));
  }, [controller, directory, loadingMore]);

  const tab = (value: "all" | "unread", label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={filter === value}
      data-testid={value === "unread" ? "unread-filter" : "all-filter"}
      onClick={() => showUnread(value)}
      className={`rounded-md px-3 py-1 text-sm font-medium transition-colors ${
        filter === value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
      }`}
    >
      {label}
    </button>
  );

  return (
    <nav data-testid="inbox-sidebar" aria-label="Conversations" className="flex min-h-0 flex-1 flex-col bg-white">
      <div className="border-b border-slate-200 px-4 pt-4 pb-3">
        <SidebarTitle />
        <div role="tablist" aria-label="Filter conversations" className="mt-3 inline-flex rounded-lg bg-slate-100 p-0.5">
          {tab("all", "All")}
          {tab("unread", "Unread")}
        </div>
      </div>
      {ids.length === 0 ? (
        <div data-testid="contact-list-empty" className="flex flex-1 flex-col items-center justify-center px-8 text-center">
          <span className="mb-3 flex h-12 w-12 items-center justify-center rounded-full bg-slate-100 text-slate-500">
            <InboxIcon className="h-6 w-6" />
          </span>
          <p className="text-sm font-medium text-slate-900">{filter === "unread" ? "You're all caught up" : "No conversations yet"}</p>
          <p className="mt-1 text-sm text-slate-600">
            {filter === "unread" ? "New messages will show up here." : "Messages from your contacts will appear here."}
          </p>
        </div>
      ) : (
        <ContactList ids={ids} byId={snapshot.byId} activeId={activeId} onEndReached={filter === "all" ? loadMore : undefined} />
      )}
      {loadingMore ? (
        <div className="flex items-center justify-center gap-2 border-t border-slate-100 py-2 text-xs text-slate-500">
          <Spinner className="h-3 w-3" /> Loading more…
        </div>
      ) : null}
    </nav>
  );
}

/** Subscribes to the total on its own, so a badge change does not re-render the list around it. */
function SidebarTitle() {
  const { controller } = useInbox();
  const total = useUnreadTotal(controller.unread);
  return (
    <div className="flex items-center gap-2">
      <h1 className="text-lg font-semibold tracking-tight text-slate-900">Inbox</h1>
      {total > 0 ? (
        <span data-testid="unread-total" className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-700">
          {total} unread
        </span>
      ) : null}
      <UnreadTotalAnnouncer total={total} />
      <button
        type="button"
        data-testid="mark-all-read"
        onClick={() => void controller.markAllRead()}
        disabled={total === 0}
        className="ml-auto inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-400 disabled:hover:bg-transparent"
      >
        <CheckCheckIcon />
        Mark all read
      </button>
    </div>
  );
}
