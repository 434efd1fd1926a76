"use client";
// React bindings for the unread store: each hook subscribes to exactly what it
// reads, so a change to one contact's count re-renders that contact's row.
import "client-only";
import { useCallback, useSyncExternalStore } from "react";
import type { UnreadView } from "@/lib/inbox/unread-store";

export function useUnreadCount(store: UnreadView, contactId: string): number {
  const subscribe = useCallback((listener: () => void) => store.subscribeContact(contactId, listener), [store, contactId]);
  const read = () => store.get(contactId);
  return useSyncExternalStore(subscribe, read, read);
}

export function useMuted(store: UnreadView, contactId: string): boolean {
  const subscribe = useCallback((listener: () => void) => store.subscribeContact(contactId, listener), [store, contactId]);
  const read = () => store.isMuted(contactId);
  return useSyncExternalStore(subscribe, read, read);
}

export function useUnreadTotal(store: UnreadView): number {
  return useSyncExternalStore(store.subscribe, store.total, store.total);
}

const EMPTY: ReadonlySet<string> = new Set();
const noSubscribe = () => () => {};

function useIdSet(store: UnreadView, read: () => ReadonlySet<string>, enabled: boolean): ReadonlySet<string> {
  const get = enabled ? read : () => EMPTY;
  return useSyncExternalStore(enabled ? store.subscribe : noSubscribe, get, get);
}

/** The contacts with a badge; only subscribes while `enabled` (the Unread filter is on). */
export const useUnreadIds = (store: UnreadView, enabled: boolean) => useIdSet(store, store.unreadIds, enabled);

/** The muted contacts (the Unread filter lists them last); only subscribes while `enabled`. */
export const useMutedIds = (store: UnreadView, enabled: boolean) => useIdSet(store, store.mutedIds, enabled);
