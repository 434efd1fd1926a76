"use client";
import { signOut } from "next-auth/react";
import { LogOutIcon } from "@/components/ui/icons";

/** An icon on phones (the header's room goes to the organization), with its words from sm up. */
export function SignOutButton() {
  return (
    <button
      type="button"
      data-testid="sign-out"
      title="Sign out"
      onClick={() => void signOut({ callbackUrl: "/login" })}
      className="flex h-9 shrink-0 items-center gap-1.5 rounded-lg px-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 hover:text-slate-900 sm:px-2.5"
    >
      <LogOutIcon className="h-4 w-4 sm:hidden" />
      <span className="sr-only sm:not-sr-only">Sign out</span>
    </button>
  );
}
