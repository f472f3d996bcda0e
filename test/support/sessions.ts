import type { LightMyRequestResponse } from "fastify";
import type { TandemApp } from "../../src/api/context.js";

/** A browser-like session: the cookie from sign-in and the CSRF token that goes with it. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  headers(write?: boolean): Record<string, string>;
}

export const sessionCookieOf = (res: LightMyRequestResponse): string | undefined =>
  res.cookies.find((c) => c.name === "tandem_session")?.value;

export const signInSession = async (
  app: TandemApp,
  email: string,
  password: string,
): Promise<TestSession> => {
  const res = await app.inject({ method: "POST", url: "/api/v1/auth/sign-in", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error("no session cookie");
  const csrfToken: string = res.json().csrfToken;
  return {
    cookie,
    csrfToken,
    headers: (write = false) => ({
      cookie: `tandem_session=${cookie}`,
      ...(write ? { "x-csrf-token": csrfToken } : {}),
    }),
  };
};
