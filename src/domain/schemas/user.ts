import { z } from "zod";
import { id, name } from "./common.js";

export const role = z.enum(["admin", "it", "relationship_manager", "business_stakeholder", "viewer"]);
export type Role = z.infer<typeof role>;

/** Stated cost of a password: long enough to resist guessing, short enough to type. */
export const password = z.string().min(12, "at least 12 characters").max(200, "at most 200 characters");

const userFields = z.object({
  email: z.email({ error: "expected an e-mail address" }).max(320),
  name,
  role,
  /** Business units whose data the user holds (business stakeholders and relationship managers). */
  businessUnitIds: z.array(id).max(100).default([]),
});

const unitsFitRole = (u: { role?: Role; businessUnitIds?: string[] }) =>
  u.role !== "business_stakeholder" || (u.businessUnitIds?.length ?? 0) > 0;
const unitsIssue = {
  message: "a business stakeholder needs at least one business unit",
  path: ["businessUnitIds"],
};

export const userInput = userFields
  .extend({ password: password.optional() })
  .refine(unitsFitRole, unitsIssue);
export const userPatch = z
  .object({
    name: name.optional(),
    role: role.optional(),
    businessUnitIds: z.array(id).max(100).optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
  })
  .refine(unitsFitRole, unitsIssue);

export const user = userFields.extend({
  id,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  disabledAt: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  hasPassword: z.boolean(),
});

export type UserInput = z.input<typeof userInput>;
export type User = z.infer<typeof user>;

export const signInInput = z.object({ email: z.string().max(320), password: z.string().max(200) });

export const tokenScope = z.enum(["read", "read-write"]);
export type TokenScope = z.infer<typeof tokenScope>;
export const apiTokenInput = z.object({ name, scope: tokenScope.default("read") });
export const apiToken = z.object({
  id,
  name: z.string(),
  prefix: z.string(),
  scope: tokenScope,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const auditEvent = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;
