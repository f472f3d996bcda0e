import type { Role } from "./schemas/user.js";

/**
 * What each role may do. Reading is further narrowed by scope: a business stakeholder reads
 * only what concerns their business units (enforced in the store's queries).
 */
export type Permission =
  | "graph:read"
  | "graph:write"
  | "business-graph:write"
  | "users:manage"
  | "audit:read"
  | "tokens:own";

const grants: Record<Role, readonly Permission[]> = {
  admin: ["graph:read", "graph:write", "business-graph:write", "users:manage", "audit:read", "tokens:own"],
  it: ["graph:read", "graph:write", "business-graph:write", "tokens:own"],
  // Relationship managers keep the business side of the graph (goals, capabilities, initiatives, consumption).
  relationship_manager: ["graph:read", "business-graph:write", "tokens:own"],
  business_stakeholder: ["graph:read", "tokens:own"],
  viewer: ["graph:read", "tokens:own"],
};

export const can = (role: Role, permission: Permission): boolean => grants[role].includes(permission);

/** Roles whose reads are limited to their business units' data. */
export const isScopedRole = (role: Role): boolean => role === "business_stakeholder";

export const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  it: "IT",
  relationship_manager: "Business relationship manager",
  business_stakeholder: "Business stakeholder",
  viewer: "Viewer",
};
