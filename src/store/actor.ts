import type { Role, TokenScope } from "../domain/schemas/user.js";

/**
 * Who is asking. Repositories are created for an actor so that permissions and scoping live
 * in the store; the system actor (CLI, demo, migrations) may do everything.
 */
export type Actor =
  | { kind: "system"; name: string }
  | {
      kind: "user";
      userId: string;
      name: string;
      role: Role;
      /** The units the user holds plus all their descendants: the reach of a scoped role. */
      businessUnitIds: string[];
      /** Set when the request came with an API token. */
      tokenScope: TokenScope | null;
    };

export const systemActor = (name = "system"): Actor => ({ kind: "system", name });

export const actorLabel = (actor: Actor): string =>
  actor.kind === "system" ? `system:${actor.name}` : actor.name;
export const actorUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);
