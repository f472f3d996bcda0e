import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

/** Who the fake provider says signed in on the next authorization request. */
export interface FakeIdentity {
  sub: string;
  email: string;
  emailVerified: boolean;
}

export interface FakeOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  nextIdentity: FakeIdentity;
  close(): Promise<void>;
}

/**
 * A local OpenID Connect provider speaking the real wire format: discovery, authorization
 * (signs the configured identity in at once), token endpoint with client_secret_basic or _post and PKCE
 * S256 checks, RS256 ID tokens and a JWKS endpoint.
 */
export const startFakeOidcProvider = async (redirectUri: string): Promise<FakeOidcProvider> => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const codes = new Map<string, { nonce: string; challenge: string; identity: FakeIdentity }>();
  const provider: FakeOidcProvider = {
    issuer: "",
    clientId: "tandem-test",
    clientSecret: "s3cret-for-tests",
    nextIdentity: { sub: "user-1", email: "ada@example.test", emailVerified: true },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const json = (res: import("node:http").ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", provider.issuer);
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(res, 200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/authorize`,
        token_endpoint: `${provider.issuer}/token`,
        jwks_uri: `${provider.issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        scopes_supported: ["openid", "email", "profile"],
      });
    }
    if (url.pathname === "/jwks") return json(res, 200, { keys: [jwk] });
    if (url.pathname === "/authorize") {
      const p = url.searchParams;
      if (
        p.get("client_id") !== provider.clientId ||
        p.get("redirect_uri") !== redirectUri ||
        p.get("code_challenge_method") !== "S256"
      ) {
        return json(res, 400, { error: "invalid_request" });
      }
      const code = randomBytes(16).toString("hex");
      codes.set(code, {
        nonce: p.get("nonce") ?? "",
        challenge: p.get("code_challenge") ?? "",
        identity: { ...provider.nextIdentity },
      });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", p.get("state") ?? "");
      back.searchParams.set("iss", provider.issuer);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let raw = "";
      req.on("data", (c: Buffer) => {
        raw += c.toString();
      });
      req.on("end", async () => {
        const form = new URLSearchParams(raw);
        const basic = Buffer.from(
          `${encodeURIComponent(provider.clientId)}:${encodeURIComponent(provider.clientSecret)}`,
        ).toString("base64");
        const viaPost =
          form.get("client_id") === provider.clientId && form.get("client_secret") === provider.clientSecret;
        if (req.headers.authorization !== `Basic ${basic}` && !viaPost)
          return json(res, 401, { error: "invalid_client" });
        const grant = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        const verifier = form.get("code_verifier") ?? "";
        const challenge = createHash("sha256").update(verifier).digest("base64url");
        if (!grant || grant.challenge !== challenge || form.get("redirect_uri") !== redirectUri)
          return json(res, 400, { error: "invalid_grant" });
        const idToken = await new SignJWT({
          email: grant.identity.email,
          email_verified: grant.identity.emailVerified,
          nonce: grant.nonce,
        })
          .setProtectedHeader({ alg: "RS256", kid: "test-key" })
          .setIssuer(provider.issuer)
          .setAudience(provider.clientId)
          .setSubject(grant.identity.sub)
          .setIssuedAt()
          .setExpirationTime("5m")
          .sign(privateKey);
        return json(res, 200, {
          access_token: randomBytes(16).toString("hex"),
          token_type: "Bearer",
          expires_in: 300,
          id_token: idToken,
        });
      });
      return;
    }
    json(res, 404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
};
