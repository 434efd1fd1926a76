"use client";
// The scrolling conversation, oldest at the top. Opens at the bottom, or at
// the "New messages" line when there was something unread (loading back to
// it), keeps the reader's place when older pages load above, and follows new
// messages only when the reader is already at the bottom (or just sent one).
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from "react";
import { MessageBubble } from "@/components/inbox/message-bubble";
import { JumpToNewPill, NewMessagesDivider } from "@/components/inbox/new-messages-line";
import { CONVERSATION_THREAD_ID } from "@/components/ui/skip-link";
import { Spinner } from "@/components/ui/spinner";
import { useClock } from "@/lib/inbox/clock";
import { formatDayLabel, isSameDay } from "@/lib/inbox/relative-time";
import { locateNewLine, type NewLine } from "@/lib/inbox/new-line";
import type { ThreadMessage } from "@/lib/inbox/thread-messages";

type Props = {
  contactName: string;
  /** The signed-in member: their own replies are not announced back to them. */
  selfName: string;
  /** Opened by the user (not by loading the page): the focus moves here. */
  autoFocus: boolean;
  messages: ThreadMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  canDelete: boolean;
  onLoadOlder: () => void;
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
  onDelete: (id: string) => void;
  /** Where the "New messages" line goes, fixed when the conversation was opened; null: none. */
  newLine?: NewLine | null;
};

const NEAR_BOTTOM_PX = 120;
/** The line sits this far below the top of the view, with a little context above it. */
const LINE_MARGIN_PX = 48;
const LOAD_OLDER_PX = 160;
const useIsomorphicLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

