"use client";
// One open conversation: its messages (oldest first), older pages on demand,
// live updates from the realtime events, and replies with a pending/failed
// state. Mount it with key={contactId}: a new contact starts from scratch.
import "client-only";
import { useCallback, useEffect, useRef, useState } from "react";
import type { MessagePage } from "@/lib/messaging/messages";
import type { InboxController } from "@/lib/inbox/inbox-controller";
import { describeError } from "@/lib/inbox/notify";
import { fromPage, mergeMessages, overlaps, type ThreadMessage } from "@/lib/inbox/thread-messages";

export const PAGE_SIZE = 30;

export type ConversationState = {
  status: "loading" | "ready" | "error";
  messages: ThreadMessage[];
  olderCursor: string | null;
  loadingOlder: boolean;
  error: string | null;
};

let localIds = 0;

export function useConversation(
  controller: InboxController,
  contact: { id: string; name: string },
  options: { initial?: MessagePage | null; authorName: string },
) {
  const { api } = controller;
  const contactId = contact.id;
  const [state, setState] = useState<ConversationState>(() =>
    options.initial
      ? { status: "ready", messages: fromPage(options.initial.messages), olderCursor: options.initial.nextCursor, loadingOlder: false, error: null }
      : { status: "loading", messages: [], olderCursor: null, loadingOlder: false, error: null },
  );
  const stateRef = useRef(state);
  stateRef.current = state;
  const latest = useRef<{ running: boolean; again: boolean }>({ running: false, again: false });
  // Messages deleted while a page fetch was in flight: the page was read
  // before the delete and would bring them back.
  const removed = useRef(new Set<string>());
  const live = (messages: MessagePage["messages"]) => messages.filter((message) => !removed.current.has(message.id));

  /** Fetch the newest page and merge it in; calls during a fetch make one more fetch after it. */
  const refreshLatest = useCallback(async () => {
    if (latest.current.running) {
      latest.current.again = true;
      return;
    }
    latest.current.running = true;
    try {
      do {
        latest.current.again = false;
        const fetched = await api.messages(contactId, { limit: PAGE_SIZE });
        const page = { ...fetched, messages: live(fetched.messages) };
        setState((current) => {
          const gap = current.messages.length > 0 && page.nextCursor !== null && !overlaps(current.messages, page.messages);
          return {
            ...current,
            status: "ready",
            error: null,
            messages: gap ? mergeMessages(current.messages.filter((message) => message.status), page.messages) : mergeMessages(current.messages, page.messages),
            olderCursor: current.status === "loading" || gap ? page.nextCursor : current.olderCursor,
          };
        });
      } while (latest.current.again);
    } catch (error) {
      setState((current) =>
        current.status === "loading" ? { ...current, status: "error", error: describeError("load this conversation", error) } : current,
      );
    } finally {
      latest.current.running = false;
    }
  }, [api, contactId]);

  // Also with a server-rendered first page: messages may have arrived between
  // the render and now, or the page may be from an earlier visit.
  useEffect(() => {
    void refreshLatest();
  }, [refreshLatest]);

  useEffect(
    () =>
      controller.subscribeThread((event) => {
        if (event.event.contactId !== contactId) return;
        if (event.type === "message.new") void refreshLatest();
        else {
          removed.current.add(event.event.id);
          setState((current) => ({ ...current, messages: current.messages.filter((message) => message.id !== event.event.id) }));
        }
      }),
    [controller, contactId, refreshLatest],
  );

  const loadOlder = useCallback(async () => {
    const { olderCursor, loadingOlder, status } = stateRef.current;
    if (!olderCursor || loadingOlder || status !== "ready") return;
    setState((current) => ({ ...current, loadingOlder: true }));
    try {
      const page = await api.messages(contactId, { before: olderCursor, limit: PAGE_SIZE });
      setState((current) => ({
        ...current,
        loadingOlder: false,
        messages: mergeMessages(current.messages, live(page.messages)),
        olderCursor: page.nextCursor,
      }));
    } catch (error) {
      setState((current) => ({ ...current, loadingOlder: false }));
      controller.notify.error(describeError("load older messages", error));
    }
  }, [api, contactId, controller]);

  const deliver = useCallback(
    async (localId: string, body: string) => {
      try {
        const { message } = await api.sendMessage(contactId, body);
        setState((current) => ({
          ...current,
          messages: mergeMessages(
            current.messages.filter((item) => item.id !== localId),
            [message],
          ),
        }));
        controller.noteSent(message, contact.name);
      } catch (error) {
        const reason = describeError("send this message", error);
        setState((current) => ({
          ...current,
          messages: current.messages.map((item) => (item.id === localId ? { ...item, status: "failed", error: reason } : item)),
        }));
      }
    },
    [api, contactId, controller, contact.name],
  );

  const send = useCallback(
    (body: string) => {
      const localId = `local-${++localIds}`;
      const pending: ThreadMessage = {
        id: localId,
        contactId,
        direction: "outbound",
        kind: "chat",
        body,
        preview: body,
        authorName: options.authorName,
        createdAt: new Date().toISOString(),
        status: "sending",
      };
      setState((current) => ({ ...current, messages: [...current.messages, pending] }));
      void deliver(localId, body);
    },
    [contactId, deliver, options.authorName],
  );

  const retry = useCallback(
    (localId: string) => {
      const failed = stateRef.current.messages.find((message) => message.id === localId);
      if (!failed) return;
      setState((current) => ({
        ...current,
        messages: current.messages.map((item) => (item.id === localId ? { ...item, status: "sending", error: undefined } : item)),
      }));
      void deliver(localId, failed.body);
    },
    [deliver],
  );

  const discard = useCallback((localId: string) => {
    setState((current) => ({ ...current, messages: current.messages.filter((message) => message.id !== localId) }));
  }, []);

  const remove = useCallback(
    async (messageId: string) => {
      const before = stateRef.current.messages;
      removed.current.add(messageId);
      setState((current) => ({ ...current, messages: current.messages.filter((message) => message.id !== messageId) }));
      try {
        await api.deleteMessage(messageId);
        // The server does not echo our own event back: update the preview here.
        controller.noteDeleted(contactId, messageId);
      } catch (error) {
        removed.current.delete(messageId);
        setState((current) => ({ ...current, messages: mergeMessages(current.messages, before.filter((m) => m.id === messageId)) }));
        controller.notify.error(describeError("delete the message", error));
      }
    },
    [api, contactId, controller],
  );

  const reload = useCallback(() => {
    setState((current) => ({ ...current, status: "loading", error: null }));
    return refreshLatest();
  }, [refreshLatest]);

  return { state, loadOlder, send, retry, discard, remove, reload };
}
