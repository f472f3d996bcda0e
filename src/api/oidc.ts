import * as oidc from "openid-client";

/** OpenID Connect sign-in against the organisation's identity provider (optional). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: `<public URL>/api/v1/auth/oidc/callback`. */
  redirectUri: string;
  /** Shown on the sign-in button, e.g. "Sign in with Contoso SSO". */
  label: string;
}

export const oidcSettingsFromEnv = (env: NodeJS.ProcessEnv): OidcSettings | null => {
  const {
    TANDEM_OIDC_ISSUER: issuer,
    TANDEM_OIDC_CLIENT_ID: clientId,
    TANDEM_OIDC_CLIENT_SECRET: clientSecret,
  } = env;
  if (!issuer || !clientId || !clientSecret) return null;
  const publicUrl = env.TANDEM_PUBLIC_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`;
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: env.TANDEM_OIDC_REDIRECT_URI ?? new URL("/api/v1/auth/oidc/callback", publicUrl).toString(),
    label: env.TANDEM_OIDC_LABEL ?? "Sign in with your organisation",
  };
};

export interface OidcClient {
  settings: OidcSettings;
  config(): Promise<oidc.Configuration>;
}

/** Discovery happens on first use and is cached; a plain-http issuer (a test or lab IdP) is allowed explicitly. */
export const createOidcClient = (settings: OidcSettings): OidcClient => {
  let discovered: Promise<oidc.Configuration> | undefined;
  return {
    settings,
    config: () => {
      discovered ??= oidc
        .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
          ...(settings.issuer.startsWith("http://") ? { execute: [oidc.allowInsecureRequests] } : {}),
        })
        .catch((error: unknown) => {
          discovered = undefined;
          throw error;
        });
      return discovered;
    },
  };
};
