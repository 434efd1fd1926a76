import type { RealtimeStatus } from "@/lib/inbox/use-inbox-runtime";

/**
 * Shown while live updates are down, so nobody trusts a badge that may be
 * stale; counts resync by themselves when the connection is back.
 */
export function ConnectionBanner({ status }: { status: RealtimeStatus }) {
  if (status !== "unavailable" && status !== "failed" && status !== "disconnected") return null;
  return (
    <div data-testid="connection-banner" role="status" className="flex items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900">
      <span className="h-2 w-2 shrink-0 animate-pulse rounded-full bg-amber-500" aria-hidden="true" />
      {status === "failed" ? "Live updates are not supported here. Reload to refresh badges." : "Reconnecting… badges will update when you're back online."}
    </div>
  );
}
