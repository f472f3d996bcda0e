import { type FormEvent, useEffect, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { apiGet, ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { ProblemMessage } from "../components/problem-message.js";

interface Providers {
  password: boolean;
  oidc: { label: string } | null;
}

/** E-mail and password, or the organisation's identity provider when one is set up. */
export const SignInPage = () => {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ProblemError | null>(null);
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<Providers | null>(null);

  useEffect(() => {
    apiGet<Providers>("/api/v1/auth/providers").then(setProviders, () => setProviders(null));
  }, []);

  if (session.me) return <Navigate to={from} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(email, password);
      navigate(from, { replace: true });
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="panel sign-in-form" onSubmit={submit} aria-label="Sign in">
        <h1>Tandem</h1>
        <p className="muted">IT services and the business goals they serve.</p>
        {error ? <ProblemMessage error={error} /> : null}
        {providers?.password !== false ? (
          <>
            <label className="field">
              <span className="field-label">E-mail</span>
              <input
                name="email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            <label className="field">
              <span className="field-label">Password</span>
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <button type="submit" disabled={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </button>
          </>
        ) : null}
        {providers?.oidc ? (
          <a className="button secondary" href="/api/v1/auth/oidc/start">
            Sign in with {providers.oidc.label}
          </a>
        ) : null}
      </form>
    </main>
  );
};
