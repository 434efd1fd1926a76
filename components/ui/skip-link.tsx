"use client";
// The first stop of the Tab key on every signed-in page: past the header to
// the main content, or straight into the open conversation's thread.
import { usePathname } from "next/navigation";
import { useSyncExternalStore, type MouseEvent } from "react";
import { contactIdFromPath } from "@/lib/shared/inbox-path";

export const MAIN_CONTENT_ID = "main-content";
export const CONVERSATION_THREAD_ID = "conversation-thread";

// Whether a thread is on the page, not whether the URL names one: a 404 for
// a conversation URL has none, and a thread mounts after its first page loads.
function subscribeToMain(onChange: () => void) {
  const main = document.getElementById(MAIN_CONTENT_ID);
  const observer = new MutationObserver(onChange);
  if (main) observer.observe(main, { childList: true, subtree: true });
  return () => observer.disconnect();
}
const threadShown = () => document.getElementById(CONVERSATION_THREAD_ID) !== null;

export function SkipLink() {
  const conversationPath = contactIdFromPath(usePathname() ?? "") !== null;
  const conversation = useSyncExternalStore(subscribeToMain, threadShown, () => conversationPath);
  const target = conversation ? CONVERSATION_THREAD_ID : MAIN_CONTENT_ID;

  // Focus the target itself: following "#id" would also push a history
  // entry, which the inbox reads as a navigation.
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    const element = document.getElementById(target) ?? document.getElementById(MAIN_CONTENT_ID);
    if (!element) return;
    event.preventDefault();
    element.focus();
  }

  return (
    <a
      href={`#${target}`}
      onClick={onClick}
      // not-sr-only resets padding: the focused look is all in focus: utilities.
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[100] focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-semibold focus:text-slate-900 focus:shadow-lg"
    >
      {conversation ? "Skip to conversation" : "Skip to main content"}
    </a>
  );
}
