import { generatePassword, hashPassword } from "../../domain/credentials.js";
import { TandemError } from "../../domain/errors.js";
import type { Role } from "../../domain/schemas/user.js";
import { systemActor } from "../../store/actor.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { createRepositories } from "../../store/repositories/index.js";
import { CredentialRepository } from "../../store/repositories/user-repository.js";
import { createUser } from "../../use-cases/create-user.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

export interface UserCreateOptions {
  email: string;
  name: string;
  role: Role;
  units: string[];
  password?: string;
}

const withStore = async <T>(
  config: TandemConfig,
  run: (
    repos: ReturnType<typeof createRepositories>,
    db: Awaited<ReturnType<typeof openStore>>["db"],
  ) => Promise<T>,
) => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    return await run(createRepositories(store.db, systemActor("cli")), store.db);
  } finally {
    await store.close();
  }
};

/** `tandem user create`: the way to the first admin, printing a generated password when none is given. */
export const userCreate = async ({
  config,
  out,
  options,
}: {
  config: TandemConfig;
  out: CliOutput;
  options: UserCreateOptions;
}) =>
  withStore(config, async (repos, db) => {
    const units = options.units.length
      ? await db
          .selectFrom("businessUnit")
          .select(["id", "name"])
          .where("name", "in", options.units)
          .execute()
      : [];
    const missing = options.units.filter((u) => !units.some((found) => found.name === u));
    if (missing.length > 0)
      throw new TandemError(
        "unknown_reference",
        `no business unit named ${missing.map((m) => `"${m}"`).join(", ")}`,
      );
    const { user, generatedPassword } = await createUser({
      repos,
      generate: true,
      input: {
        email: options.email,
        name: options.name,
        role: options.role,
        businessUnitIds: units.map((u) => u.id),
        ...(options.password ? { password: options.password } : {}),
      },
    });
    out.result(`created ${user.role} ${user.email}`);
    if (generatedPassword) out.result(`password (shown only now): ${generatedPassword}`);
  });

export const userSetPassword = async ({
  config,
  out,
  email,
  password,
}: {
  config: TandemConfig;
  out: CliOutput;
  email: string;
  password?: string;
}) =>
  withStore(config, async (repos, db) => {
    const user = await new CredentialRepository(db).userByEmail(email);
    if (!user) throw new TandemError("not_found", `no user with e-mail ${email}`);
    const chosen = password ?? generatePassword();
    await repos.users.update(user.id, { passwordHash: await hashPassword(chosen) });
    out.result(`password of ${email} changed${password ? "" : `; new password (shown only now): ${chosen}`}`);
  });

export const userList = async ({ config, out }: { config: TandemConfig; out: CliOutput }) =>
  withStore(config, async (repos) => {
    for (const u of await repos.users.list())
      out.result(`${u.email}\t${u.role}\t${u.disabledAt ? "disabled" : "active"}`);
  });
