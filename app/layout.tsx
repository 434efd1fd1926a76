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
        {/* Offset below the 56 px app header so toasts never cover the account menu. */}
        <Toaster
          position="top-right"
          richColors
          closeButton
          visibleToasts={5}
          offset={{ top: 64, right: 16 }}
          mobileOffset={{ top: 64 }}
        />
      </body>
    </html>
  );
}
