"use client";
// The inbox on the client. It starts from the server's first page (badges
// already right in the HTML) and takes over: realtime, reads, resync.
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { ConnectionBanner } from "@/components/inbox/connection-banner";
import { ContactSidebar } from "@/components/inbox/contact-sidebar";
import { ConversationPane } from "@/components/inbox/conversation-pane";
import { DocumentBadge } from "@/components/inbox/document-badge";
import { EmptyConversation } from "@/components/inbox/empty-conversation";
import { createBadgerApi, type BadgerApi } from "@/lib/client/badger-api";
import { ClockContext, useClockSource } from "@/lib/inbox/clock";
import { InboxContext, useActiveContactId, type InboxViewer } from "@/lib/inbox/inbox-context";
import { createInboxController } from "@/lib/inbox/inbox-controller";
import { sonnerNotifier, type Notifier } from "@/lib/inbox/notify";
import { createSourceSlot, type RealtimeSource } from "@/lib/inbox/realtime-source";
import { useConversationFocus } from "@/lib/inbox/use-conversation-focus";
import { useDesktopNotifications } from "@/lib/inbox/use-desktop-notifications";
import { sharedOrganizationTotals } from "@/lib/inbox/organization-totals";
import { useRealtime, useToastClicks, useUnreadShortcuts, useUrlSync, useVisibility } from "@/lib/inbox/use-inbox-runtime";
import type { ContactPage } from "@/lib/messaging/contact-list";
import type { MessagePage } from "@/lib/messaging/messages";
import { createPusherRealtimeSource } from "@/lib/realtime/browser-client";
import type { PusherClientConfig } from "@/lib/realtime/public-config";

export type InitialThread = { contact: { id: string; name: string }; page: MessagePage };

export type InboxShellProps = {
  viewer: InboxViewer;
  initialContacts: ContactPage;
  initialThread: InitialThread | null;
  pusherConfig: PusherClientConfig;
  /** The member's other organizations, for the switcher's live totals (issue 14). */
  /** The other organizations whose channels this tab follows for the switcher (their snapshots come with the header). */
  otherOrganizationIds?: string[];
  /** Server render time (ms): relative times in the HTML and at hydration agree. */
  renderedAt: number;
  /** Test seams; production builds its own. */
  api?: BadgerApi;
  createRealtime?: () => RealtimeSource;
  notifier?: Notifier;
  readIntervalMs?: number;
};

export function InboxShell(props: InboxShellProps) {
  const [{ controller, realtime, totals }] = useState(() => {
    // Filled in by useRealtime once connected; read by every API call.
    const realtime = createSourceSlot();
    const api = props.api ?? createBadgerApi({ socketId: realtime.socketId });
    const controller = createInboxController({
      api,
      contacts: props.initialContacts.contacts,
      nextCursor: props.initialContacts.nextCursor,
      notify: props.notifier ?? sonnerNotifier,
      initialActiveId: props.initialThread?.contact.id ?? null,
      readIntervalMs: props.readIntervalMs,
    });
    const totals = { totals: sharedOrganizationTotals(), organizationIds: props.otherOrganizationIds ?? [] };
    return { controller, realtime, totals };
  });
  const activeId = useActiveContactId(controller);
  const activeName = useSyncExternalStore(
    controller.directory.subscribe,
    () => (activeId ? controller.directory.get(activeId)?.name : undefined),
    () => (activeId ? controller.directory.get(activeId)?.name : undefined),
  );
  const serverClock = useMemo(() => ({ now: props.renderedAt, timeZone: "UTC" }), [props.renderedAt]);
  const clock = useClockSource(serverClock);
  const context = useMemo(() => ({ controller, viewer: props.viewer }), [controller, props.viewer]);

  useUrlSync(controller);
  useVisibility(controller);
  useToastClicks(controller);
  useUnreadShortcuts(controller);
  const userOpened = useConversationFocus(controller, activeId);
  useDesktopNotifications(controller, props.viewer.userId);
  const realtimeStatus = useRealtime(
    controller,
    props.createRealtime ?? (() => createPusherRealtimeSource(props.pusherConfig)),
    { organizationId: props.viewer.organizationId, userId: props.viewer.userId },
    realtime.set,
    totals,
  );
  // The switcher shows this organization's total as the inbox counts it.
  // Pushed from the store, not read in render: the total must re-render nothing here.
  const organizationId = props.viewer.organizationId;
  useEffect(() => {
    const push = () => totals.totals.setActive(organizationId, controller.unread.total());
    push();
    return controller.unread.subscribe(push);
  }, [controller, totals, organizationId]);

  useEffect(() => {
    // A deep link opens a conversation: read it now that a browser shows it.
    const id = controller.activeId();
    if (id) controller.markRead(id);
    return () => controller.dispose();
  }, [controller]);

  // The deep-linked thread's first page came with the HTML (refreshed on mount).
  const thread = props.initialThread;
  return (
    <InboxContext.Provider value={context}>
      <ClockContext.Provider value={clock}>
        <DocumentBadge />
        <div data-testid="inbox" data-realtime={realtimeStatus} className="flex h-full min-h-0">
          <div
            className={`${activeId ? "hidden md:flex" : "flex"} w-full shrink-0 flex-col border-r border-slate-200 md:w-[340px] lg:w-[380px]`}
          >
            <ConnectionBanner status={realtimeStatus} />
            <ContactSidebar activeId={activeId} />
          </div>
          <div className={`${activeId ? "flex" : "hidden md:flex"} min-w-0 flex-1 flex-col`}>
            {activeId ? (
              <ConversationPane
                key={activeId}
                contact={{ id: activeId, name: activeName ?? thread?.contact.name ?? "Conversation" }}
                initial={thread?.contact.id === activeId ? thread.page : null}
                focusThread={userOpened}
                onBack={() => controller.open(null)}
              />
            ) : (
              <EmptyConversation />
            )}
          </div>
        </div>
      </ClockContext.Provider>
    </InboxContext.Provider>
  );
}
