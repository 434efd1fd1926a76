// The matrix rows of the inbound-endpoint settings API: owners and admins
// only; another organization's endpoint is a 404 like one that does not exist.
import { expectation, json, mutation, same, type Variant } from "./authorization-cases";
import type { Method } from "./call-route";

const adminsOnly = (success: number, other = success) =>
  expectation({
    anonymous: same(401),
    viewer: same(403),
    agent: same(403),
    admin: [success, other],
    foreignAgent: same(403),
  });

export const SETTINGS_TABLE: Record<string, Partial<Record<Method, Variant[]>>> = {
  "/api/settings/inbound-endpoints": {
    GET: [
      {
        label: "list",
        request: async () => ({}),
        expect: adminsOnly(200),
        check: (response) => expect(response.text).not.toContain("whsec_"),
      },
    ],
    POST: [
      {
        label: "create",
        request: async () => json({ name: "matrix provider" }),
        expect: adminsOnly(201),
        check: (response) => expect(JSON.parse(response.text).secret).toMatch(/^whsec_/),
      },
    ],
  },
  "/api/settings/inbound-endpoints/[endpointId]": {
    DELETE: [
      {
        label: "revoke",
        request: async (target) => ({ params: { endpointId: (await target.endpoint()).id }, ...mutation }),
        expect: adminsOnly(204, 404),
      },
    ],
  },
  "/api/settings/inbound-endpoints/[endpointId]/rotate": {
    POST: [
      {
        label: "rotate",
        request: async (target) => ({ params: { endpointId: (await target.endpoint()).id }, ...json({ overlapMinutes: 60 }) }),
        expect: adminsOnly(200, 404),
        check: (response) => expect(JSON.parse(response.text).endpoint.secrets).toHaveLength(2),
      },
    ],
  },
};
