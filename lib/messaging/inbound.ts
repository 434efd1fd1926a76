import { notFound } from "@/lib/api/api-error";
import { isUniqueViolation } from "@/lib/api/database-errors";
import type { Database } from "@/lib/db/prisma";
import { isCountedMessage } from "@/lib/messaging/counting-rule";
import { messagePreview } from "@/lib/messaging/preview";
import { readCountedState, type CountedState } from "@/lib/messaging/counted-state";
import type { MessageNewEvent } from "@/lib/realtime/channels";

export type InboundInput = {
  /** The organization that owns the endpoint the delivery came through. */
  organizationId: string;
  contactId: string;
  body: string;
  kind: "chat" | "post" | "task" | "system";
  externalId?: string;
};

export type InboundResult = {
  created: boolean;
  organizationId: string;
  event: MessageNewEvent;
};

/**
 * Stores a provider's inbound message. Idempotent on (organization,
 * externalId): a retried delivery, even one racing the first, returns the
 * original message and creates nothing.
 */
export async function receiveInboundMessage(db: Database, input: InboundInput): Promise<InboundResult> {
  // Scoped to the endpoint's organization: another organization's contact is
  // the same 404 as one that does not exist.
  const contact = await db.contact.findFirst({
    where: { id: input.contactId, organizationId: input.organizationId },
    select: { id: true, name: true, organizationId: true },
  });
  if (!contact) throw notFound("contact");

  if (input.externalId) {
    const existing = await findByExternalId(db, contact.organizationId, input.externalId);
    if (existing) return replayOf(db, existing, contact);
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
    return toResult(message, contact, true, state, isCountedMessage(message));
  } catch (error) {
    if (input.externalId && isUniqueViolation(error)) {
      const existing = await findByExternalId(db, contact.organizationId, input.externalId);
      if (existing) return replayOf(db, existing, contact);
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

/** A retried delivery: nothing changed, the event's version is only a hint. */
async function replayOf(db: Database, message: Parameters<typeof toResult>[0], contact: Parameters<typeof toResult>[1]) {
  return toResult(message, contact, false, await readCountedState(db, contact.organizationId, contact.id));
}

function toResult(
  message: { id: string; contactId: string; direction: "inbound" | "outbound"; kind: InboundInput["kind"]; body: string; createdAt: Date },
  contact: { id: string; name: string; organizationId: string },
  created: boolean,
  state: CountedState,
  counted = false,
): InboundResult {
  return {
    created,
    organizationId: contact.organizationId,
    event: {
      id: message.id,
      contactId: message.contactId,
      contactName: contact.name,
      direction: message.direction,
      kind: message.kind,
      preview: messagePreview(message.body),
      createdAt: message.createdAt.toISOString(),
      ...state,
      countedChange: counted ? 1 : 0,
    },
  };
}
