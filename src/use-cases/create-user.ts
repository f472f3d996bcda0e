import { generatePassword, hashPassword } from "../domain/credentials.js";
import { type User, type UserInput, userInput } from "../domain/schemas/user.js";
import type { Repositories } from "../store/repositories/index.js";

export interface CreateUserOptions {
  repos: Repositories;
  input: UserInput;
  /** Generate a password when none is given (CLI and demo); otherwise the account signs in by OIDC only. */
  generate?: boolean;
}

export interface CreateUserResult {
  user: User;
  /** Only when generated: shown once, never stored in clear. */
  generatedPassword: string | null;
}

export const createUser = async ({
  repos,
  input,
  generate = false,
}: CreateUserOptions): Promise<CreateUserResult> => {
  const valid = userInput.parse(input);
  const generatedPassword = !valid.password && generate ? generatePassword() : null;
  const password = valid.password ?? generatedPassword;
  const user = await repos.users.create({
    email: valid.email,
    name: valid.name,
    role: valid.role,
    businessUnitIds: valid.businessUnitIds,
    passwordHash: password ? await hashPassword(password) : null,
  });
  return { user, generatedPassword };
};
