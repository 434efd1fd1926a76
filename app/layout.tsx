import type { Metadata, Viewport } from "next";
import { Toaster } from "sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Badger", template: "%s · Badger" },
  description: "A shared team inbox with real-time unread badges.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="font-sans">
        {children}
        {/* Bottom right, above the composer (its height is --toast-bottom, set by
            the composer): over the thread's messages, never over the header's
            account controls, the thread header's menu or the reply box. At most
            three at once; a burst of messages becomes one summary (lib/inbox/notify.ts). */}
        <Toaster
          position="bottom-right"
          richColors
          closeButton
          visibleToasts={3}
          offset={{ bottom: "var(--toast-bottom, 16px)", right: 24 }}
          mobileOffset={{ bottom: "var(--toast-bottom, 16px)", left: 8, right: 8 }}
        />
      </body>
    </html>
  );
}
