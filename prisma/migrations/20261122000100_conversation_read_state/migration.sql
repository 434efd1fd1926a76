-- Per-user read position for each conversation.

-- CreateTable
CREATE TABLE "conversation_read_state" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "last_read_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_read_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "conversation_read_state_contact_id_idx" ON "conversation_read_state"("contact_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_read_state_user_id_contact_id_key" ON "conversation_read_state"("user_id", "contact_id");

-- AddForeignKey
ALTER TABLE "conversation_read_state" ADD CONSTRAINT "conversation_read_state_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_read_state" ADD CONSTRAINT "conversation_read_state_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_read_state" ADD CONSTRAINT "conversation_read_state_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing conversations start read: every member of a contact's organization
-- gets a read position of now() for every contact that already has inbound
-- messages, so turning the feature on does not flood everyone with badges for
-- history. Contacts without inbound messages need no row (nothing to count).
INSERT INTO "conversation_read_state" ("organization_id", "user_id", "contact_id", "last_read_at")
SELECT c.organization_id, mb.user_id, c.id, now()
FROM "contact" c
JOIN "membership" mb ON mb.organization_id = c.organization_id
WHERE EXISTS (
  SELECT 1 FROM "message" m WHERE m.contact_id = c.id AND m.direction = 'inbound'
)
ON CONFLICT ("user_id", "contact_id") DO NOTHING;
