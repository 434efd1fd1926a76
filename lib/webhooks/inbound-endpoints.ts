import "#server-only";
import { notFound } from "@/lib/domain/domain-error";
import type { Database } from "@/lib/db/prisma";
import { log } from "@/lib/observability/logger";
import { decryptSecret, encryptSecret, generateSigningSecret } from "@/lib/webhooks/secret-box";

/** How long the previous secret keeps working after a rotation, unless the admin asks otherwise. */
export const DEFAULT_ROTATION_OVERLAP_MINUTES = 24 * 60;
export const MAX_ROTATION_OVERLAP_MINUTES = 7 * 24 * 60;

export type EndpointSecretSummary = { id: string; hint: string; createdAt: string; expiresAt: string | null };
export type EndpointSummary = {
  id: string;
  name: string;
  path: string;
  createdAt: string;
  secrets: EndpointSecretSummary[];
};
/** A secret is shown exactly once: in the answer that created it. */
export type EndpointWithSecret = { endpoint: EndpointSummary; secret: string };

const endpointNotFound = () => notFound("endpoint");
const liveSecrets = (now: Date) => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

export const inboundEndpointPath = (id: string) => `/api/webhooks/inbound/${id}`;

function summarize(endpoint: {
  id: string;
  name: string;
  createdAt: Date;
  secrets: { id: string; hint: string; createdAt: Date; expiresAt: Date | null }[];
}): EndpointSummary {
  return {
    id: endpoint.id,
    name: endpoint.name,
    path: inboundEndpointPath(endpoint.id),
    createdAt: endpoint.createdAt.toISOString(),
    secrets: [...endpoint.secrets]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((secret) => ({
        id: secret.id,
        hint: secret.hint,
        createdAt: secret.createdAt.toISOString(),
        expiresAt: secret.expiresAt?.toISOString() ?? null,
      })),
  };
}

const summarySelect = (now: Date) =>
  ({
    id: true,
    name: true,
    createdAt: true,
    secrets: { where: liveSecrets(now), select: { id: true, hint: true, createdAt: true, expiresAt: true } },
  }) as const;

function sealed(serverSecret: string) {
  const secret = generateSigningSecret();
  return { secret, row: { ciphertext: encryptSecret(secret, serverSecret), hint: `…${secret.slice(-4)}` } };
}

export async function listInboundEndpoints(db: Database, organizationId: string): Promise<EndpointSummary[]> {
  const now = new Date();
  const endpoints = await db.inboundEndpoint.findMany({
    where: { organizationId, revokedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: summarySelect(now),
  });
  return endpoints.map(summarize);
}

export async function createInboundEndpoint(
  db: Database,
  input: { organizationId: string; name: string; serverSecret: string },
): Promise<EndpointWithSecret> {
  const { secret, row } = sealed(input.serverSecret);
  const endpoint = await db.inboundEndpoint.create({
    data: { organizationId: input.organizationId, name: input.name, secrets: { create: row } },
    select: summarySelect(new Date()),
  });
  return { endpoint: summarize(endpoint), secret };
}

/**
 * A new current secret; the previous current one stays valid for
 * `overlapMinutes` (0: it stops now), so a provider can switch without
 * dropping deliveries. Only the secret retired now overlaps: a second rotation
 * inside the window ends the first one's overlap, so an endpoint never holds
 * more than two secrets and the table stays bounded.
 */
export async function rotateInboundEndpoint(
  db: Database,
  input: { organizationId: string; endpointId: string; overlapMinutes: number; serverSecret: string },
): Promise<EndpointWithSecret> {
  const { secret, row } = sealed(input.serverSecret);
  const endpoint = await db.$transaction(async (tx) => {
    // The owner in the filter (another organization's endpoint is a 404), and
    // a row lock so two concurrent rotations queue up instead of leaving two
    // current secrets.
    const owned = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM inbound_endpoint
      WHERE id = ${input.endpointId}::uuid AND organization_id = ${input.organizationId}::uuid AND revoked_at IS NULL
      FOR UPDATE`;
    if (owned.length === 0) throw endpointNotFound();
    const now = new Date();
    await tx.inboundEndpointSecret.deleteMany({ where: { endpointId: input.endpointId, expiresAt: { not: null } } });
    if (input.overlapMinutes > 0) {
      await tx.inboundEndpointSecret.updateMany({
        where: { endpointId: input.endpointId, expiresAt: null },
        data: { expiresAt: new Date(now.getTime() + input.overlapMinutes * 60_000) },
      });
    } else {
      await tx.inboundEndpointSecret.deleteMany({ where: { endpointId: input.endpointId } });
    }
    return tx.inboundEndpoint.update({
      where: { id: input.endpointId },
      data: { secrets: { create: row } },
      select: summarySelect(now),
    });
  });
  return { endpoint: summarize(endpoint), secret };
}

/** Revoked at once: the row stays for the record, every secret is deleted. */
export async function revokeInboundEndpoint(db: Database, input: { organizationId: string; endpointId: string }) {
  await db.$transaction(async (tx) => {
    const revoked = await tx.inboundEndpoint.updateMany({
      where: { id: input.endpointId, organizationId: input.organizationId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count === 0) throw endpointNotFound();
    await tx.inboundEndpointSecret.deleteMany({ where: { endpointId: input.endpointId } });
  });
}

/**
 * The endpoint's organization and its live secrets in plain text, or null for
 * an endpoint that does not exist or was revoked. Secrets sealed under another
 * server secret are skipped (and logged once per call without their content).
 */
export async function endpointForDelivery(
  db: Database,
  endpointId: string,
  serverSecret: string,
): Promise<{ organizationId: string; secrets: string[] } | null> {
  const endpoint = await db.inboundEndpoint.findFirst({
    where: { id: endpointId, revokedAt: null },
    select: { organizationId: true, secrets: { where: liveSecrets(new Date()), select: { ciphertext: true } } },
  });
  if (!endpoint) return null;
  const secrets = endpoint.secrets.map((row) => decryptSecret(row.ciphertext, serverSecret));
  if (secrets.some((secret) => secret === null)) {
    log().warn({ endpointId }, "a webhook endpoint secret cannot be decrypted (was NEXTAUTH_SECRET changed?); rotate it");
  }
  return { organizationId: endpoint.organizationId, secrets: secrets.filter((secret): secret is string => secret !== null) };
}

/**
 * The organization's endpoint called `name` with its current secret, created
 * when there is none (or when its secret was sealed under another server
 * secret). For the tools that play a provider locally: simulate, load, bench,
 * e2e and screenshots. Reading the secret needs the database and the server
 * secret, exactly what the server itself has, so no secret travels in a URL.
 */
export async function ensureInboundEndpoint(
  db: Database,
  input: { organizationId: string; name: string; serverSecret: string },
): Promise<{ id: string; path: string; secret: string }> {
  const existing = await db.inboundEndpoint.findMany({
    where: { organizationId: input.organizationId, name: input.name, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, secrets: { where: { expiresAt: null }, select: { ciphertext: true } } },
  });
  for (const endpoint of existing) {
    const secret = endpoint.secrets[0] && decryptSecret(endpoint.secrets[0].ciphertext, input.serverSecret);
    if (secret) return { id: endpoint.id, path: inboundEndpointPath(endpoint.id), secret };
  }
  const created = await createInboundEndpoint(db, input);
  return { id: created.endpoint.id, path: created.endpoint.path, secret: created.secret };
}
