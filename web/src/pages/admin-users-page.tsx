import { type FormEvent, useState } from "react";
import { roleLabels } from "../../../src/domain/permissions.js";
import { apiGet, apiGetAll, apiRequest, ProblemError } from "../api/api-client.js";
import type { BusinessUnit, Role, User } from "../api/api-types.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { FormField } from "../components/form-field.js";
import { LoadingState } from "../components/loading-state.js";
import { NotAllowed } from "../components/not-allowed.js";
import { ProblemMessage } from "../components/problem-message.js";

const roles = Object.keys(roleLabels) as Role[];

/** Admins: every user, and a form to create one with a role and the business units they hold. */
export const AdminUsersPage = () => {
  const { can } = useSession();
  const allowed = can("users:manage");
  const users = useApi(allowed ? (signal) => apiGet<{ items: User[] }>("/api/v1/users", signal) : null, [
    allowed,
  ]);
  const units = useApi(
    allowed ? (signal) => apiGetAll<BusinessUnit>("/api/v1/business-units", signal) : null,
    [allowed],
  );
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ProblemError | null>(null);
  const [createdName, setCreatedName] = useState<string | null>(null);
  const fields = error?.fieldErrors() ?? {};

  if (!allowed) return <NotAllowed what="user administration" />;

  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id.slice(0, 8);
  const toggleUnit = (id: string) =>
    setUnitIds((current) => (current.includes(id) ? current.filter((u) => u !== id) : [...current, id]));

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setCreatedName(null);
    try {
      const answer = await apiRequest<User>("POST", "/api/v1/users", {
        body: { email, name, role, businessUnitIds: unitIds, ...(password ? { password } : {}) },
      });
      setCreatedName(answer.data.name);
      setEmail("");
      setName("");
      setPassword("");
      setUnitIds([]);
      users.reload();
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Users</h1>
      </div>
      <LoadingState loading={users.loading && !users.data} error={users.error} what="users" />
      {users.data ? (
        <table className="data-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>E-mail</th>
              <th>Role</th>
              <th>Business units</th>
              <th>Last sign-in</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{roleLabels[u.role]}</td>
                <td>{u.businessUnitIds.map(unitName).join(", ") || "—"}</td>
                <td>{u.lastSignInAt?.slice(0, 16).replace("T", " ") ?? "never"}</td>
                <td>{u.disabledAt ? "disabled" : u.hasPassword ? "active" : "single sign-on only"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <form className="panel" onSubmit={create} noValidate aria-label="Create user">
        <h2>Create a user</h2>
        {createdName ? (
          <p className="notice" role="status">
            Created {createdName}.
          </p>
        ) : null}
        {error ? <ProblemMessage error={error} /> : null}
        <div className="field-row">
          <FormField label="E-mail" name="email" error={fields.email}>
            <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </FormField>
          <FormField label="Name" name="name" error={fields.name}>
            <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <FormField label="Role" name="role" error={fields.role}>
            <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <fieldset className="field" data-field="businessUnitIds">
          <legend className="field-label">Business units held</legend>
          <span className="checkboxes">
            {(units.data ?? []).map((u) => (
              <label key={u.id} className="checkbox">
                <input type="checkbox" checked={unitIds.includes(u.id)} onChange={() => toggleUnit(u.id)} />
                {u.name}
              </label>
            ))}
            {units.data?.length === 0 ? <span className="muted">No business units yet.</span> : null}
          </span>
          {fields.businessUnitIds ? (
            <p className="field-error" role="alert">
              {fields.businessUnitIds}
            </p>
          ) : null}
        </fieldset>
        <FormField
          label="Password (optional: without one, the user signs in with single sign-on)"
          name="password"
          error={fields.password}
        >
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </FormField>
        <div className="actions">
          <button type="submit">Create user</button>
        </div>
      </form>
    </section>
  );
};
