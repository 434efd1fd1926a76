// Every signed-in page: the session is checked here (a redirect to /login
// otherwise), and the header sits above the page.
import { AppHeader } from "@/components/inbox/app-header";
import { AppSessionProvider } from "@/components/inbox/session-provider";
import { requirePageSession } from "@/lib/auth/current-user";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await requirePageSession("/inbox");
  return (
    <AppSessionProvider>
      <div className="flex h-dvh flex-col">
        <AppHeader session={session} />
        <div className="min-h-0 flex-1">{children}</div>
      </div>
    </AppSessionProvider>
  );
}
