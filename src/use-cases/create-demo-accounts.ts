import { generatePassword, hashPassword } from "../domain/credentials.js";
import type { Role } from "../domain/schemas/user.js";
import { systemActor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { createRepositories } from "../store/repositories/index.js";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  /** Business units the account holds, by name. */
  units: string[];
}

/** One account per role, so that each side of Tandem can be tried; stakeholders hold Sales. */
export const demoAccounts: DemoAccount[] = [
  { email: "admin@nordwind.example", name: "Ada Admin", role: "admin", units: [] },
  { email: "it@nordwind.example", name: "Ian IT-Lead", role: "it", units: [] },
  {
    email: "brm@nordwind.example",
    name: "Rita Relationship",
    role: "relationship_manager",
    units: ["Sales", "Logistics"],
  },
  { email: "sales@nordwind.example", name: "Sam Sales-Head", role: "business_stakeholder", units: ["Sales"] },
  { email: "viewer@nordwind.example", name: "Vera Viewer", role: "viewer", units: [] },
];

export interface CreateDemoAccountsResult {
  accounts: DemoAccount[];
  /** Shared by every demo account; printed once at start-up and never stored in clear. */
  password: string;
}

export const createDemoAccounts = async ({
  db,
  password = generatePassword(),
}: {
  db: Db;
  password?: string;
}): Promise<CreateDemoAccountsResult> => {
  const repos = createRepositories(db, systemActor("demo"));
  const units = await db.selectFrom("businessUnit").select(["id", "name"]).execute();
  const unitId = new Map(units.map((u) => [u.name.toLowerCase(), u.id]));
  const passwordHash = await hashPassword(password);
  for (const account of demoAccounts) {
    await repos.users.create({
      email: account.email,
      name: account.name,
      role: account.role,
      businessUnitIds: account.units.flatMap((name) => unitId.get(name.toLowerCase()) ?? []),
      passwordHash,
    });
  }
  return { accounts: demoAccounts, password };
};
