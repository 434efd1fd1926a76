import type { Metadata } from "next";
import { headers } from "next/headers";
import { WebhookSettings } from "@/components/settings/webhook-settings";
import { LockedPanel } from "@/components/ui/locked-panel";
import { requirePageSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/prisma";
import { listInboundEndpoints } from "@/lib/webhooks/inbound-endpoints";

export const metadata: Metadata = { title: "Webhooks" };
// Per request: the endpoints and the caller's role are read at request time.
export const dynamic = "force-dynamic";

export default async function WebhookSettingsPage() {
  const session = await requirePageSession("/settings/webhooks");
  if (!can(session.role, "webhooks:manage")) {
    return (
      <LockedPanel testId="settings-no-access" title="Admins only">
        <p className="mt-2 text-sm leading-relaxed text-slate-600">
          Webhook endpoints let a provider write into {session.organization.name}&apos;s inbox. Only owners and admins can see
          or change them.
        </p>
      </LockedPanel>
    );
  }
  const endpoints = await listInboundEndpoints(getPrisma(), session.organization.id);
  // The URL the provider must call is this deployment's own, as the admin reached it.
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost";
  const protocol = requestHeaders.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return <WebhookSettings organizationName={session.organization.name} origin={`${protocol}://${host}`} initialEndpoints={endpoints} />;
}
