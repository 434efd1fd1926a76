"use client";
// A menu of the user's organizations. Choosing one switches the active
// organization in the JWT (the jwt callback checks the membership), then
// reloads: every channel, count and permission changes. Each organization
// shows its unread total, live (issue 14): this one's as the inbox counts it,
// the others' counted from their events (lib/inbox/organization-totals.ts);
// a pill sums the others so they are noticed without opening the menu.
import { useSession } from "next-auth/react";
import { useCallback, useRef, useState, useSyncExternalStore } from "react";
import { CheckIcon, ChevronDownIcon } from "@/components/ui/icons";
import { useMenuKeys } from "@/components/ui/use-menu-keys";
import { sharedOrganizationTotals } from "@/lib/inbox/organization-totals";
import type { OrganizationUnread } from "@/lib/shared/api-types";

type Props = {
  activeId: string;
  organizations: { id: string; name: string; role: string }[];
  initialUnread: OrganizationUnread[];
};

const MENU_ID = "organization-menu";

const optionLabel = (name: string, total: number | undefined) => (total ? `${name} (${total} unread)` : name);

export function OrganizationSwitcher({ activeId, organizations, initialUnread }: Props) {
  const [totals] = useState(() => sharedOrganizationTotals(initialUnread));
  useSyncExternalStore(totals.subscribe, totals.version, totals.version);
  const elsewhere = organizations.reduce((sum, organization) => sum + (organization.id === activeId ? 0 : (totals.total(organization.id) ?? 0)), 0);
  const { update } = useSession();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const closeToButton = useMenuKeys(open, close, { menu, button }, { firstFocus: "[aria-checked=true]" });

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

  function choose(organizationId: string) {
    closeToButton();
    void switchTo(organizationId);
  }

  const activeName = organizations.find((organization) => organization.id === activeId)?.name ?? "";
  return (
    <div className="relative flex min-w-0 items-center gap-2">
      {/* A menu button, not a <select>: arrowing through a select's options
          would switch (and reload) at the first press (WCAG 3.2.2, On Input). */}
      <button
        ref={button}
        type="button"
        data-testid="org-switcher"
        data-organization-id={activeId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={MENU_ID}
        aria-busy={pending || undefined}
        // Not `disabled`: a disabled button drops the keyboard focus to the page.
        aria-disabled={pending || undefined}
        onClick={() => !pending && setOpen((shown) => !shown)}
        className="relative flex w-full min-w-0 max-w-36 items-center rounded-lg border border-slate-200 bg-white py-1.5 pr-8 pl-3 text-left text-sm font-medium text-slate-900 hover:border-slate-300 focus-visible:border-sky-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 aria-disabled:opacity-60 sm:max-w-60"
      >
        <span className="truncate">
          <span className="sr-only">Organization: </span>
          {optionLabel(activeName, totals.total(activeId))}
        </span>
        <ChevronDownIcon className="pointer-events-none absolute right-2.5 h-4 w-4 text-slate-500" />
      </button>
      {/* Always in the page (hidden when closed): each organization's live total is there to read. */}
      <div
        ref={menu}
        id={MENU_ID}
        role="menu"
        aria-label="Switch organization"
        hidden={!open}
        className="absolute top-full left-0 z-50 mt-1 w-64 max-w-[calc(100vw-1.5rem)] rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
      >
        {organizations.map((organization) => {
          const total = totals.total(organization.id);
          const current = organization.id === activeId;
          return (
            <button
              key={organization.id}
              type="button"
              role="menuitemradio"
              aria-checked={current}
              data-testid={`org-option-${organization.id}`}
              data-unread={total ?? ""}
              tabIndex={-1}
              onClick={() => (current ? closeToButton() : choose(organization.id))}
              className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600"
            >
              <CheckIcon className={`h-4 w-4 shrink-0 text-sky-700 ${current ? "" : "invisible"}`} />
              <span className={`min-w-0 flex-1 truncate ${current ? "font-semibold text-slate-900" : ""}`}>{organization.name}</span>
              {total ? (
                <span className="shrink-0 rounded-full bg-red-600 px-1.5 py-0.5 text-[11px] font-semibold text-white">
                  {total}
                  <span className="sr-only"> unread</span>
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
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
