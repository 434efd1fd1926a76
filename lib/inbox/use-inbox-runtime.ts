"use client";
// The browser side effects of the inbox, in one place: realtime
// subscriptions, tab visibility and close, the URL of the open conversation,
// toast clicks and keyboard shortcuts.
import "client-only";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { organizationChannel, userChannel } from "@/lib/realtime/channels";
import type { InboxController } from "@/lib/inbox/inbox-controller";
import { installToastClickOpen } from "@/lib/inbox/notify";
import { bindInboxRealtime, type OtherOrganizations } from "@/lib/inbox/realtime-handlers";
import type { ConnectionState, RealtimeSource } from "@/lib/inbox/realtime-source";
import { contactIdFromPath, pathFor } from "@/lib/shared/inbox-path";

/**
 * Conversations switch without a server round trip: the URL follows the
 * open conversation through history.pushState (which Next's router knows
 * about), and Back/Forward reopen the conversation in the URL.
 */
export function useUrlSync(controller: InboxController) {
  // Navigations made by Next itself (a <Link> to /inbox) change the pathname
  // without a popstate: follow them too. Null outside Next's router (tests).
  const pathname = usePathname();
  useEffect(() => {
    // A stale intermediate value (rapid clicks) is not where the user is: ignore it.
    if (pathname === null || pathname !== window.location.pathname) return;
    const wanted = contactIdFromPath(pathname);
    if (wanted !== controller.activeId()) controller.open(wanted);
  }, [controller, pathname]);

  useEffect(() => {
    const sync = () => {
      const wanted = controller.activeId();
      if (contactIdFromPath(window.location.pathname) !== wanted) window.history.pushState(null, "", pathFor(wanted));
    };
    const unsubscribe = controller.subscribeActive(sync);
    const onPopState = () => controller.open(contactIdFromPath(window.location.pathname));
    window.addEventListener("popstate", onPopState);
    return () => {
      unsubscribe();
      window.removeEventListener("popstate", onPopState);
    };
  }, [controller]);
}

/** "subscribed" once both channels are live: events can arrive. */
export type RealtimeStatus = ConnectionState | "subscribed";

export function useRealtime(
  controller: InboxController,
  createSource: () => RealtimeSource,
  ids: { organizationId: string; userId: string },
  onSource?: (source: RealtimeSource | null) => void,
  others?: OtherOrganizations,
): RealtimeStatus {
  const { organizationId, userId } = ids;
  const [status, setStatus] = useState<RealtimeStatus>("initialized");
  useEffect(() => {
    const source = createSource();
    onSource?.(source);
    const unbind = bindInboxRealtime(source, controller, { organizationId, userId }, others);
    const subscribed = new Set<string>();
    const markSubscribed = (channel: string) => () => {
      subscribed.add(channel);
      if (subscribed.size === 2) setStatus("subscribed");
    };
    const unwatch = [
      source.onSubscribed(organizationChannel(organizationId), markSubscribed("org")),
      source.onSubscribed(userChannel(userId), markSubscribed("user")),
      source.onConnectionChange(({ current }) => {
        // pusher-js resubscribes after a reconnect; wait for it again.
        subscribed.clear();
        setStatus(current);
      }),
    ];
    return () => {
      unbind();
      unwatch.forEach((stop) => stop());
      onSource?.(null);
      source.disconnect();
    };
    // createSource, onSource and others come from props once: a new identity must not reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, organizationId, userId]);
  return status;
}

/** Hidden tabs do not read; pending reads leave with keepalive when the tab hides or closes. */
export function useVisibility(controller: InboxController) {
  useEffect(() => {
    const onChange = () => controller.setVisible(document.visibilityState !== "hidden");
    const onPageHide = () => controller.pageHide();
    onChange();
    document.addEventListener("visibilitychange", onChange);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      document.removeEventListener("visibilitychange", onChange);
      window.removeEventListener("pagehide", onPageHide);
      // Unmounting (leaving the inbox): nothing pending may be lost.
      controller.pageHide();
    };
  }, [controller]);
}

export function useToastClicks(controller: InboxController) {
  useEffect(() => installToastClickOpen((contactId) => controller.open(contactId)), [controller]);
}

/** Alt+ArrowDown / Alt+ArrowUp: next / previous conversation with unread messages. */
export function useUnreadShortcuts(controller: InboxController) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const next = controller.nextUnread(event.key === "ArrowDown" ? 1 : -1);
      if (!next) return;
      event.preventDefault();
      controller.open(next);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [controller]);
}
