// The demo organizations' provider endpoints: the seed creates one per
// organization so `npm run simulate`, the e2e suite and the screenshots can
// deliver through it exactly as a real provider would.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ensureInboundEndpoint } from "@/lib/webhooks/inbound-endpoints";
import { DEMO_ORGANIZATIONS } from "./demo-accounts";

export const DEMO_ENDPOINT_NAME = "Demo provider";

/**
 * Finds or creates each demo organization's endpoint; idempotent. The
 * secrets are sealed with `serverSecret`, which must be the NEXTAUTH_SECRET of
 * the app that will verify the deliveries.
 */
export async function seedDemoEndpoints(prisma: PrismaClient, serverSecret: string) {
  const organizations = await prisma.organization.findMany({
    where: { slug: { in: DEMO_ORGANIZATIONS.map((org) => org.slug) } },
    select: { id: true, slug: true },
  });
  const endpoints: Record<string, { id: string; path: string; secret: string }> = {};
  for (const organization of organizations) {
    endpoints[organization.slug] = await ensureInboundEndpoint(prisma, {
      organizationId: organization.id,
      name: DEMO_ENDPOINT_NAME,
      serverSecret,
    });
  }
  return endpoints;
}
