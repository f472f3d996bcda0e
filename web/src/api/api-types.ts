/** The API's request and response shapes, shared (as types only) from the domain schemas. */
export type { BusinessGoal } from "../../../src/domain/schemas/business-goal.js";
export type { BusinessUnit } from "../../../src/domain/schemas/business-unit.js";
export type { Capability } from "../../../src/domain/schemas/capability.js";
export type { Page } from "../../../src/domain/schemas/common.js";
export type {
  AlignmentGaps,
  AlignmentMap,
  OutageImpact,
  TraceDown,
  TraceUp,
} from "../../../src/domain/schemas/graph.js";
export type {
  ImportPreview,
  ImportReport,
  ImportRun,
} from "../../../src/domain/schemas/import-run.js";
export type { Initiative } from "../../../src/domain/schemas/initiative.js";
export type { ItService } from "../../../src/domain/schemas/it-service.js";
export type { ItTeam } from "../../../src/domain/schemas/it-team.js";
export type { Person } from "../../../src/domain/schemas/person.js";
export type {
  MapValueResult,
  UnmatchedValues,
} from "../../../src/domain/schemas/ticket-mapping.js";
export type { ApiToken, Role, User } from "../../../src/domain/schemas/user.js";

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  issues?: { path: string; message: string }[];
  /** The items involved, e.g. what still refers to something that cannot be deleted. */
  items?: unknown[];
}

/** GET /api/v1/auth/me and the sign-in answer. */
export interface Me {
  user: import("../../../src/domain/schemas/user.js").User;
  csrfToken: string | null;
  permissions: string[];
}
