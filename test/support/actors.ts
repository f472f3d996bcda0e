import type { Role, TokenScope } from "../../src/domain/schemas/user.js";
import type { Actor } from "../../src/store/actor.js";
import type { Db } from "../../src/store/database.js";
import { createRepositories } from "../../src/store/repositories/index.js";

/** A signed-in user of this role reaching these units, without an account row (store tests). */
export const userActor = (role: Role, units: string[] = [], tokenScope: TokenScope | null = null): Actor => ({
  kind: "user",
  userId: "00000000-0000-4000-8000-000000000001",
  name: role,
  role,
  businessUnitIds: units,
  tokenScope,
});

/** The repositories as that user sees them. */
export const repositoriesAs = (
  db: Db,
  role: Role,
  units: string[] = [],
  tokenScope: TokenScope | null = null,
) => createRepositories(db, userActor(role, units, tokenScope));
