import { describe, expect, it } from "vitest";
import { authorizationHeader, redactSecrets, secretsOf } from "../../src/ingest/api-credentials.js";

describe("API credentials", () => {
  it("redacts the secret as is, URL-encoded and inside the basic header, but not the user", () => {
    const credentials = { kind: "basic" as const, user: "bot", password: "p@ss word/1" };
    const header = authorizationHeader(credentials);
    const text = `failed: p@ss word/1, p%40ss%20word%2F1, ${header}`;
    const redacted = redactSecrets(text, secretsOf(credentials));
    expect(redacted).toBe("failed: ***, ***, Basic ***");
    expect(redactSecrets("bearer abc", secretsOf({ kind: "bearer", token: "abc" }))).toBe("bearer ***");
  });
});
