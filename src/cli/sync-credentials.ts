import { readFile } from "node:fs/promises";
import { TandemError } from "../domain/errors.js";
import type { ApiCredentials } from "../ingest/api-credentials.js";

const fromFile = async (file: string): Promise<Record<string, unknown>> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new TandemError("not_found", `cannot read the credentials file ${file}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Reported below without echoing the file, which holds secrets.
  }
  throw new TandemError("validation", `the credentials file ${file} is not a JSON object`);
};

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/**
 * ServiceNow credentials, never from the command line (where `ps` and shell history would show
 * them): a --credentials-file {user, password} or {token}, else SERVICENOW_USER and
 * SERVICENOW_PASSWORD, else SERVICENOW_TOKEN.
 */
export const serviceNowCredentials = async (
  env: NodeJS.ProcessEnv,
  file?: string,
): Promise<ApiCredentials> => {
  const source = file ? await fromFile(file) : {};
  const user = file ? text(source.user) : env.SERVICENOW_USER;
  const password = file ? text(source.password) : env.SERVICENOW_PASSWORD;
  const token = file ? text(source.token) : env.SERVICENOW_TOKEN;
  if (user && password) return { kind: "basic", user, password };
  if (token) return { kind: "bearer", token };
  throw new TandemError(
    "unauthenticated",
    file
      ? `the credentials file ${file} needs "user" and "password" (or "token")`
      : "set SERVICENOW_USER and SERVICENOW_PASSWORD (or SERVICENOW_TOKEN), or use --credentials-file",
  );
};

/** Jira Cloud: e-mail + API token, from a --credentials-file {email, token} or JIRA_EMAIL and JIRA_API_TOKEN. */
export const jiraCredentials = async (env: NodeJS.ProcessEnv, file?: string): Promise<ApiCredentials> => {
  const source = file ? await fromFile(file) : {};
  const email = file ? text(source.email) : env.JIRA_EMAIL;
  const token = file ? text(source.token) : env.JIRA_API_TOKEN;
  if (email && token) return { kind: "basic", user: email, password: token };
  throw new TandemError(
    "unauthenticated",
    file
      ? `the credentials file ${file} needs "email" and "token"`
      : "set JIRA_EMAIL and JIRA_API_TOKEN, or use --credentials-file",
  );
};
