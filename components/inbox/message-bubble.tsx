"use client";
// One message: inbound on the left (white), outbound on the right (dark),
// system notes centred in small grey type; posts and tasks carry a label.
import { memo, useState } from "react";
import { useClock } from "@/lib/inbox/clock";
import { formatClockTime, formatFullTime } from "@/lib/inbox/relative-time";
import type { ThreadMessage } from "@/lib/inbox/thread-messages";

type Props = {
  message: ThreadMessage;
  canDelete: boolean;
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
  onDelete: (id: string) => void;
};

const KIND_LABEL = {
  post: { text: "Post", className: "bg-violet-100 text-violet-800" },
  task: { text: "Task", className: "bg-amber-100 text-amber-900" },
} as const;

export const MessageBubble = memo(function MessageBubble({ message, canDelete, onRetry, onDiscard, onDelete }: Props) {
  const clock = useClock();
  const [confirming, setConfirming] = useState(false);
  const testId = `message-${message.id}`;

  if (message.kind === "system") {
    return (
      <div data-testid={testId} data-kind="system" className="my-3 flex justify-center px-4">
        <p className="max-w-md rounded-full bg-slate-200/70 px-3 py-1 text-center text-xs text-slate-600">
          {message.body}
          <span className="sr-only"> · {formatFullTime(message.createdAt, clock)}</span>
        </p>
      </div>
    );
  }

  const outbound = message.direction === "outbound";
  const label = message.kind === "post" || message.kind === "task" ? KIND_LABEL[message.kind] : null;
  const deletable = canDelete && !message.status;

  return (
    <div
      data-testid={testId}
      data-direction={message.direction}
      data-kind={message.kind}
      data-status={message.status ?? "sent"}
      className={`group flex flex-col px-4 py-1 ${outbound ? "items-end" : "items-start"}`}
    >
      <div
        className={`max-w-[min(75%,36rem)] rounded-2xl px-3.5 py-2 text-sm leading-relaxed shadow-sm ${
          outbound
            ? `rounded-br-md bg-slate-900 text-white ${message.status === "sending" ? "opacity-70" : ""}`
            : "rounded-bl-md border border-slate-200 bg-white text-slate-900"
        } ${message.status === "failed" ? "ring-2 ring-red-400" : ""}`}
      >
        {label ? (
          <span className={`mb-1 inline-block rounded px-1.5 py-0.5 text-[10px] font-semibold tracking-wide uppercase ${label.className}`}>
            {label.text}
          </span>
        ) : null}
        <p className="break-words whitespace-pre-wrap">{message.body}</p>
      </div>
      <div className="mt-1 flex items-center gap-2 px-1 text-[11px] text-slate-500">
        {message.status === "sending" ? <span>Sending…</span> : null}
        {message.status === "failed" ? (
          <span role="alert" className="flex items-center gap-2 text-red-700">
            <span>Not sent.</span>
            <button type="button" className="font-semibold underline" onClick={() => onRetry(message.id)}>
              Retry
            </button>
            <button type="button" className="font-semibold underline" onClick={() => onDiscard(message.id)}>
              Discard
            </button>
          </span>
        ) : null}
        {!message.status ? (
          <time dateTime={message.createdAt} title={formatFullTime(message.createdAt, clock)}>
            {outbound && message.authorName ? `${message.authorName} · ` : ""}
            {formatClockTime(message.createdAt, clock)}
          </time>
        ) : null}
        {deletable ? (
          <button
            type="button"
            data-testid={`delete-${message.id}`}
            onClick={() => (confirming ? onDelete(message.id) : setConfirming(true))}
            onBlur={() => setConfirming(false)}
            className={`rounded px-1 font-medium focus-visible:opacity-100 ${
              confirming ? "text-red-700 opacity-100" : "text-slate-500 opacity-0 group-hover:opacity-100 hover:text-red-700"
            }`}
          >
            {confirming ? "Confirm delete" : "Delete"}
          </button>
        ) : null}
      </div>
    </div>
  );
});
