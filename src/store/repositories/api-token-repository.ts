import { randomUUID } from "node:crypto";
import { TandemError } from "../../domain/errors.js";
import { digestSecret, newSecret } from "../../domain/credentials.js";
import type { ApiToken, TokenScope } from "../../domain/schemas/user.js";
import type { Db } from "../database.js";

/** API tokens look like `tdm_<43 random characters>`; the prefix makes leaked ones easy to grep for. */
export const TOKEN_PREFIX = "tdm_";

export class ApiTokenRepository {
  constructor(private readonly db: Db) {}

  /** Returns the token once; afterwards only its hash and first characters are kept. */
  async create(userId: string, name: string, scope: TokenScope): Promise<{ token: string; record: ApiToken }> {
    const token = `${TOKEN_PREFIX}${newSecret()}`;
    const id = randomUUID();
    await this.db
      .insertInto("apiToken")
      .values({ id, userId, name, scope, prefix: token.slice(0, 10), tokenHash: digestSecret(token) })
      .execute();
    return { token, record: await this.get(userId, id) };
  }

  private select() {
    return this.db.selectFrom("apiToken").select(["id", "name", "prefix", "scope", "createdAt", "lastUsedAt", "revokedAt"]);
  }

  async listOf(userId: string): Promise<ApiToken[]> {
    return this.select().where("userId", "=", userId).orderBy("createdAt", "desc").orderBy("id").execute();
  }

  async get(userId: string, id: string): Promise<ApiToken> {
    const row = await this.select().where("userId", "=", userId).where("id", "=", id).executeTakeFirst();
    if (!row) throw new TandemError("not_found", `API token ${id} does not exist`);
    return row;
  }

  async revoke(userId: string, id: string, at: Date): Promise<ApiToken> {
    await this.get(userId, id);
    await this.db
      .updateTable("apiToken")
      .set({ revokedAt: at.toISOString() })
      .where("id", "=", id)
      .where("revokedAt", "is", null)
      .execute();
    return this.get(userId, id);
  }

  /** The live token's owner and scope, marking it used. */
  async use(token: string, at: Date): Promise<{ userId: string; scope: TokenScope } | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const row = await this.db
      .selectFrom("apiToken")
      .innerJoin("appUser", "appUser.id", "apiToken.userId")
      .select(["apiToken.id", "apiToken.userId", "apiToken.scope"])
      .where("apiToken.tokenHash", "=", digestSecret(token))
      .where("apiToken.revokedAt", "is", null)
      .where("appUser.disabledAt", "is", null)
      .executeTakeFirst();
    if (!row) return undefined;
    await this.db.updateTable("apiToken").set({ lastUsedAt: at.toISOString() }).where("id", "=", row.id).execute();
    return { userId: row.userId, scope: row.scope };
  }
}
