// For roles without messages:list (viewers): a clear explanation instead of
// a broken inbox.
import { LockedPanel } from "@/components/ui/locked-panel";
import type { PageSession } from "@/lib/auth/current-user";

export function NoAccess({ session }: { session: PageSession }) {
  const canSwitch = session.organizations.some((organization) => organization.role !== "viewer");
  return (
    <LockedPanel testId="no-access" title="No access to the inbox">
      <p className="mt-2 text-sm leading-relaxed text-slate-600">
        You&apos;re signed in to <span className="font-medium text-slate-900">{session.organization.name}</span> as a viewer. Viewers
        can&apos;t read or reply to conversations.
      </p>
      <p className="mt-3 text-sm leading-relaxed text-slate-600">
        {canSwitch
          ? "Switch to another organization in the header, or ask an admin for agent access."
          : "Ask an admin of your organization for agent access."}
      </p>
    </LockedPanel>
  );
}
