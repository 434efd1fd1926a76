// Toasts, behind a small interface so the inbox logic is testable without
// sonner and error text shown to people is always written for people.
import "client-only";
import { createElement } from "react";
import { toast } from "sonner";
import { BadgerApiError } from "@/lib/client/badger-api";
import { createToastBurst, summaryText } from "@/lib/inbox/toast-burst";
import { messagePreview } from "@/lib/shared/preview";

export type Notifier = {
  /** A new message for a conversation the user is not looking at. */
  message(input: { contactId: string; contactName: string; preview: string; onOpen: () => void }): void;
  error(message: string): void;
  /** The conversation was opened: its message toast has done its job. */
  dismiss(contactId: string): void;
};

/** The ids (and test ids) of message toasts: one toast per contact. */
export const MESSAGE_TOAST_PREFIX = "message-toast-";

/**
 * The attribute on a message toast's title that names its contact: what a
 * click on the toast opens (installToastClickOpen). Ours, so production never
 * reads a test id.
 */
const CONTACT_ATTRIBUTE = "data-contact-id";

/** The one summary toast of a burst of messages (see toast-burst.ts). */
export const MESSAGE_SUMMARY_ID = "message-summary";

/** A notifier with its own burst (one per page in the app; one per test in the tests). */
export function createSonnerNotifier(burst = createToastBurst()): Notifier {
  return {
    message({ contactId, contactName, preview, onOpen }) {
      const decision = burst.add(contactId);
      if (decision.kind === "summary") {
        for (const replaced of decision.replaces) toast.dismiss(`${MESSAGE_TOAST_PREFIX}${replaced}`);
        toast.info(summaryText(decision.messages, decision.conversations), {
          id: MESSAGE_SUMMARY_ID,
          testId: MESSAGE_SUMMARY_ID,
          description: `Newest from ${contactName}`,
          action: { label: "Open newest", onClick: onOpen },
        });
        return;
      }
      // One toast per contact: a second message replaces the first instead of
      // stacking a pile of toasts from one chatty customer.
      toast.info(createElement("span", { [CONTACT_ATTRIBUTE]: contactId }, contactName), {
        id: `${MESSAGE_TOAST_PREFIX}${contactId}`,
        testId: `${MESSAGE_TOAST_PREFIX}${contactId}`,
        description: messagePreview(preview, 80),
        className: "cursor-pointer",
        action: { label: "Open", onClick: onOpen },
      });
    },
    error(message) {
      toast.error(message);
    },
    dismiss(contactId) {
      toast.dismiss(`${MESSAGE_TOAST_PREFIX}${contactId}`);
    },
  };
}

export const sonnerNotifier: Notifier = createSonnerNotifier();

/**
 * sonner has no click handler for a whole toast: a delegated listener opens
 * the conversation when the toast body is clicked, and dismisses it.
 */
export function installToastClickOpen(open: (contactId: string) => void): () => void {
  const onClick = (event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || target.closest("button")) return; // close and action buttons handle themselves
    const marker = target.closest("[data-sonner-toast]")?.querySelector(`[${CONTACT_ATTRIBUTE}]`);
    const contactId = marker?.getAttribute(CONTACT_ATTRIBUTE);
    if (!contactId) return;
    toast.dismiss(`${MESSAGE_TOAST_PREFIX}${contactId}`);
    open(contactId);
  };
  document.addEventListener("click", onClick);
  return () => document.removeEventListener("click", onClick);
}

/** A sentence for a toast: the API's own message (written for humans), or a generic one. */
export function describeError(action: string, error: unknown): string {
  if (error instanceof BadgerApiError) {
    if (error.status === 401) return `Couldn't ${action}: your session has ended. Sign in again.`;
    if (error.status >= 500) return `Couldn't ${action}. The server had a problem; please try again.`;
    return `Couldn't ${action}. ${error.message}`;
  }
  return `Couldn't ${action}. Check your connection and try again.`;
}
