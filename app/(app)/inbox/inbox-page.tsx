// Shared by /inbox and /inbox/[contactId]: the no-access page for roles
// without messages:list, otherwise the inbox with its server-loaded state.
import type { Metadata } from "next";
import { InboxShell } from "@/components/inbox/inbox-shell";
import { NoAccess } from "@/components/inbox/no-access";
import { can } from "@/lib/auth/permissions";
import { loadInbox } from "@/lib/pages/load-inbox";
import { otherOrganizationIds } from "@/lib/pages/load-organization-unread";
import { publicPusherConfig } from "@/lib/realtime/public-config";

export async function inboxMetadata(contactId: string | null): Promise<Metadata> {
  const data = await loadInbox(contactId);
  if (data.access === "denied") return { title: "No access" };
  // The root layout's template adds " · Badger": "(7) Inbox · Badger".
  return { title: data.total > 0 ? `(${data.total}) Inbox` : "Inbox" };
}

export async function InboxPage({ contactId }: { contactId: string | null }) {
  const data = await loadInbox(contactId);
  if (data.access === "denied") return <NoAccess session={data.session} />;
  const { session } = data;
  return (
    <InboxShell
      viewer={{
        userId: session.userId,
        organizationId: session.organization.id,
        name: session.name,
        canSend: can(session.role, "messages:send"),
        canDelete: can(session.role, "messages:delete"),
      }}
      initialContacts={data.contacts}
      initialThread={data.thread}
      otherOrganizationIds={otherOrganizationIds(session)}
      pusherConfig={publicPusherConfig()}
      renderedAt={data.renderedAt}
    />
  );
}
