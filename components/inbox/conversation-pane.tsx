"use client";
// The right column for one open conversation. Mounted with key={contactId}:
// the "New messages" line it takes on mount stays until the member leaves
// the conversation or presses Esc.
import { useEffect, useState } from "react";
import { ContactMenu } from "@/components/inbox/contact-menu";
import { Composer } from "@/components/inbox/composer";
import { MessageThread } from "@/components/inbox/message-thread";
import { Avatar } from "@/components/ui/avatar";
import { AlertIcon, BellOffIcon, ChevronLeftIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { useInbox } from "@/lib/inbox/inbox-context";
import { anyPopupOpen } from "@/components/ui/use-dismiss";
import { useConversation } from "@/lib/inbox/use-conversation";
import { useMuted } from "@/lib/inbox/use-unread";
import type { MessagePage } from "@/lib/messaging/messages";

type Props = {
  contact: { id: string; name: string };
  initial: MessagePage | null;
  /** Opened by the user rather than by loading the page: the thread takes the focus. */
  focusThread: boolean;
  onBack: () => void;
};

export function ConversationPane({ contact, initial, focusThread, onBack }: Props) {
  const { controller, viewer } = useInbox();
  const conversation = useConversation(controller, contact, { initial, authorName: viewer.name });
  const { state } = conversation;
  const muted = useMuted(controller.unread, contact.id);
  const [newLine, setNewLine] = useState(() => controller.newLine(contact.id));

  useEffect(() => {
    if (!newLine) return;
    const onKey = (event: KeyboardEvent) => {
      // Esc first closes an open popup (a menu, a help panel); the line goes with an Esc of its own.
      if (event.key === "Escape" && !anyPopupOpen()) setNewLine(null);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [newLine]);

  return (
    <section data-testid="conversation" aria-label={`Conversation with ${contact.name}`} className="flex h-full min-h-0 flex-col bg-slate-50">
      <header data-testid="thread-header" className="flex h-16 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 md:px-5">
        <button
          type="button"
          data-testid="thread-back"
          onClick={onBack}
          aria-label="Back to conversations"
          className="-ml-1 flex h-9 w-9 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 md:hidden"
        >
          <ChevronLeftIcon className="h-5 w-5" />
        </button>
        {/* Phones hide the sidebar and its "Inbox" heading while a conversation is open. */}
        <h1 className="sr-only md:hidden">Inbox</h1>
        <Avatar name={contact.name} />
        <h2 className="min-w-0 flex-1 truncate text-base font-semibold text-slate-900">
          {contact.name}
          {muted ? (
            <span data-testid="thread-muted" className="ml-2 inline-flex items-center gap-1 align-middle text-xs font-medium text-slate-500">
              <BellOffIcon className="h-3.5 w-3.5" /> Muted
            </span>
          ) : null}
        </h2>
        <ContactMenu
          placement="header"
          contactId={contact.id}
          contactName={contact.name}
          unreadCount={0}
          muted={muted}
          onMarkRead={controller.markRead}
          onMarkUnread={controller.markUnread}
          onToggleMute={controller.toggleMute}
        />
      </header>
      {state.status === "loading" ? (
        <div data-testid="thread-loading" className="flex flex-1 items-center justify-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading conversation…
        </div>
      ) : state.status === "error" ? (
        <div data-testid="thread-error" className="flex flex-1 flex-col items-center justify-center gap-3 px-8 text-center">
          <AlertIcon className="h-8 w-8 text-red-500" />
          <p className="max-w-sm text-sm text-slate-700">{state.error}</p>
          <button
            type="button"
            onClick={() => void conversation.reload()}
            className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Try again
          </button>
        </div>
      ) : (
        <MessageThread
          contactName={contact.name}
          selfName={viewer.name}
          autoFocus={focusThread}
          messages={state.messages}
          hasOlder={state.olderCursor !== null}
          loadingOlder={state.loadingOlder}
          canDelete={viewer.canDelete}
          onLoadOlder={conversation.loadOlder}
          onRetry={conversation.retry}
          onDiscard={conversation.discard}
          onDelete={conversation.remove}
          newLine={newLine}
        />
      )}
      <Composer contactName={contact.name} canSend={viewer.canSend} onSend={conversation.send} />
    </section>
  );
}
