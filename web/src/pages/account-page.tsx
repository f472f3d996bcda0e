import { type FormEvent, useState } from "react";
import { apiGet, apiRequest, ProblemError } from "../api/api-client.js";
import type { ApiToken } from "../api/api-types.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { FormField } from "../components/form-field.js";
import { LoadingState } from "../components/loading-state.js";
import { ProblemMessage } from "../components/problem-message.js";

/** The signed-in user's details and API tokens (create: shown once; revoke). */
export const AccountPage = () => {
  const { me, can } = useSession();
  const tokens = useApi((signal) => apiGet<{ items: ApiToken[] }>("/api/v1/me/tokens", signal), []);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"read" | "read-write">("read");
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<ProblemError | null>(null);
  const fields = error?.fieldErrors() ?? {};

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const answer = await apiRequest<{ token: string }>("POST", "/api/v1/me/tokens", {
        body: { name, scope },
      });
      setCreated(answer.data.token);
      setName("");
      tokens.reload();
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
    }
  };

  const revoke = async (token: ApiToken) => {
    if (!window.confirm(`Revoke the token “${token.name}”? Programs using it will stop working.`)) return;
    setError(null);
    try {
      await apiRequest("POST", `/api/v1/me/tokens/${token.id}/revoke`);
      tokens.reload();
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Your account</h1>
      </div>
      {me ? (
        <dl className="facts">
          <dt>Name</dt>
          <dd>{me.user.name}</dd>
          <dt>E-mail</dt>
          <dd>{me.user.email}</dd>
          <dt>Role</dt>
          <dd>{me.user.role.replace("_", " ")}</dd>
        </dl>
      ) : null}
      <h2>API tokens</h2>
      <p className="muted">
        Programs send a token as <code>Authorization: Bearer …</code>. A token acts as you, limited to reading
        unless it is read-write.
      </p>
      {error && Object.keys(fields).length === 0 ? <ProblemMessage error={error} /> : null}
      {created ? (
        <div className="notice" role="status">
          <p>Your new token (copy it now; it will not be shown again):</p>
          <code className="secret" data-testid="new-token">
            {created}
          </code>
          <button type="button" className="secondary" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      ) : null}
      <form className="inline-form" onSubmit={create} noValidate aria-label="Create API token">
        <FormField label="Token name" name="name" error={fields.name}>
          <input
            name="name"
            value={name}
            placeholder="e.g. reporting script"
            onChange={(e) => setName(e.target.value)}
          />
        </FormField>
        <FormField label="Scope" name="scope" error={fields.scope}>
          <select
            name="scope"
            value={scope}
            onChange={(e) => setScope(e.target.value as "read" | "read-write")}
          >
            <option value="read">read</option>
            {can("graph:write") || can("business-graph:write") ? (
              <option value="read-write">read-write</option>
            ) : null}
          </select>
        </FormField>
        <button type="submit">Create token</button>
      </form>
      <LoadingState loading={tokens.loading && !tokens.data} error={tokens.error} what="API tokens" />
      {tokens.data ? (
        <table className="data-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Starts with</th>
              <th>Scope</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  No tokens yet.
                </td>
              </tr>
            ) : null}
            {tokens.data.items.map((t) => (
              <tr key={t.id} className={t.revokedAt ? "revoked" : undefined}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{t.scope}</td>
                <td>{t.createdAt.slice(0, 10)}</td>
                <td>{t.lastUsedAt?.slice(0, 10) ?? "never"}</td>
                <td>
                  {t.revokedAt ? (
                    <span className="muted">revoked {t.revokedAt.slice(0, 10)}</span>
                  ) : (
                    <button type="button" className="danger" onClick={() => revoke(t)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
};
