import {
  MAX_CHANNELS_PER_EVENT,
  MAX_EVENT_DATA_BYTES,
  MAX_EVENT_NAME_LENGTH,
  MAX_EVENTS_PER_BATCH,
  isValidChannelName,
  isValidSocketId,
} from "./protocol.js";

/** One event to fan out to one channel. */
export interface Delivery {
  channel: string;
  name: string;
  data: string;
  excludeSocketId?: string;
}

export type ParseResult =
  | { ok: true; deliveries: Delivery[] }
  | { ok: false; status: 400 | 413; error: string };

class RequestRejected extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Body of `POST /apps/{appId}/events`: `{name, data, channel | channels, socket_id?}`. */
export function parseEventsBody(raw: string): ParseResult {
  return collect(() => {
    const body = parseObject(raw, "Request body");
    const event = readEventFields(body, "");

    if (body.channel !== undefined && body.channels !== undefined) {
      reject(400, "Specify either channel or channels, not both");
    }
    let channels: unknown[];
    if (body.channels !== undefined) {
      if (!Array.isArray(body.channels) || body.channels.length === 0) {
        reject(400, "channels must be a non-empty array");
      }
      channels = body.channels;
    } else if (body.channel !== undefined) {
      channels = [body.channel];
    } else {
      reject(400, "Missing channel or channels");
    }
    if (channels.length > MAX_CHANNELS_PER_EVENT) {
      reject(400, `At most ${MAX_CHANNELS_PER_EVENT} channels per event`);
    }

    // A channel listed twice still receives the event once.
    const names = new Set(
      channels.map((channel, index) => readChannel(channel, `channels[${index}]`)),
    );
    return [...names].map((channel) => ({ ...event, channel }));
  });
}

/** Body of `POST /apps/{appId}/batch_events`: `{batch: [{channel, name, data, socket_id?}]}`. */
export function parseBatchBody(raw: string): ParseResult {
  return collect(() => {
    const body = parseObject(raw, "Request body");
    if (!Array.isArray(body.batch) || body.batch.length === 0) {
      reject(400, "batch must be a non-empty array");
    }
    if (body.batch.length > MAX_EVENTS_PER_BATCH) {
      reject(400, `At most ${MAX_EVENTS_PER_BATCH} events per batch`);
    }
    // Validate the whole batch before delivering anything, so a rejected
    // request never leaves a partially published batch behind.
    return body.batch.map((item: unknown, index: number) => {
      const label = `batch[${index}]`;
      const event = asObject(item, label);
      return {
        ...readEventFields(event, `${label}.`),
        channel: readChannel(event.channel, `${label}.channel`),
      };
    });
  });
}

function collect(build: () => Delivery[]): ParseResult {
  try {
    return { ok: true, deliveries: build() };
  } catch (error) {
    if (error instanceof RequestRejected) {
      return { ok: false, status: error.status, error: error.message };
    }
    throw error;
  }
}

function reject(status: 400 | 413, message: string): never {
  throw new RequestRejected(status, message);
}

function parseObject(raw: string, label: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    reject(400, `${label} is not valid JSON`);
  }
  return asObject(parsed, label);
}

function asObject(value: unknown, label: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    reject(400, `${label} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function readEventFields(
  source: Record<string, unknown>,
  prefix: string,
): Omit<Delivery, "channel"> {
  const { name, data, socket_id: socketId } = source;
  if (typeof name !== "string" || name.length === 0) {
    reject(400, `Missing ${prefix}name`);
  }
  if (name.length > MAX_EVENT_NAME_LENGTH) {
    reject(400, `${prefix}name exceeds ${MAX_EVENT_NAME_LENGTH} characters`);
  }
  // The SDK always serialises data to a string before sending; the hosted
  // API rejects anything else, so accepting objects here would hide bugs in
  // hand-rolled publishers.
  if (typeof data !== "string") {
    reject(400, `${prefix}data must be a string`);
  }
  const size = Buffer.byteLength(data, "utf8");
  if (size > MAX_EVENT_DATA_BYTES) {
    reject(
      413,
      `${prefix}data is ${size} bytes; the limit is ${MAX_EVENT_DATA_BYTES}`,
    );
  }
  if (socketId !== undefined && !isValidSocketId(socketId)) {
    reject(400, `${prefix}socket_id must look like "123.456"`);
  }
  return socketId === undefined
    ? { name, data }
    : { name, data, excludeSocketId: socketId };
}

function readChannel(channel: unknown, label: string): string {
  if (!isValidChannelName(channel)) {
    reject(400, `Invalid ${label}`);
  }
  return channel;
}
