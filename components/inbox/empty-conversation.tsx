import { InboxIcon } from "@/components/ui/icons";

/** The right column when no conversation is open (desktop only; mobile shows the list). */
export function EmptyConversation() {
  return (
    <div data-testid="conversation-empty" className="flex h-full flex-col items-center justify-center bg-slate-50 px-8 text-center">
      <span className="mb-4 flex h-14 w-14 items-center justify-center rounded-2xl bg-white text-slate-500 shadow-sm ring-1 ring-slate-200">
        <InboxIcon className="h-7 w-7" />
      </span>
      <h2 className="text-base font-semibold text-slate-900">Select a conversation</h2>
      <p className="mt-1 max-w-xs text-sm text-slate-600">
        Pick a contact on the left to read and reply. Press{" "}
        <kbd className="rounded border border-slate-300 bg-white px-1 font-sans text-xs font-semibold">Alt</kbd> +{" "}
        <kbd className="rounded border border-slate-300 bg-white px-1 font-sans text-xs font-semibold">↓</kbd> to jump to the next
        unread one.
      </p>
    </div>
  );
}
