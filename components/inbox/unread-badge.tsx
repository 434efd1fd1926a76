/** The red pill next to a contact's name. Renders nothing at zero. */
export const BADGE_CLASSES =
  "bg-red-600 text-white text-[10px] font-semibold rounded-full min-w-[18px] h-[18px] flex items-center justify-center px-1 shrink-0";

export function badgeText(count: number): string {
  return count > 99 ? "99+" : String(count);
}

export function unreadLabel(count: number): string {
  return count === 1 ? "1 unread message" : `${count} unread messages`;
}

export function UnreadBadge({ count, contactId }: { count: number; contactId: string }) {
  if (count <= 0) return null;
  return (
    <span data-testid={`unread-badge-${contactId}`} role="img" aria-label={unreadLabel(count)} className={BADGE_CLASSES}>
      {badgeText(count)}
    </span>
  );
}
