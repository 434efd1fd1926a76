// Every signed-in page: the session is checked here (a redirect to /login
// otherwise), and the header sits above the page's main content.
import { AppHeader } from "@/components/inbox/app-header";
import { AppSessionProvider } from "@/components/inbox/session-provider";
import { MAIN_CONTENT_ID, SkipLink } from "@/components/ui/skip-link";
import { requirePageSession } from "@/lib/auth/current-user";
import { loadOtherOrganizationsUnread } from "@/lib/pages/load-organization-unread";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await requirePageSession("/inbox");
  const otherUnread = await loadOtherOrganizationsUnread(session);
  return (
    <AppSessionProvider>
      <div className="flex h-dvh flex-col">
        <SkipLink />
        <AppHeader session={session} otherUnread={otherUnread} />
        {/* tabIndex: the skip link's target must take the focus to move it past the header. */}
        <main id={MAIN_CONTENT_ID} tabIndex={-1} className="min-h-0 flex-1">
          {children}
        </main>
      </div>
    </AppSessionProvider>
  );
}
