import { randomUUID } from "node:crypto";
import { digestSecret, newSecret } from "../../domain/credentials.js";
import { TandemError } from "../../domain/errors.js";
import type { ApiToken, TokenScope } from "../../domain/schemas/user.js";
import { requirePermission } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import { recordAudit } from "./audit-repository.js";

/** API tokens look like `tdm_<43 random characters>`; the prefix makes leaked ones easy to grep for. */
export const TOKEN_PREFIX = "tdm_";

/** The signed-in user's own API tokens. A token cannot mint tokens: that needs a session. */
export class ApiTokenRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  private owner(): string {
    requirePermission(this.actor, "tokens:own");
    if (this.actor.kind !== "user")
      throw new TandemError("forbidden", "only a signed-in user owns API tokens");
    return this.actor.userId;
  }

  private select() {
    return this.db
      .selectFrom("apiToken")
      .select(["id", "name", "prefix", "scope", "createdAt", "lastUsedAt", "revokedAt"]);
  }

  async list(): Promise<ApiToken[]> {
    const userId = this.owner();
    return this.select().where("userId", "=", userId).orderBy("createdAt", "desc").orderBy("id").execute();
  }

  async get(id: string): Promise<ApiToken> {
    const userId = this.owner();
    const row = await this.select().where("userId", "=", userId).where("id", "=", id).executeTakeFirst();
    if (!row) throw new TandemError("not_found", `API token ${id} does not exist`);
    return row;
  }

  /** Returns the token once; afterwards only its hash and first characters are kept. */
  async create(name: string, scope: TokenScope): Promise<{ token: string; record: ApiToken }> {
    const userId = this.owner();
    if (this.actor.kind === "user" && this.actor.tokenScope !== null) {
      throw new TandemError(
        "forbidden",
        "API tokens are created from a signed-in session, not with another token",
      );
    }
    const token = `${TOKEN_PREFIX}${newSecret()}`;
    const id = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto("apiToken")
        .values({ id, userId, name, scope, prefix: token.slice(0, 10), tokenHash: digestSecret(token) })
        .execute();
      await recordAudit(tx, this.actor, {
        action: "create",
        entityType: "api-token",
        entityId: id,
        after: { name, scope },
      });
    });
    return { token, record: await this.get(id) };
  }

  async revoke(id: string, at: Date): Promise<ApiToken> {
    const before = await this.get(id);
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable("apiToken")
        .set({ revokedAt: at.toISOString() })
        .where("id", "=", id)
        .where("revokedAt", "is", null)
        .execute();
      await recordAudit(tx, this.actor, { action: "revoke", entityType: "api-token", entityId: id, before });
    });
    return this.get(id);
  }
}
