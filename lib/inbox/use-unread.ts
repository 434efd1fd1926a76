"use client";
// React bindings for the unread store: each hook subscribes to exactly what it
// reads, so a change to one contact's count re-renders that contact's row.
import { useCallback, useSyncExternalStore } from "react";
import type { UnreadStore } from "@/lib/inbox/unread-store";

export function useUnreadCount(store: UnreadStore, contactId: string): number {
  const subscribe = useCallback((listener: () => void) => store.subscribeContact(contactId, listener), [store, contactId]);
  const read = () => store.get(contactId);
  return useSyncExternalStore(subscribe, read, read);
}

export function useUnreadTotal(store: UnreadStore): number {
  return useSyncExternalStore(store.subscribe, store.total, store.total);
}

const EMPTY: ReadonlySet<string> = new Set();
const noSubscribe = () => () => {};

/** The contacts with a badge; only subscribes while `enabled` (the Unread filter is on). */
export function useUnreadIds(store: UnreadStore, enabled: boolean): ReadonlySet<string> {
  return useSyncExternalStore(
    enabled ? store.subscribe : noSubscribe,
    enabled ? store.unreadIds : () => EMPTY,
    enabled ? store.unreadIds : () => EMPTY,
  );
}
