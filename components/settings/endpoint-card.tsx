"use client";

import { useState } from "react";
import type { EndpointSummary } from "@/lib/webhooks/inbound-endpoints";
import { CopyField } from "./secret-reveal";

const OVERLAPS = [
  { minutes: 24 * 60, label: "Keep the old secret for 24 hours" },
  { minutes: 60, label: "Keep the old secret for 1 hour" },
  { minutes: 7 * 24 * 60, label: "Keep the old secret for 7 days" },
  { minutes: 0, label: "Stop the old secret now" },
];

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

export function EndpointCard(props: {
  endpoint: EndpointSummary;
  url: string;
  busy: boolean;
  onRotate: (overlapMinutes: number) => void;
  onRevoke: () => void;
}) {
  const { endpoint } = props;
  const [overlap, setOverlap] = useState(OVERLAPS[0].minutes);
  const [confirming, setConfirming] = useState(false);
  return (
    <li data-testid={`endpoint-${endpoint.id}`} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 className="text-base font-semibold text-slate-900">{endpoint.name}</h2>
        <p className="text-xs text-slate-500">Created {dateTime(endpoint.createdAt)}</p>
      </div>
      <div className="mt-3">
        <CopyField label="Endpoint URL" value={props.url} testId={`endpoint-url-${endpoint.id}`} />
      </div>
      <div className="mt-3">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Signing secrets</p>
        <ul className="mt-1 space-y-1">
          {endpoint.secrets.map((secret) => (
            <li key={secret.id} className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <span className="font-mono text-xs text-slate-800">whsec_{secret.hint}</span>
              {secret.expiresAt ? (
                <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
                  previous, valid until {dateTime(secret.expiresAt)}
                </span>
              ) : (
                <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200">
                  current
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
      <div className="mt-4 flex flex-col gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:items-center">
        <label className="sr-only" htmlFor={`overlap-${endpoint.id}`}>
          During the rotation
        </label>
        <select
          id={`overlap-${endpoint.id}`}
          value={overlap}
          onChange={(event) => setOverlap(Number(event.target.value))}
          className="rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm text-slate-700"
        >
          {OVERLAPS.map((option) => (
            <option key={option.minutes} value={option.minutes}>
              {option.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={props.busy}
          onClick={() => props.onRotate(overlap)}
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
        >
          Rotate secret
        </button>
        <div className="sm:ml-auto">
          {confirming ? (
            <span className="flex items-center gap-2">
              <button
                type="button"
                disabled={props.busy}
                onClick={props.onRevoke}
                className="rounded-lg bg-red-600 px-3 py-2 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-60"
              >
                Revoke now
              </button>
              <button type="button" onClick={() => setConfirming(false)} className="px-2 py-2 text-sm text-slate-600 hover:text-slate-900">
                Cancel
              </button>
            </span>
          ) : (
            <button
              type="button"
              onClick={() => setConfirming(true)}
              className="rounded-lg px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
            >
              Revoke…
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
