/** The red pill next to a contact's name (grey when muted). Renders nothing at zero. */
const BADGE_SHAPE = "text-[10px] font-semibold rounded-full min-w-[18px] h-[18px] flex items-center justify-center px-1 shrink-0";
export const BADGE_CLASSES = `bg-red-600 text-white ${BADGE_SHAPE}`;
/** slate-500 on white text: 4.8:1, readable, and plainly not the red that asks for attention. */
export const MUTED_BADGE_CLASSES = `bg-slate-500 text-white ${BADGE_SHAPE}`;

export function badgeText(count: number): string {
  return count > 99 ? "99+" : String(count);
}

export function unreadLabel(count: number): string {
  return count === 1 ? "1 unread message" : `${count} unread messages`;
}

export function UnreadBadge({ count, contactId, muted = false }: { count: number; contactId: string; muted?: boolean }) {
  if (count <= 0) return null;
  return (
    <span
      data-testid={`unread-badge-${contactId}`}
      data-muted={muted ? "true" : "false"}
      role="img"
      aria-label={muted ? `${unreadLabel(count)}, muted` : unreadLabel(count)}
      className={muted ? MUTED_BADGE_CLASSES : BADGE_CLASSES}
    >
      {badgeText(count)}
    </span>
  );
}
