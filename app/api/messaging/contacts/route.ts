import { z } from "zod";
import { limitParam, singleValue } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { listContacts } from "@/lib/messaging/contact-list";
import type { ContactListResponse } from "@/lib/shared/api-types";

const query = z.object({
  filter: z.enum(["all", "unread"], { message: 'must be "all" or "unread"' }).optional().default("all"),
  limit: limitParam(100, 20),
  cursor: singleValue.optional(),
});

export const GET = withRoute({ permissions: ["messages:list"], query }, async ({ session, query }) => {
  const page = await listContacts(getPrisma(), {
    userId: session.userId,
    organizationId: session.organizationId,
    filter: query.filter,
    limit: query.limit,
    cursor: query.cursor,
  });
  return Response.json(page satisfies ContactListResponse, { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
