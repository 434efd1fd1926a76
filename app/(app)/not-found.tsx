import type { Metadata } from "next";
import { NotFoundCard } from "@/components/ui/not-found-card";

export const metadata: Metadata = { title: "Not found" };

/**
 * Conversations that do not exist or belong to another organization: the
 * signed-in layout already holds the page's one <main>.
 */
export default function NotFound() {
  return (
    <div data-testid="not-found" className="flex h-full items-center justify-center bg-slate-50 px-4 py-12">
      <NotFoundCard />
    </div>
  );
}
