"use client";

import { signIn } from "next-auth/react";
import { useState, useSyncExternalStore, type FormEvent } from "react";

const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an account.",
  TooManyAttempts: "Too many sign-in attempts. Wait a few minutes and try again.",
  AccessDenied: "This GitHub account has no Badger account. Ask an admin to invite your email.",
  NoOrganization: "Your account does not belong to any organization yet.",
};

const subscribeToNothing = () => () => {};

function describeError(code: string | undefined | null) {
  if (!code) return null;
  return ERROR_MESSAGES[code] ?? "Sign-in failed. Please try again.";
}

export function LoginForm(props: { callbackUrl: string; initialError?: string; githubEnabled: boolean; csrfToken: string }) {
  const [error, setError] = useState(describeError(props.initialError));
  const [pending, setPending] = useState(false);
  // False in the server's HTML, true once hydrated: marks the moment the
  // submit handler below is live (the dev-server test waits for it).
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
      callbackUrl: props.callbackUrl,
    }).catch(() => undefined);
    if (result?.ok && !result.error) {
      window.location.assign(props.callbackUrl);
      return;
    }
    setPending(false);
    setError(describeError(result?.error ?? "unknown"));
  }

  return (
    <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      {/* Without JavaScript (or before it has loaded) the browser posts this form
          to next-auth itself, with its CSRF token: credentials travel in the
          body, never in a URL. With JavaScript, onSubmit takes over. */}
      <form
        method="post"
        action="/api/auth/callback/credentials"
        onSubmit={onSubmit}
        data-hydrated={hydrated ? "true" : undefined}
        className="space-y-4"
        noValidate={false}
      >
        <input type="hidden" name="csrfToken" value={props.csrfToken} />
        <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
        <label className="block">
          <span className="text-sm font-medium text-slate-700">Email</span>
          <input
            name="email"
            type="email"
            autoComplete="email"
            required
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-sky-600 focus:ring-1 focus:ring-sky-600"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium text-slate-700">Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-sky-600 focus:ring-1 focus:ring-sky-600"
          />
        </label>
        {error ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-lg bg-slate-900 px-4 py-2 text-sm font-semibold text-white transition hover:bg-slate-800 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {props.githubEnabled ? (
        <button
          type="button"
          onClick={() => signIn("github", { callbackUrl: props.callbackUrl })}
          className="mt-3 w-full rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Continue with GitHub
        </button>
      ) : null}
    </div>
  );
}
