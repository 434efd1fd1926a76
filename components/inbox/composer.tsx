"use client";
// Reply box: Enter sends, Shift+Enter starts a new line, and it grows with
// its text up to a few lines. Roles without messages:send see why instead.
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { SendIcon } from "@/components/ui/icons";
import { useToastClearance } from "@/lib/inbox/use-toast-clearance";

export const MAX_MESSAGE_LENGTH = 4000;

type Props = { contactName: string; canSend: boolean; onSend: (body: string) => void };

export function Composer({ contactName, canSend, onSend }: Props) {
  const [body, setBody] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  const trimmed = body.trim();
  const tooLong = body.length > MAX_MESSAGE_LENGTH;
  const clearance = useToastClearance();

  if (!canSend) {
    return (
      <div ref={clearance} data-testid="composer-disabled" className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
        Your role can read this conversation but not reply to it.
      </div>
    );
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!trimmed || tooLong) return;
    onSend(body);
    setBody("");
    resize(input.current, "");
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form ref={clearance} data-testid="composer" onSubmit={submit} className="border-t border-slate-200 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
      <div className="mx-auto flex max-w-4xl items-end gap-2 rounded-xl border border-slate-300 bg-white px-3 py-2 shadow-sm focus-within:border-sky-600 focus-within:ring-1 focus-within:ring-sky-600">
        <label htmlFor="composer-input" className="sr-only">
          Reply to {contactName}
        </label>
        <textarea
          id="composer-input"
          ref={input}
          data-testid="composer-input"
          rows={1}
          value={body}
          placeholder={`Reply to ${contactName}…`}
          onChange={(event) => {
            setBody(event.target.value);
            resize(event.target, event.target.value);
          }}
          onKeyDown={onKeyDown}
          className="max-h-40 min-h-6 flex-1 resize-none bg-transparent text-sm leading-6 text-slate-900 outline-none placeholder:text-slate-500"
        />
        <button
          type="submit"
          data-testid="composer-send"
          disabled={!trimmed || tooLong}
          aria-label="Send"
          className="flex h-8 w-8 shrink-0 items-center justify-center rounded-lg bg-slate-900 text-white transition hover:bg-slate-700 disabled:bg-slate-200 disabled:text-slate-400"
        >
          <SendIcon />
        </button>
      </div>
      <p className="mx-auto mt-1.5 flex max-w-4xl justify-between px-1 text-[11px] text-slate-500">
        {/* Touch keyboards have no Shift+Enter: the hint is for desktops. */}
        <span className="hidden sm:inline">
          <kbd className="font-sans font-semibold">Enter</kbd> to send · <kbd className="font-sans font-semibold">Shift+Enter</kbd> for a new line
        </span>
        {body.length > MAX_MESSAGE_LENGTH - 200 ? (
          <span className={tooLong ? "font-semibold text-red-700" : ""}>
            {body.length}/{MAX_MESSAGE_LENGTH}
          </span>
        ) : null}
      </p>
    </form>
  );
}

function resize(element: HTMLTextAreaElement | null, value: string) {
  if (!element) return;
  element.style.height = "auto";
  if (value) element.style.height = `${element.scrollHeight}px`;
}
