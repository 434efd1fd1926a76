import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { authOptions } from "@/lib/auth/auth-options";
import { CSRF_TOKEN_HEADER } from "@/lib/auth/csrf-cookie";
import { serverConfig } from "@/lib/config/server-config";

export const metadata: Metadata = { title: "Sign in" };

type LoginPageProps = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

/** Only same-site paths: an open redirect after login would be a phishing aid. */
function safeCallbackUrl(value: string | undefined) {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/inbox";
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const { callbackUrl, error } = await searchParams;
  const session = await getServerSession(authOptions());
  if (session?.user?.id) redirect(safeCallbackUrl(callbackUrl));
  // Set by proxy.ts along with next-auth's CSRF cookie: the form's no-script POST.
  const csrfToken = (await headers()).get(CSRF_TOKEN_HEADER) ?? "";
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-12 w-12 items-center justify-center rounded-xl bg-slate-900 text-lg font-bold text-white">
            B
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Badger</h1>
          <p className="mt-1 text-sm text-slate-600">Your team&apos;s shared inbox.</p>
        </div>
        <LoginForm
          callbackUrl={safeCallbackUrl(callbackUrl)}
          initialError={error}
          csrfToken={csrfToken}
          githubEnabled={Boolean(serverConfig().github)}
        />
      </div>
    </main>
  );
}
