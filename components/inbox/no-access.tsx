// For roles without messages:list (viewers): a clear explanation instead of
// a broken inbox.
import { LockIcon } from "@/components/ui/icons";
import type { PageSession } from "@/lib/auth/current-user";

export function NoAccess({ session }: { session: PageSession }) {
  const canSwitch = session.organizations.some((organization) => organization.role !== "viewer");
  return (
    <main data-testid="no-access" className="flex h-full items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <span className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-amber-50 text-amber-700 ring-1 ring-amber-200">
          <LockIcon className="h-6 w-6" />
        </span>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">No access to the inbox</h1>
        <p className="mt-2 text-sm leading-relaxed text-slate-600">
          You&apos;re signed in to <span className="font-medium text-slate-900">{session.organization.name}</span> as a viewer. Viewers
          can&apos;t read or reply to conversations.
        </p>
        <p className="mt-3 text-sm leading-relaxed text-slate-600">
          {canSwitch
            ? "Switch to another organization in the header, or ask an admin for agent access."
            : "Ask an admin of your organization for agent access."}
        </p>
      </div>
    </main>
  );
}
