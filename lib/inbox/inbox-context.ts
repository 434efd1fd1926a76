"use client";
import "client-only";
import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import type { InboxController } from "@/lib/inbox/inbox-controller";

export type InboxViewer = {
  userId: string;
  organizationId: string;
  name: string;
  canSend: boolean;
  canDelete: boolean;
};

export type InboxContextValue = { controller: InboxController; viewer: InboxViewer };

export const InboxContext = createContext<InboxContextValue | null>(null);

export function useInbox(): InboxContextValue {
  const value = useContext(InboxContext);
  if (!value) throw new Error("useInbox must be used inside <InboxShell>");
  return value;
}

export function useActiveContactId(controller: InboxController): string | null {
  return useSyncExternalStore(controller.subscribeActive, controller.activeId, controller.activeId);
}

/** True for one row only: switching conversations re-renders two rows, not the list. */
export function useIsActive(controller: InboxController, contactId: string): boolean {
  const read = useCallback(() => controller.activeId() === contactId, [controller, contactId]);
  return useSyncExternalStore(controller.subscribeActive, read, read);
}
