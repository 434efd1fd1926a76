// Desktop (system) notifications (issue 14, item 2): opt-in per user and
// device (localStorage), permission asked only from the header control's
// click, and raised by one tab only (the presence leader) when no Badger tab
// is in front of the user. The message id is the notification's tag, so even
// a second tab's notification for the same message would replace, not add.
import "client-only";
import { messagePreview } from "@/lib/shared/preview";
import type { TabPresence } from "@/lib/inbox/tab-presence";

export type NotificationState = "unsupported" | "blocked" | "on" | "off";

export type AttentionInput = { messageId: string; contactId: string; contactName: string; preview: string; onOpen: () => void };

/** The preference's localStorage key: per user, and per device by nature. */
export const preferenceKey = (userId: string) => `badger:desktop-notifications:${userId}`;

export const notificationsSupported = () => typeof window !== "undefined" && "Notification" in window;

export function notificationState(userId: string): NotificationState {
  if (!notificationsSupported()) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  const wanted = window.localStorage.getItem(preferenceKey(userId)) === "on";
  return wanted && Notification.permission === "granted" ? "on" : "off";
}

/** The header control's click: asks the browser the first time, and remembers the choice for this device. */
export async function setNotificationsWanted(userId: string, wanted: boolean): Promise<NotificationState> {
  if (!notificationsSupported()) return "unsupported";
  if (wanted && Notification.permission === "default") await Notification.requestPermission();
  window.localStorage.setItem(preferenceKey(userId), wanted ? "on" : "off");
  return notificationState(userId);
}

/** What a tab does with a counted, unmuted message nobody in this tab is looking at. */
export function createDesktopNotifier(userId: string, presence: TabPresence) {
  return {
    message(input: AttentionInput) {
      if (notificationState(userId) !== "on") return;
      if (!presence.isLeader() || presence.anyActive() || presence.openVisibly(input.contactId)) return;
      const notification = new Notification(input.contactName, {
        body: messagePreview(input.preview, 80),
        tag: input.messageId,
        icon: "/favicon.svg",
      });
      notification.onclick = () => {
        window.focus();
        input.onOpen();
        notification.close();
      };
    },
  };
}
