// The "New messages" divider above the first message that was unread when
// the conversation was opened, and the pill that brings it back into view
// (issue 14, item 1).
import { forwardRef } from "react";
import { newLineLabel } from "@/lib/inbox/new-line";

export const NewMessagesDivider = forwardRef<HTMLDivElement, { count: number }>(function NewMessagesDivider({ count }, ref) {
  return (
    <div ref={ref} data-testid="new-messages-line" role="separator" aria-label={newLineLabel(count)} className="my-3 flex items-center gap-3 px-4">
      <span className="h-px flex-1 bg-red-400" />
      <span className="text-xs font-semibold tracking-wide text-red-700 uppercase">{newLineLabel(count)}</span>
      <span className="h-px w-6 bg-red-400" />
    </div>
  );
});

/** Shown while the line is scrolled out of view; `direction` is where the line is. */
export function JumpToNewPill({ direction, onJump }: { direction: "above" | "below"; onJump: () => void }) {
  return (
    <button
      type="button"
      data-testid="jump-to-new"
      data-direction={direction}
      onClick={onJump}
      className={`absolute left-1/2 z-10 -translate-x-1/2 rounded-full bg-sky-700 px-3 py-1.5 text-xs font-semibold text-white shadow-md hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 ${
        direction === "above" ? "top-3" : "bottom-3"
      }`}
    >
      <span aria-hidden="true">{direction === "above" ? "↑ " : "↓ "}</span>
      Jump to first new message
    </button>
  );
}
