"use client";

import { useState } from "react";

/** A value to copy into the provider's settings, with a Copy button. */
export function CopyField(props: { label: string; value: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard?.writeText(props.value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }
  return (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{props.label}</p>
      <div className="mt-1 flex items-stretch gap-2">
        <code
          data-testid={props.testId}
          className="min-w-0 flex-1 break-all rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800"
        >
          {props.value}
        </code>
        <button
          type="button"
          onClick={copy}
          className="shrink-0 rounded-lg border border-slate-300 px-3 text-xs font-medium text-slate-700 hover:bg-slate-50"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}

/** Shown once, right after a create or rotate: the secret is never shown again. */
export function SecretReveal(props: { name: string; url: string; secret: string; onDone: () => void }) {
  return (
    <section
      data-testid="secret-reveal"
      aria-live="polite"
      className="rounded-2xl border border-emerald-200 bg-emerald-50 p-4 shadow-sm sm:p-5"
    >
      <h2 className="text-sm font-semibold text-emerald-900">New signing secret for “{props.name}”</h2>
      <p className="mt-1 text-sm text-emerald-800">
        Copy it into your provider now. Badger stores it encrypted and will not show it again.
      </p>
      <div className="mt-4 space-y-3 rounded-xl bg-white p-3 ring-1 ring-emerald-100">
        <CopyField label="Endpoint URL" value={props.url} testId="reveal-url" />
        <CopyField label="Signing secret" value={props.secret} testId="reveal-secret" />
      </div>
      <button
        type="button"
        onClick={props.onDone}
        className="mt-4 rounded-lg bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800"
      >
        I&apos;ve copied it
      </button>
    </section>
  );
}
