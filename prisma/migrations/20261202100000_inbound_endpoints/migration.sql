-- Per-organization inbound webhook endpoints (issue 13). A provider delivers to
-- POST /api/webhooks/inbound/{endpoint id}; the endpoint decides the
-- organization, so a delivery can only ever write into its owner's contacts.

CREATE TABLE "inbound_endpoint" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Revoked endpoints keep their row (the settings page and logs can still
    -- name them) but lose every secret, so nothing can verify against them.
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbound_endpoint_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "inbound_endpoint_organization_id_created_at_idx" ON "inbound_endpoint" ("organization_id", "created_at");

ALTER TABLE "inbound_endpoint" ADD CONSTRAINT "inbound_endpoint_organization_id_fkey"
  FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The signing secrets of an endpoint: one current (expires_at NULL) and, during
-- a rotation, the previous one until its expires_at. The server must compute
-- the HMAC, so a one-way hash cannot work: the secret is encrypted with
-- AES-256-GCM under a key derived from NEXTAUTH_SECRET (lib/webhooks/secret-box.ts).
-- Rotation deletes expired rows, so an endpoint never holds more than two.
CREATE TABLE "inbound_endpoint_secret" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "endpoint_id" UUID NOT NULL,
    "ciphertext" TEXT NOT NULL,
    -- The last characters of the secret, so people can tell two secrets apart.
    "hint" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbound_endpoint_secret_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "inbound_endpoint_secret_endpoint_id_idx" ON "inbound_endpoint_secret" ("endpoint_id");

ALTER TABLE "inbound_endpoint_secret" ADD CONSTRAINT "inbound_endpoint_secret_endpoint_id_fkey"
  FOREIGN KEY ("endpoint_id") REFERENCES "inbound_endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
