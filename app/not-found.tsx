import type { Metadata } from "next";
import { NotFoundCard } from "@/components/ui/not-found-card";

export const metadata: Metadata = { title: "Not found" };

/** Unknown pages outside the signed-in frame (which has its own, inside its <main>). */
export default function NotFound() {
  return (
    <main data-testid="not-found" className="flex min-h-full items-center justify-center bg-slate-50 px-4 py-12">
      <NotFoundCard />
    </main>
  );
}
