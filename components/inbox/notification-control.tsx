"use client";
// The header's desktop-notification switch (issue 14, item 2): on, off, or
// blocked by the browser (with how to unblock). The browser's permission is
// asked only when this is clicked. The choice is this device's, per user.
import { useCallback, useEffect, useRef, useState } from "react";
import { BellIcon, BellOffIcon } from "@/components/ui/icons";
import { useDismiss } from "@/components/ui/use-dismiss";
import { notificationState, preferenceKey, setNotificationsWanted, type NotificationState } from "@/lib/inbox/desktop-notifications";

const LABEL: Record<Exclude<NotificationState, "unsupported">, string> = {
  on: "Notifications on",
  off: "Notifications off",
  blocked: "Notifications blocked",
};

const HELP_ID = "notification-help";

export function NotificationControl({ userId }: { userId: string }) {
  // "unsupported" on the server and until mounted: the browser decides.
  const [state, setState] = useState<NotificationState>("unsupported");
  const [help, setHelp] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const refresh = () => setState(notificationState(userId));
    refresh();
    // Another tab switched it, or the permission changed in the browser's settings.
    const onStorage = (event: StorageEvent) => event.key === preferenceKey(userId) && refresh();
    window.addEventListener("storage", onStorage);
    window.addEventListener("focus", refresh);
    return () => {
      window.removeEventListener("storage", onStorage);
      window.removeEventListener("focus", refresh);
    };
  }, [userId]);

  const closeHelp = useCallback(() => setHelp(false), []);
  useDismiss(help, closeHelp, [root]);

  if (state === "unsupported") return null;

  async function onClick() {
    if (state === "blocked") return setHelp((shown) => !shown);
    const next = await setNotificationsWanted(userId, state !== "on");
    setState(next);
    if (next === "blocked") setHelp(true);
  }

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        data-testid="notification-control"
        data-state={state}
        // On/off is a toggle; blocked, it only shows how to unblock (a disclosure).
        aria-pressed={state === "blocked" ? undefined : state === "on"}
        aria-expanded={state === "blocked" ? help : undefined}
        aria-controls={help ? HELP_ID : undefined}
        onClick={() => void onClick()}
        title={LABEL[state]}
        className={`flex h-9 items-center gap-1.5 rounded-lg px-2 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 ${
          state === "on" ? "text-sky-700" : state === "blocked" ? "text-amber-800" : "text-slate-600"
        }`}
      >
        {state === "on" ? <BellIcon className="h-4 w-4" /> : <BellOffIcon className="h-4 w-4" />}
        <span className="sr-only lg:not-sr-only">{LABEL[state]}</span>
      </button>
      {help ? (
        <div
          id={HELP_ID}
          data-testid="notification-help"
          // Right after its button in reading order, so not a dialog: the focus stays where it was.
          // Phones: the screen's width, since the button sits too near the edge for a 288 px popover.
          role="region"
          aria-label="Unblock notifications"
          className="fixed inset-x-3 top-14 z-50 rounded-lg sm:absolute sm:inset-x-auto sm:top-auto sm:right-0 sm:mt-2 sm:w-72 border border-slate-200 bg-white p-3 text-sm text-slate-700 shadow-lg"
        >
          <p className="font-semibold text-slate-900">Your browser blocks notifications from Badger.</p>
          <p className="mt-1">
            To allow them, click the icon left of the address bar (a lock or sliders), set <strong>Notifications</strong> to{" "}
            <strong>Allow</strong>, then reload this page.
          </p>
        </div>
      ) : null}
    </div>
  );
}
