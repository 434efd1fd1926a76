"use client";
// Switches the active organization in the JWT (the jwt callback checks the
// membership), then reloads: every channel, count and permission changes.
// Each organization shows its unread total, live (issue 14): this one's as
// the inbox counts it, the others' counted from their events
// (lib/inbox/organization-totals.ts); a pill sums the others so they are
// noticed without opening the list.
import { useSession } from "next-auth/react";
import { useState, useSyncExternalStore } from "react";
import { ChevronDownIcon } from "@/components/ui/icons";
import { sharedOrganizationTotals } from "@/lib/inbox/organization-totals";
import type { OrganizationUnread } from "@/lib/shared/api-types";

type Props = {
  activeId: string;
  organizations: { id: string; name: string; role: string }[];
  initialUnread: OrganizationUnread[];
};

const optionLabel = (name: string, total: number | undefined) => (total ? `${name} (${total} unread)` : name);

export function OrganizationSwitcher({ activeId, organizations, initialUnread }: Props) {
  const [totals] = useState(() => sharedOrganizationTotals(initialUnread));
  useSyncExternalStore(totals.subscribe, totals.version, totals.version);
  const elsewhere = organizations.reduce((sum, organization) => sum + (organization.id === activeId ? 0 : (totals.total(organization.id) ?? 0)), 0);
  const { update } = useSession();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function switchTo(organizationId: string) {
    if (organizationId === activeId) return;
    setPending(true);
    setFailed(false);
    const session = await update({ activeOrganizationId: organizationId }).catch(() => null);
    if (session?.activeOrganizationId === organizationId) {
      // A full load, not a client navigation: channels, counts and permissions all change.
      window.location.assign(new URL("/inbox", window.location.origin).href);
      return;
    }
    setPending(false);
    setFailed(true);
  }

  return (
    <div className="relative flex min-w-0 items-center gap-2">
      <label htmlFor="org-switcher" className="sr-only">
        Organization
      </label>
      <span className="relative flex min-w-0 items-center">
        <select
          id="org-switcher"
          data-testid="org-switcher"
          value={activeId}
          disabled={pending}
          onChange={(event) => void switchTo(event.target.value)}
          className="w-full min-w-0 max-w-36 appearance-none truncate rounded-lg border border-slate-200 bg-white py-1.5 pr-8 pl-3 text-sm sm:max-w-60 font-medium text-slate-900 hover:border-slate-300 focus-visible:border-sky-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60"
        >
          {organizations.map((organization) => (
            <option
              key={organization.id}
              value={organization.id}
              data-testid={`org-option-${organization.id}`}
              data-unread={totals.total(organization.id) ?? ""}
            >
              {optionLabel(organization.name, totals.total(organization.id))}
            </option>
          ))}
        </select>
        <ChevronDownIcon className="pointer-events-none absolute right-2.5 h-4 w-4 text-slate-500" />
      </span>
      {elsewhere > 0 ? (
        <span
          data-testid="org-switcher-elsewhere"
          className="shrink-0 rounded-full bg-red-600 px-1.5 py-0.5 text-[11px] font-semibold whitespace-nowrap text-white"
          title="Unread in your other organizations"
        >
          {elsewhere}
          {/* Phones: the number alone, so the header keeps its account controls in view. */}
          <span className="sr-only sm:not-sr-only"> elsewhere</span>
        </span>
      ) : null}
      {failed ? (
        <span role="alert" className="text-xs text-red-700">
          Couldn&apos;t switch. Try again.
        </span>
      ) : null}
    </div>
  );
}
