import type { Role } from "@/lib/generated/prisma/enums";

export const PERMISSIONS = ["messages:list", "messages:send", "messages:delete", "webhooks:manage"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Permission, readonly Role[]> = {
  "messages:list": ["owner", "admin", "agent"],
  "messages:send": ["owner", "admin", "agent"],
  "messages:delete": ["owner", "admin"],
  // Endpoint secrets let a provider write into the inbox: admins only.
  "webhooks:manage": ["owner", "admin"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[permission].includes(role);
}
