// THE table of the authorization matrix: route → method → variants, each with
// the status every caller must get for each target. A method a route does not
// list is expected to answer 405 JSON to every caller, for every target.
import { randomUUID } from "node:crypto";
import type { Method } from "./call-route";
import { expectation, form, json, mutation, same, signedWebhook, type Variant } from "./authorization-cases";
import { SETTINGS_TABLE } from "./authorization-table-settings";

/** A read every member who may list messages gets, whatever the target. */
const membersRead = expectation({
    anonymous: same(401),
    viewer: same(403),
    agent: same(200),
    admin: same(200),
    foreignAgent: same(200),
  });

/** The batch counts, asked by URL or by body: only the caller's own contact may come back. */
const countsVariant: Omit<Variant, "label" | "request"> = {
  expect: membersRead,
  successLeaksNothing: true,
  check: (response, target) => {
    const { counts } = JSON.parse(response.text) as { counts: Record<string, number> };
    expect(Object.keys(counts).every((id) => id === target.contactId)).toBe(true);
  },
};

/** A 204 write on one contact of the caller's organization: members who may list messages, 404 elsewhere. */
function contactMutation(label: string): Variant {
  return {
    label,
    request: async (target) => ({ params: { contactId: target.contactId }, ...mutation }),
    expect: expectation({
      anonymous: same(401),
      viewer: same(403),
      agent: [204, 404],
      admin: [204, 404],
      foreignAgent: [204, 404],
    }),
  };
}

export const TABLE: Record<string, Partial<Record<Method, Variant[]>>> = {
  "/api/messaging/unread-counts": {
    GET: [{ ...countsVariant, label: "counts", request: async (target) => ({ search: `contact_ids=${target.contactId}` }) }],
    // The same answer and rules for ids in the body (batches over 200).
    POST: [{ ...countsVariant, label: "counts (body)", request: async (target) => json({ contactIds: [target.contactId] }) }],
  },
  "/api/messaging/contacts": {
    GET: [
      {
        label: "list",
        request: async () => ({ search: "filter=all&limit=100" }),
        expect: membersRead,
        check: (response, target) => {
          // positive control: the caller's own data does show up, so the leak search below means something
          expect(response.text).toContain(target.contactId);
        },
      },
    ],
  },
  "/api/messaging/contacts/[contactId]/read": {
    POST: [
      contactMutation("mark read"),
    ],
  },
  "/api/messaging/contacts/[contactId]/unread": {
    POST: [
      contactMutation("mark unread"),
    ],
  },
  "/api/messaging/contacts/[contactId]/mute": {
    POST: [
      contactMutation("mute"),
    ],
    DELETE: [
      contactMutation("unmute"),
    ],
  },
  "/api/messaging/contacts/[contactId]/messages": {
    GET: [
      {
        label: "conversation",
        request: async (target) => ({ params: { contactId: target.contactId } }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: [200, 404],
          admin: [200, 404],
          foreignAgent: [200, 404],
        }),
        check: (response, target) => expect(response.text).toContain(target.tag),
      },
    ],
    POST: [
      {
        label: "send",
        request: async (target) => ({
          params: { contactId: target.contactId },
          ...json({ body: `reply ${target.tag}` }),
        }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: [201, 404],
          admin: [201, 404],
          foreignAgent: [201, 404],
        }),
      },
    ],
  },
  "/api/messaging/organizations/unread": {
    GET: [
      {
        label: "other organizations' unread",
        request: async () => ({}),
        expect: membersRead,
        successLeaksNothing: true,
      },
    ],
  },
  "/api/messaging/read-all": {
    POST: [
      {
        label: "read all",
        request: async () => mutation,
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: same(204),
          admin: same(204),
          foreignAgent: same(204),
        }),
      },
    ],
  },
  "/api/messaging/messages/[messageId]": {
    DELETE: [
      {
        label: "delete",
        request: async (target) => ({ params: { messageId: await target.message() }, ...mutation }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(403),
          agent: same(403),
          admin: [204, 404],
          foreignAgent: same(403),
        }),
      },
    ],
  },
  "/api/webhooks/inbound/[endpointId]": {
    POST: [
      {
        // The provider is authenticated by its endpoint's signature, never by
        // a session: whoever calls, a signed delivery through an organization's
        // endpoint lands in that organization's contact.
        label: "signed delivery through the contact's own organization's endpoint",
        request: async (target) =>
          signedWebhook(await target.endpoint(), { contactId: target.contactId, body: `inbound ${target.tag}` }),
        expect: expectation({
          anonymous: same(201),
          viewer: same(201),
          agent: same(201),
          admin: same(201),
          foreignAgent: same(201),
        }),
        check: (response) => expect(Object.keys(JSON.parse(response.text))).toEqual(["id"]),
      },
      {
        // One organization's endpoint and secret never write into another's
        // contact: 404, the same as a contact that does not exist.
        label: "signed delivery through the caller's home endpoint",
        request: async (target, caller) =>
          signedWebhook(await caller.homeEndpoint(), { contactId: target.contactId, body: `cross ${target.tag}` }),
        expect: expectation({
          anonymous: [201, 404],
          viewer: [201, 404],
          agent: [201, 404],
          admin: [201, 404],
          foreignAgent: [201, 404],
        }),
      },
      {
        label: "unsigned delivery",
        request: async (target, caller) => ({
          params: { endpointId: (await caller.homeEndpoint()).id },
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ contactId: target.contactId, body: "unsigned" }),
        }),
        expect: expectation({
          anonymous: same(401),
          viewer: same(401),
          agent: same(401),
          admin: same(401),
          foreignAgent: same(401),
        }),
      },
    ],
  },
  "/api/pusher/auth": {
    POST: [
      {
        label: "organization channel",
        request: async (target) => form({ socket_id: "1234.5678", channel_name: `private-org-${target.organizationId}` }),
        expect: expectation({
          anonymous: same(403),
          viewer: same(403),
          agent: [200, 403],
          admin: [200, 403],
          foreignAgent: [200, 403],
        }),
        check: (response) => expect(JSON.parse(response.text).auth).toMatch(/^[^:]+:[0-9a-f]{64}$/),
      },
      {
        // own = the caller's own user channel; other = a member of the other organization
        label: "user channel",
        request: async (target) => form({ socket_id: "1234.5678", channel_name: `private-user-${target.userId}` }),
        expect: expectation({
          anonymous: same(403),
          viewer: [200, 403],
          agent: [200, 403],
          admin: [200, 403],
          foreignAgent: [200, 403],
        }),
      },
    ],
  },
  ...SETTINGS_TABLE,
};

const METHOD_NOT_ALLOWED: Variant = {
  label: "wrong method",
  request: async (target) => ({ params: { contactId: target.contactId, messageId: randomUUID() }, ...mutation }),
  expect: expectation({
    anonymous: same(405),
    viewer: same(405),
    agent: same(405),
    admin: same(405),
    foreignAgent: same(405),
  }),
};

export function variantsOf(route: string, method: Method): Variant[] {
  return TABLE[route]?.[method] ?? [METHOD_NOT_ALLOWED];
}
