import "#server-only";
import { isUniqueViolation } from "@/lib/db/database-errors";
import type { Database } from "@/lib/db/prisma";
import { isCountedMessage } from "@/lib/messaging/counting-rule";
import { requireContact } from "@/lib/messaging/contacts";
import { readCountedState, type CountedState } from "@/lib/messaging/counted-state";
import { messageNewEvent, type DomainEvent } from "@/lib/messaging/events";

export type InboundInput = {
  /** The organization that owns the endpoint the delivery came through. */
  organizationId: string;
  contactId: string;
  body: string;
  kind: "chat" | "post" | "task" | "system";
  externalId?: string;
};

/** `events` is empty for a retried delivery: nothing changed, nothing to tell. */
export type InboundResult = { created: boolean; messageId: string; events: DomainEvent[] };

/**
 * Stores a provider's inbound message. Idempotent on (organization,
 * externalId): a retried delivery, even one racing the first, returns the
 * original message and creates nothing.
 */
export async function receiveInboundMessage(db: Database, input: InboundInput): Promise<InboundResult> {
  // Scoped to the endpoint's organization: another organization's contact is
  // the same 404 as one that does not exist.
  const contact = await requireContact(db, input.organizationId, input.contactId);

  if (input.externalId) {
    const existing = await findByExternalId(db, contact.organizationId, input.externalId);
    if (existing) return replayOf(existing);
  }
  try {
    // The contact's counted state is read in the insert's transaction, after
    // it: the event then carries exactly this message's version (issue 16).
    const { message, state } = await db.$transaction(async (tx) => {
      const message = await tx.message.create({
        data: {
          organizationId: contact.organizationId,
          contactId: contact.id,
          direction: "inbound",
          kind: input.kind,
          body: input.body,
          externalId: input.externalId ?? null,
        },
        select: messageSelect,
      });
      return { message, state: await readCountedState(tx, contact.organizationId, contact.id) };
    });
    return createdResult(message, contact, state);
  } catch (error) {
    if (input.externalId && isUniqueViolation(error)) {
      const existing = await findByExternalId(db, contact.organizationId, input.externalId);
      if (existing) return replayOf(existing);
    }
    throw error;
  }
}

const messageSelect = { id: true, contactId: true, direction: true, kind: true, body: true, createdAt: true } as const;

function findByExternalId(db: Database, organizationId: string, externalId: string) {
  return db.message.findUnique({
    where: { organizationId_externalId: { organizationId, externalId } },
    select: messageSelect,
  });
}

/** A retried delivery: the original message, no event. */
function replayOf(message: { id: string }): InboundResult {
  return { created: false, messageId: message.id, events: [] };
}

function createdResult(
  message: { id: string; contactId: string; direction: "inbound" | "outbound"; kind: InboundInput["kind"]; body: string; createdAt: Date },
  contact: { name: string; organizationId: string },
  state: CountedState,
): InboundResult {
  const countedChange = isCountedMessage(message) ? 1 : 0;
  return { created: true, messageId: message.id, events: [messageNewEvent(contact.organizationId, message, contact, state, countedChange)] };
}
