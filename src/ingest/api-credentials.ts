/** How Tandem signs in to a ticket API: basic (user or e-mail + password or API token), or a bearer token. */
export type ApiCredentials =
  | { kind: "basic"; user: string; password: string }
  | { kind: "bearer"; token: string };

export const authorizationHeader = (credentials: ApiCredentials): string =>
  credentials.kind === "basic"
    ? `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString("base64")}`
    : `Bearer ${credentials.token}`;

/** Every form in which a secret could leak into an error text: as is, URL-encoded, in the basic header. */
export const secretsOf = (credentials: ApiCredentials): string[] => {
  const secret = credentials.kind === "basic" ? credentials.password : credentials.token;
  const forms = [secret, encodeURIComponent(secret), authorizationHeader(credentials).split(" ")[1] ?? ""];
  return [...new Set(forms)].filter((form) => form.length > 0);
};

/** The text with each secret replaced by "***" (longest first, so no partial secret is left). */
export const redactSecrets = (text: string, secrets: readonly string[]): string =>
  [...secrets].sort((a, b) => b.length - a.length).reduce((t, s) => t.split(s).join("***"), text);
