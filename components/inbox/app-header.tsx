// The top bar of every signed-in page: product, organization (a switcher
// when the user belongs to several), who is signed in, and Sign out.
import Link from "next/link";
import { NotificationControl } from "@/components/inbox/notification-control";
import { OrganizationSwitcher } from "@/components/inbox/organization-switcher";
import { SignOutButton } from "@/components/inbox/sign-out-button";
import { Avatar } from "@/components/ui/avatar";
import type { PageSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import type { OrganizationUnread } from "@/lib/shared/api-types";

const ROLE_LABEL: Record<PageSession["role"], string> = { owner: "Owner", admin: "Admin", agent: "Agent", viewer: "Viewer" };

/** `otherUnread`: the other organizations' totals for the switcher, loaded by the layout (server). */
export function AppHeader({ session, otherUnread }: { session: PageSession; otherUnread: OrganizationUnread[] }) {
  const multi = session.organizations.length > 1;
  return (
    <header data-testid="app-header" className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 sm:px-4">
      <Link href="/inbox" className="flex shrink-0 items-center gap-2 rounded-lg focus-visible:outline-2 focus-visible:outline-sky-600">
        <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-slate-900 text-sm font-bold text-white">B</span>
        <span className="hidden text-base font-semibold tracking-tight text-slate-900 sm:inline">Badger</span>
      </Link>
      <span aria-hidden="true" className="hidden h-6 w-px bg-slate-200 sm:block" />
      {multi ? (
        <OrganizationSwitcher activeId={session.organization.id} organizations={session.organizations} initialUnread={otherUnread} />
      ) : (
        <span data-testid="org-name" className="truncate text-sm font-medium text-slate-900">
          {session.organization.name}
        </span>
      )}
      <div className="ml-auto flex shrink-0 items-center gap-1 sm:gap-3">
        {can(session.role, "messages:list") ? <NotificationControl userId={session.userId} /> : null}
        {can(session.role, "webhooks:manage") ? (
          <Link
            href="/settings/webhooks"
            data-testid="settings-link"
            className="rounded-lg px-2 py-1 text-sm font-medium whitespace-nowrap text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            Webhooks
          </Link>
        ) : null}
        {/* Decorative (the name is hidden on phones too): gives its room to the organization at 320 px. */}
        <div className="hidden items-center gap-2 min-[360px]:flex">
          <Avatar name={session.name} size="sm" />
          <div className="hidden leading-tight lg:block">
            <p data-testid="user-name" className="text-sm font-medium text-slate-900">
              {session.name}
            </p>
            <p className="text-xs text-slate-500">{ROLE_LABEL[session.role]}</p>
          </div>
        </div>
        <SignOutButton />
      </div>
    </header>
  );
}
