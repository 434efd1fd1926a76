"use client";
// Wires the tab presence (BroadcastChannel) and the desktop notifier into the
// inbox controller, in the browser only: the server render and browsers
// without Notification or BroadcastChannel simply get no system notifications.
import "client-only";
import { useEffect } from "react";
import { createDesktopNotifier, notificationsSupported } from "@/lib/inbox/desktop-notifications";
import type { InboxController } from "@/lib/inbox/inbox-controller";
import { createTabPresence } from "@/lib/inbox/tab-presence";

export function useDesktopNotifications(controller: InboxController, userId: string) {
  useEffect(() => {
    if (!notificationsSupported() || typeof BroadcastChannel === "undefined") return;
    const presence = createTabPresence({
      // Per user: two people signed in on one browser profile never elect each other.
      channelName: `badger-tabs-${userId}`,
      read: () => ({
        visible: document.visibilityState !== "hidden",
        focused: document.hasFocus(),
        openContactId: controller.activeId(),
      }),
    });
    const notifier = createDesktopNotifier(userId, presence);
    controller.setAttention((input) => notifier.message(input));
    const changed = () => presence.changed();
    document.addEventListener("visibilitychange", changed);
    window.addEventListener("focus", changed);
    window.addEventListener("blur", changed);
    const unsubscribe = controller.subscribeActive(changed);
    return () => {
      unsubscribe();
      document.removeEventListener("visibilitychange", changed);
      window.removeEventListener("focus", changed);
      window.removeEventListener("blur", changed);
      controller.setAttention(() => {});
      presence.dispose();
    };
  }, [controller, userId]);
}
