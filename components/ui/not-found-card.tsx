import Link from "next/link";
import { SearchOffIcon } from "@/components/ui/icons";

/** What every 404 says, inside whichever page frame shows it. */
export function NotFoundCard() {
  return (
    <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <span className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-slate-100 text-slate-600">
        <SearchOffIcon className="h-6 w-6" />
      </span>
      <p className="text-sm font-semibold text-sky-700">404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight text-slate-900">We couldn&apos;t find that page</h1>
      <p className="mt-2 text-sm leading-relaxed text-slate-600">
        The conversation may have been removed, or it belongs to an organization you&apos;re not signed in to.
      </p>
      <Link
        href="/inbox"
        className="mt-6 inline-flex items-center justify-center rounded-lg bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-800"
      >
        Back to the inbox
      </Link>
    </div>
  );
}
