-- Base schema: organizations, users, memberships, contacts, messages.

-- CreateEnum
CREATE TYPE "role" AS ENUM ('owner', 'admin', 'agent', 'viewer');

-- CreateEnum
CREATE TYPE "message_direction" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "message_kind" AS ENUM ('chat', 'post', 'task', 'system');

-- CreateTable
CREATE TABLE "organization" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "role" "role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_message_at" TIMESTAMPTZ(3),
    "last_message_id" UUID,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "direction" "message_direction" NOT NULL,
    "kind" "message_kind" NOT NULL DEFAULT 'chat',
    "body" TEXT NOT NULL,
    "author_user_id" UUID,
    "external_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_hit" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_limit_hit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organization_slug_key" ON "organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE INDEX "membership_organization_id_idx" ON "membership"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "membership_user_id_organization_id_key" ON "membership"("user_id", "organization_id");

-- CreateIndex
-- NULLS LAST: contacts without messages go to the end of the sidebar (Prisma
-- cannot express the nulls order, hence SQL only).
CREATE INDEX "contact_organization_id_last_message_at_id_idx" ON "contact"("organization_id", "last_message_at" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "message_contact_id_created_at_id_idx" ON "message"("contact_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "message_organization_id_external_id_key" ON "message"("organization_id", "external_id");

-- CreateIndex
CREATE INDEX "rate_limit_hit_key_created_at_idx" ON "rate_limit_hit"("key", "created_at");

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message" ADD CONSTRAINT "message_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message" ADD CONSTRAINT "message_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message" ADD CONSTRAINT "message_author_user_id_fkey" FOREIGN KEY ("author_user_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Unread counting reads only counted inbound messages of one contact newer
-- than a read position: this partial index holds exactly those rows, ordered
-- for that range scan (index-only with organization_id in front).
CREATE INDEX "message_counted_inbound_idx" ON "message" ("organization_id", "contact_id", "created_at")
  WHERE "direction" = 'inbound' AND "deleted_at" IS NULL AND "kind" <> 'system';

-- Keeps contact.last_message_at/_id equal to the newest non-deleted message,
-- whoever writes the message (app, seed, provider backfill), so the sidebar can
-- page by it with an index.
CREATE FUNCTION "contact_track_last_message"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.deleted_at IS NULL THEN
      UPDATE contact SET last_message_at = NEW.created_at, last_message_id = NEW.id
      WHERE id = NEW.contact_id
        AND (last_message_at IS NULL OR (last_message_at, last_message_id) < (NEW.created_at, NEW.id));
    END IF;
    RETURN NULL;
  END IF;
  -- UPDATE or DELETE: recompute from the conversation index (one row read).
  UPDATE contact c SET (last_message_at, last_message_id) = (
    SELECT m.created_at, m.id FROM message m
    WHERE m.contact_id = c.id AND m.deleted_at IS NULL
    ORDER BY m.created_at DESC, m.id DESC LIMIT 1)
  WHERE c.id = COALESCE(NEW.contact_id, OLD.contact_id);
  IF TG_OP = 'UPDATE' AND NEW.contact_id <> OLD.contact_id THEN
    UPDATE contact c SET (last_message_at, last_message_id) = (
      SELECT m.created_at, m.id FROM message m
      WHERE m.contact_id = c.id AND m.deleted_at IS NULL
      ORDER BY m.created_at DESC, m.id DESC LIMIT 1)
    WHERE c.id = OLD.contact_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "message_track_last_message_insert" AFTER INSERT ON "message"
  FOR EACH ROW EXECUTE FUNCTION "contact_track_last_message"();
CREATE TRIGGER "message_track_last_message_change" AFTER UPDATE OF "deleted_at", "created_at", "contact_id" OR DELETE ON "message"
  FOR EACH ROW EXECUTE FUNCTION "contact_track_last_message"();
