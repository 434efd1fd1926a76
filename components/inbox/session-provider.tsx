"use client";
// next-auth's SessionProvider, needed for useSession().update (switching the
// active organization). The server already checked the session, so it is not
// refetched on every window focus.
import { SessionProvider } from "next-auth/react";

export function AppSessionProvider({ children }: { children: React.ReactNode }) {
  return (
    <SessionProvider refetchOnWindowFocus={false} refetchWhenOffline={false}>
      {children}
    </SessionProvider>
  );
}
