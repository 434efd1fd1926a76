"use client";
// One sidebar row. ContactRow is presentational and takes `unreadCount`;
// ConnectedContactRow reads that contact's count and active state from the
// stores, so a badge change re-renders this row only.
import { memo } from "react";
import { Avatar } from "@/components/ui/avatar";
import { ContactMenu } from "@/components/inbox/contact-menu";
import { UnreadBadge, unreadLabel } from "@/components/inbox/unread-badge";
import { BellOffIcon } from "@/components/ui/icons";
import { useClock } from "@/lib/inbox/clock";
import type { SidebarContact } from "@/lib/inbox/contact-directory";
import { useInbox, useIsActive } from "@/lib/inbox/inbox-context";
import { formatFullTime, formatRelativeTime } from "@/lib/inbox/relative-time";
import { useMuted, useUnreadCount } from "@/lib/inbox/use-unread";

export const ROW_HEIGHT = 72;

export type ContactRowProps = {
  contact: SidebarContact;
  unreadCount: number;
  active: boolean;
  /** Grey badge, no toast, out of the totals (issue 14). */
  muted?: boolean;
  onOpen: (contactId: string) => void;
  onMarkRead: (contactId: string) => void;
  onMarkUnread: (contactId: string) => void;
  onToggleMute?: (contactId: string) => void;
};

function previewOf(contact: SidebarContact): { text: string; muted: boolean } {
  const last = contact.lastMessage;
  if (!last) return { text: "No messages yet", muted: true };
  if (last.deleted) return { text: "Message deleted", muted: true };
  if (last.kind === "system") return { text: last.preview, muted: true };
  const label = last.kind === "post" ? "Post: " : last.kind === "task" ? "Task: " : "";
  return { text: `${last.direction === "outbound" ? "You: " : ""}${label}${last.preview}`, muted: false };
}

export function ContactRow({ contact, unreadCount, active, muted = false, onOpen, onMarkRead, onMarkUnread, onToggleMute }: ContactRowProps) {
  const clock = useClock();
  // The open conversation is being read: its badge is always suppressed.
  const shown = active ? 0 : unreadCount;
  const unread = shown > 0;
  const preview = previewOf(contact);
  const last = contact.lastMessage;
  const timeId = `contact-row-time-${contact.id}`;
  const previewId = `contact-row-preview-${contact.id}`;

  return (
    <div
      data-testid={`contact-row-${contact.id}`}
      data-contact-row={contact.id}
      data-active={active ? "true" : "false"}
      data-unread-count={shown}
      data-contact-name={contact.name}
      data-muted={muted ? "true" : "false"}
      className="group relative"
      style={{ height: ROW_HEIGHT }}
    >
      <button
        type="button"
        data-row-open=""
        onClick={() => onOpen(contact.id)}
        aria-current={active ? "true" : undefined}
        // Name and count first, as a screen reader lists rows; time and preview follow as the description.
        aria-label={[contact.name, unread ? unreadLabel(shown) : null, muted ? "muted" : null].filter(Boolean).join(", ")}
        aria-describedby={last ? `${timeId} ${previewId}` : previewId}
        className={`flex h-full w-full items-center gap-3 px-4 text-left transition-colors focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 ${
          active ? "bg-sky-50 before:absolute before:inset-y-0 before:left-0 before:w-[3px] before:bg-sky-600" : "hover:bg-slate-50"
        }`}
      >
        <Avatar name={contact.name} />
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-2">
            <span className={`truncate text-sm ${unread && !muted ? "font-semibold text-slate-900" : "font-medium text-slate-800"}`}>
              {contact.name}
            </span>
            {muted ? <BellOffIcon className="h-3.5 w-3.5 shrink-0 text-slate-500" /> : null}
            <UnreadBadge count={shown} contactId={contact.id} muted={muted} />
            {last ? (
              <time
                id={timeId}
                dateTime={last.createdAt}
                title={formatFullTime(last.createdAt, clock)}
                className={`ml-auto shrink-0 text-xs ${unread ? "font-medium text-slate-900" : "text-slate-600"}`}
              >
                {formatRelativeTime(last.createdAt, clock)}
              </time>
            ) : null}
          </span>
          <span
            id={previewId}
            className={`mt-0.5 block truncate text-[13px] md:pr-8 ${
              preview.muted ? "text-slate-600 italic" : unread ? "text-slate-700" : "text-slate-600"
            }`}
          >
            {preview.text}
          </span>
        </span>
      </button>
      {/* Pointer devices only: on touch screens the thread header has the same menu. */}
      <div className="absolute right-2.5 bottom-1.5 hidden opacity-0 transition-opacity group-hover:opacity-100 focus-within:opacity-100 has-[[aria-expanded=true]]:opacity-100 md:block">
        <ContactMenu
          contactId={contact.id}
          contactName={contact.name}
          unreadCount={shown}
          muted={muted}
          onMarkRead={onMarkRead}
          onMarkUnread={onMarkUnread}
          onToggleMute={onToggleMute}
        />
      </div>
    </div>
  );
}

export const ConnectedContactRow = memo(function ConnectedContactRow({ contact }: { contact: SidebarContact }) {
  const { controller } = useInbox();
  const unreadCount = useUnreadCount(controller.unread, contact.id);
  const active = useIsActive(controller, contact.id);
  const muted = useMuted(controller.unread, contact.id);
  return (
    <ContactRow
      contact={contact}
      unreadCount={unreadCount}
      active={active}
      muted={muted}
      onToggleMute={controller.toggleMute}
      onOpen={controller.open}
      onMarkRead={controller.markRead}
      onMarkUnread={controller.markUnread}
    />
  );
});
