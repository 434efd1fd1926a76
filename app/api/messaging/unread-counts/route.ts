import { z } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { getUnreadCounts, MAX_CONTACT_IDS_PER_BATCH, type UnreadCounts } from "@/lib/messaging/unread-counts";

export type UnreadCountsResponse = { counts: UnreadCounts };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "a, b,,a" → [a, b]: trimmed, empties dropped, duplicates removed, each a UUID. */
const contactIdList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => {
    const raw = (Array.isArray(value) ? value.join(",") : (value ?? "")).split(",");
    const ids = [...new Set(raw.map((item) => item.trim().toLowerCase()).filter(Boolean))];
    const malformed = ids.find((id) => !UUID.test(id));
    if (malformed !== undefined) {
      throw new ApiError("bad_request", `Invalid contact id: "${malformed.slice(0, 64)}" is not a UUID.`);
    }
    if (ids.length > MAX_CONTACT_IDS_PER_BATCH) {
      throw new ApiError(
        "bad_request",
        `Too many contact ids: ${ids.length} given, at most ${MAX_CONTACT_IDS_PER_BATCH} per request.`,
      );
    }
    return ids;
  });

export const GET = withRoute(
  { permissions: ["messages:list"], query: z.object({ contact_ids: contactIdList }) },
  async ({ session, query }) => {
    const counts = await getUnreadCounts(getPrisma(), {
      userId: session.userId,
      organizationId: session.organizationId,
      contactIds: query.contact_ids,
    });
    return Response.json({ counts } satisfies UnreadCountsResponse, { headers: { "Cache-Control": "no-store" } });
  },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
