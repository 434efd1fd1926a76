-- Mute a conversation, per member (issue 14, item 3). Its own table, not a
-- column of conversation_read_state: a read-state row is a read position, and
-- creating one to hold a flag would start counting that member's unread from
-- wherever the row said (read_through is the read model's, guarded by its
-- triggers). A mute row is read next to the read state and changes no count:
-- the badge keeps its exact number; only how it is shown (grey, no toast, out
-- of the totals) depends on it. A write is one primary-key insert or delete,
-- whatever the size of the organization.
CREATE TABLE "conversation_mute" (
  "user_id" UUID NOT NULL,
  "contact_id" UUID NOT NULL,
  "organization_id" UUID NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "conversation_mute_pkey" PRIMARY KEY ("user_id", "contact_id"),
  CONSTRAINT "conversation_mute_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "conversation_mute_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "conversation_mute_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The cascade when a contact is deleted, and "who muted this contact".
CREATE INDEX "conversation_mute_contact_id_idx" ON "conversation_mute" ("contact_id");
-- A member's mutes in one organization (the switcher's totals leave them out).
CREATE INDEX "conversation_mute_user_id_organization_id_idx" ON "conversation_mute" ("user_id", "organization_id");
