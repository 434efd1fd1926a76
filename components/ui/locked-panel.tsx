// A page a role may not use: a lock, what it is and why, instead of an error.
import { LockIcon } from "@/components/ui/icons";

export function LockedPanel(props: { testId: string; title: string; children: React.ReactNode }) {
  return (
    <div data-testid={props.testId} className="flex h-full items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <span className="mx-auto mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-amber-50 text-amber-700 ring-1 ring-amber-200">
          <LockIcon className="h-6 w-6" />
        </span>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">{props.title}</h1>
        {props.children}
      </div>
    </div>
  );
}
