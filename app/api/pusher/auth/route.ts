import type { PusherAuthResponse } from "@/lib/shared/api-types";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { readRawBody } from "@/lib/api/read-body";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { handleErrors } from "@/lib/api/handle-errors";
import { otherMethods } from "@/lib/api/with-route";
import { serverConfig } from "@/lib/config/server-config";
import { getPrisma } from "@/lib/db/prisma";
import { mayListen } from "@/lib/realtime/channel-access";
import { getPusher } from "@/lib/realtime/pusher-server";


const authRequest = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, { message: "must look like 123.456" }),
  channel_name: z.string().min(1).max(200),
});

const refuse = () => new ApiError("forbidden", "You may not subscribe to this channel.");

function parseJsonOrNull(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** Channel authorization for pusher-js (form-encoded, as the client sends it). */
export async function POST(req: NextRequest) {
  return handleErrors(req, async () => {
    assertSameOrigin(req);
    const token = await getToken({ req, secret: serverConfig().nextAuthSecret });
    if (!token?.userId) throw refuse();
    const raw = await readRawBody(req);
    const contentType = req.headers.get("content-type") ?? "";
    const fields = contentType.includes("application/json")
      ? parseJsonOrNull(raw)
      : Object.fromEntries(new URLSearchParams(raw));
    const parsed = authRequest.safeParse(fields);
    if (!parsed.success) throw new ApiError("bad_request", "Send socket_id and channel_name.");
    const { socket_id: socketId, channel_name: channelName } = parsed.data;
    if (!(await mayListen(getPrisma(), token.userId, channelName))) throw refuse();
    const auth = getPusher().authorizeChannel(socketId, channelName);
    return Response.json(auth satisfies PusherAuthResponse);
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
