"use client";

import { useMemo, useState, type FormEvent } from "react";
import { BadgerApiError, createBadgerApi } from "@/lib/client/badger-api";
import type { EndpointSummary, EndpointWithSecret } from "@/lib/webhooks/inbound-endpoints";
import { EndpointCard } from "./endpoint-card";
import { SecretReveal } from "./secret-reveal";

/** Owners and admins: create, rotate and revoke the organization's inbound endpoints. */
export function WebhookSettings(props: { organizationName: string; origin: string; initialEndpoints: EndpointSummary[] }) {
  const absolute = (path: string) => `${props.origin}${path}`;
  const api = useMemo(() => createBadgerApi(), []);
  const [endpoints, setEndpoints] = useState(props.initialEndpoints);
  const [revealed, setRevealed] = useState<EndpointWithSecret | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof BadgerApiError ? caught.message : "Something went wrong. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  const show = (result: EndpointWithSecret) => {
    setRevealed(result);
    setEndpoints((current) => [...current.filter((entry) => entry.id !== result.endpoint.id), result.endpoint].sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
  };

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(async () => {
      show(await api.createInboundEndpoint(name.trim()));
      setName("");
    });
  }

  return (
    <div className="h-full overflow-y-auto bg-slate-50">
      <div className="mx-auto w-full max-w-3xl space-y-6 px-4 py-6 sm:py-10">
        <header>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Inbound webhooks</h1>
          <p className="mt-1 text-sm leading-relaxed text-slate-600">
            Your SMS or chat provider delivers messages to {props.organizationName} through an endpoint URL, signed with its
            secret. Each endpoint only ever writes into this organization.
          </p>
        </header>

        {revealed ? (
          <SecretReveal
            name={revealed.endpoint.name}
            url={absolute(revealed.endpoint.path)}
            secret={revealed.secret}
            onDone={() => setRevealed(null)}
          />
        ) : null}

        <form onSubmit={create} className="flex flex-col gap-2 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end sm:p-5">
          <label className="block flex-1">
            <span className="text-sm font-medium text-slate-700">New endpoint</span>
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              maxLength={80}
              placeholder="e.g. Twilio SMS"
              className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm outline-none focus:border-sky-600 focus:ring-1 focus:ring-sky-600"
            />
          </label>
          <button
            type="submit"
            disabled={busy || name.trim() === ""}
            className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-800 disabled:opacity-60"
          >
            Create endpoint
          </button>
        </form>

        {error ? (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}

        <section aria-label="Endpoints">
          {endpoints.length === 0 ? (
            <p data-testid="endpoint-list" className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">
              No endpoints yet. Create one for each provider you connect.
            </p>
          ) : (
            <ul data-testid="endpoint-list" className="space-y-4">
              {endpoints.map((endpoint) => (
                <EndpointCard
                  key={endpoint.id}
                  endpoint={endpoint}
                  url={absolute(endpoint.path)}
                  busy={busy}
                  onRotate={(overlapMinutes) => void run(async () => show(await api.rotateInboundEndpoint(endpoint.id, overlapMinutes)))}
                  onRevoke={() =>
                    void run(async () => {
                      await api.revokeInboundEndpoint(endpoint.id);
                      setEndpoints((current) => current.filter((entry) => entry.id !== endpoint.id));
                      setRevealed((current) => (current?.endpoint.id === endpoint.id ? null : current));
                    })
                  }
                />
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