export function MessageThread(props: Props) {
  const { messages, hasOlder, loadingOlder, onLoadOlder } = props;
  const clock = useClock();
  const scroller = useRef<HTMLDivElement>(null);
  const previous = useRef({ first: "", last: "", scrollHeight: 0, nearBottom: true });
  const [announcement, setAnnouncement] = useState("");
  const { autoFocus, contactName, selfName } = props;

  useEffect(() => {
    const element = scroller.current;
    // A first page that loads late must not pull the focus out of a composer the user already went to.
    if (!autoFocus || !element || element.closest("section")?.contains(document.activeElement)) return;
    element.focus({ preventScroll: true });
  }, [autoFocus]);
  const newLine = props.newLine ?? null;
  const located = newLine ? locateNewLine(newLine, messages, hasOlder) : null;
  const lineRef = useRef<HTMLDivElement>(null);
  /** The first scroll, to the line or the bottom, is done. */
  const placed = useRef(false);
  const [lineOut, setLineOut] = useState<"above" | "below" | null>(null);

  function checkLine() {
    const element = scroller.current;
    const line = lineRef.current;
    let out: "above" | "below" | null = null;
    if (element && line && element.clientHeight > 0) {
      if (line.offsetTop + line.offsetHeight < element.scrollTop) out = "above";
      else if (line.offsetTop > element.scrollTop + element.clientHeight) out = "below";
    }
    setLineOut(out);
  }

  useIsomorphicLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const first = messages[0]?.id ?? "";
    const last = messages.at(-1);
    const before = previous.current;
    const arrived = newAtTheEnd(messages, before.last, selfName);
    if (arrived) setAnnouncement(`${arrived.direction === "inbound" ? contactName : (arrived.authorName ?? "A teammate")}: ${arrived.body}`);
    if (!placed.current && located && !located.complete) {
      // The first unread message is above the loaded page: load back to it first.
      if (hasOlder && !loadingOlder) onLoadOlder();
    } else if (!placed.current && first) {
      placed.current = true;
      const line = lineRef.current;
      element.scrollTop = line ? Math.max(0, line.offsetTop - LINE_MARGIN_PX) : element.scrollHeight;
    } else if (first !== before.first && last?.id === before.last) element.scrollTop += element.scrollHeight - before.scrollHeight;
    else if (last && last.id !== before.last && (before.nearBottom || last.status === "sending")) element.scrollTop = element.scrollHeight;
    previous.current = { first, last: last?.id ?? "", scrollHeight: element.scrollHeight, nearBottom: isNearBottom(element) };
    checkLine();
    // A short first page does not fill the view, so no scroll would ever ask for more.
    if (hasOlder && !loadingOlder && element.scrollHeight <= element.clientHeight && element.clientHeight > 0) onLoadOlder();
  }, [messages, hasOlder, loadingOlder, onLoadOlder, contactName, selfName]);

  function onScroll() {
    const element = scroller.current;
    if (!element) return;
    previous.current.nearBottom = isNearBottom(element);
    previous.current.scrollHeight = element.scrollHeight;
    checkLine();
    if (element.scrollTop < LOAD_OLDER_PX && hasOlder && !loadingOlder) onLoadOlder();
  }

  function jumpToLine() {
    const element = scroller.current;
    const line = lineRef.current;
    if (element && line) element.scrollTop = Math.max(0, line.offsetTop - LINE_MARGIN_PX);
  }

  const lineAt = located?.complete ? located.index : -1;
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {lineAt >= 0 && lineOut ? <JumpToNewPill direction={lineOut} onJump={jumpToLine} /> : null}
      {/* Not a live region itself: opening it or loading older pages would read them all out.
          A tab stop: a keyboard user scrolls it with the arrows, whatever controls it holds (WCAG 2.1.1). */}
      <div
        ref={scroller}
        onScroll={onScroll}
        id={CONVERSATION_THREAD_ID}
        tabIndex={0}
        data-focus-area
        data-testid="thread"
        role="region"
        aria-label={`Messages with ${contactName}`}
        className="relative min-h-0 flex-1 overflow-y-auto overscroll-contain py-4"
      >
        {/* A readable column on wide screens: bubbles stay within reach of each other. */}
        <div className="mx-auto w-full max-w-4xl">
          <div className="flex min-h-8 items-center justify-center pb-2">
            {loadingOlder ? (
              <span className="flex items-center gap-2 text-xs text-slate-500">
                <Spinner className="h-3 w-3" label="Loading older messages" /> Loading older messages…
              </span>
            ) : hasOlder ? (
              <button type="button" onClick={onLoadOlder} className="text-xs font-medium text-sky-700 hover:underline">
                Load older messages
              </button>
            ) : messages.length > 0 ? (
              <span className="text-xs text-slate-500">This is the start of your conversation with {props.contactName}.</span>
            ) : null}
          </div>
          {messages.length === 0 ? (
            <p data-testid="thread-empty" className="px-6 py-16 text-center text-sm text-slate-600">
              No messages yet. Say hello to {props.contactName}.
            </p>
          ) : null}
          {messages.map((message, index) => {
            const newDay = index === 0 || !isSameDay(messages[index - 1].createdAt, message.createdAt, clock);
            return (
              <Fragment key={message.id}>
                {newDay ? (
                  <div className="my-3 flex items-center gap-3 px-4" role="separator">
                    <span className="h-px flex-1 bg-slate-200" />
                    <span className="text-xs font-medium text-slate-500">{formatDayLabel(message.createdAt, clock)}</span>
                    <span className="h-px flex-1 bg-slate-200" />
                  </div>
                ) : null}
                {index === lineAt && newLine ? <NewMessagesDivider ref={lineRef} count={newLine.count} /> : null}
                <MessageBubble
                  message={message}
                  canDelete={props.canDelete}
                  onRetry={props.onRetry}
                  onDiscard={props.onDiscard}
                  onDelete={props.onDelete}
                />
              </Fragment>
            );
          })}
        </div>
      </div>
      <p data-testid="thread-announcer" role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

/**
 * The message that just arrived at the end of the thread, if someone else
 * wrote it: not a first page, not older pages above, not one's own reply.
 */
function newAtTheEnd(messages: ThreadMessage[], previousLast: string, selfName: string): ThreadMessage | null {
  const last = messages.at(-1);
  if (!previousLast || !last || last.id === previousLast || last.status) return null;
  if (!messages.some((message) => message.id === previousLast)) return null;
  if (last.direction === "outbound" && (!last.authorName || last.authorName === selfName)) return null;
  return last.kind === "system" ? null : last;
}

function isNearBottom(element: HTMLElement) {
  return element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
}
