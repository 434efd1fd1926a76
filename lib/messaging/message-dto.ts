import "#server-only";
import { messagePreview } from "@/lib/shared/preview";

export type MessageDto = {
  id: string;
  contactId: string;
  direction: "inbound" | "outbound";
  kind: "chat" | "post" | "task" | "system";
  body: string;
  preview: string;
  authorName: string | null;
  createdAt: string;
};

export const messageDtoSelect = {
  id: true,
  contactId: true,
  direction: true,
  kind: true,
  body: true,
  createdAt: true,
  author: { select: { name: true } },
} as const;

type SelectedMessage = {
  id: string;
  contactId: string;
  direction: MessageDto["direction"];
  kind: MessageDto["kind"];
  body: string;
  createdAt: Date;
  author: { name: string } | null;
};

export function toMessageDto(message: SelectedMessage): MessageDto {
  return {
    id: message.id,
    contactId: message.contactId,
    direction: message.direction,
    kind: message.kind,
    body: message.body,
    preview: messagePreview(message.body),
    authorName: message.author?.name ?? null,
    createdAt: message.createdAt.toISOString(),
  };
}
