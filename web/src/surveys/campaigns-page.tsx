import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import type { BusinessUnit } from "../../../src/domain/schemas/business-unit.js";
import type { Campaign, InvitationLink } from "../../../src/domain/schemas/campaign.js";
import type { Person } from "../../../src/domain/schemas/person.js";
import type { Survey } from "../../../src/domain/schemas/survey.js";
import { apiGet, apiGetAll, apiRequest, ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { EmptyState, LoadingState } from "../components/loading-state.js";
import { formatDate, formatPercent } from "../components/locale-format.js";
import "./surveys.css";

const inDays = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setMinutes(0, 0, 0);
  return d.toISOString().slice(0, 16);
};

/** Send a survey: units for the business, IT staff for the mirror, dates and reminders. */
const NewCampaignForm = ({ onCreated }: { onCreated: (links: InvitationLink[], mailed: number) => void }) => {
  const surveys = useApi((signal) => apiGet<{ items: Survey[] }>("/api/v1/surveys", signal), []);
  const units = useApi((signal) => apiGetAll<BusinessUnit>("/api/v1/business-units", signal), []);
  const people = useApi((signal) => apiGetAll<Person>("/api/v1/people", signal), []);
  const [surveyId, setSurveyId] = useState("");
  const [name, setName] = useState(`Value perception ${new Date().getFullYear()}`);
  const [startsAt, setStartsAt] = useState(inDays(0));
  const [deadline, setDeadline] = useState(inDays(21));
  const [reminders, setReminders] = useState("7, 2");
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [itIds, setItIds] = useState<string[]>([]);
  const [error, setError] = useState<ProblemError | null>(null);
  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
  const fields = error?.fieldErrors() ?? {};
  const chosenSurvey = surveyId || surveys.data?.items[0]?.id || "";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await apiRequest<{ links: InvitationLink[]; mailed: number }>(
        "POST",
        "/api/v1/campaigns",
        {
          body: {
            surveyId: chosenSurvey,
            name,
            startsAt: new Date(startsAt).toISOString(),
            deadline: new Date(deadline).toISOString(),
            reminderDays: reminders
              .split(",")
              .map((s) => Number(s.trim()))
              .filter((n) => Number.isInteger(n) && n > 0),
            businessUnitIds: unitIds,
            itRespondents: itIds.map((personId) => ({ personId, aboutBusinessUnitId: null })),
          },
        },
      );
      onCreated(data.links, data.mailed);
    } catch (e) {
      if (e instanceof ProblemError) setError(e);
    }
  };

  return (
    <form className="panel edit-form" onSubmit={submit}>
      <h2>Send a survey</h2>
      <label className="field">
        <span className="field-label">Survey</span>
        <select value={chosenSurvey} onChange={(e) => setSurveyId(e.target.value)}>
          {(surveys.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Campaign name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        {fields.name ? <span className="field-error">{fields.name}</span> : null}
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field-label">Opens</span>
          <input type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Deadline</span>
          <input type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          {fields.deadline ? <span className="field-error">{fields.deadline}</span> : null}
        </label>
        <label className="field">
          <span className="field-label">Reminders (days before the deadline)</span>
          <input value={reminders} onChange={(e) => setReminders(e.target.value)} />
        </label>
      </div>
      <fieldset className="field">
        <legend className="field-label">Business units (everyone in them and the units below)</legend>
        <div className="checkboxes">
          {(units.data ?? []).map((u) => (
            <label key={u.id} className="checkbox">
              <input
                type="checkbox"
                checked={unitIds.includes(u.id)}
                onChange={() => setUnitIds(toggle(unitIds, u.id))}
              />{" "}
              {u.name}
            </label>
          ))}
        </div>
        {fields.businessUnitIds ? <span className="field-error">{fields.businessUnitIds}</span> : null}
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">IT staff for the mirror survey ("the business would say...")</legend>
        <div className="checkboxes">
          {(people.data ?? []).map((p) => (
            <label key={p.id} className="checkbox">
              <input
                type="checkbox"
                checked={itIds.includes(p.id)}
                onChange={() => setItIds(toggle(itIds, p.id))}
              />{" "}
              {p.name}
            </label>
          ))}
        </div>
      </fieldset>
      {error && !Object.keys(fields).length ? (
        <p className="problem" role="alert">
          {error.problem.detail}
        </p>
      ) : null}
      <button className="button" type="submit">
        Send
      </button>
    </form>
  );
};

/** Campaigns with their response rates; a new one, and its links to copy when mail is not set up. */
export const CampaignsPage = () => {
  const session = useSession();
  const campaigns = useApi((signal) => apiGet<{ items: Campaign[] }>("/api/v1/campaigns", signal), []);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<{ links: InvitationLink[]; mailed: number } | null>(null);
  const mayWrite = session.can("business-graph:write");
  return (
    <section>
      <div className="page-head">
        <h1>Survey campaigns</h1>
        <div className="page-tools">
          <Link to="/perception-gap">Perception gap</Link>{" "}
          {mayWrite && !creating ? (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              New campaign
            </button>
          ) : null}
        </div>
      </div>
      {creating ? (
        <NewCampaignForm
          onCreated={(links, mailed) => {
            setCreating(false);
            setIssued({ links, mailed });
            campaigns.reload();
          }}
        />
      ) : null}
      {issued ? (
        <section className="panel link-list" role="status">
          <h2>Invitations</h2>
          <p>
            {issued.mailed} mailed.
            {issued.links.length > 0
              ? ` ${issued.links.length} links to hand over yourself (no mail server is configured, or the mail failed). They are shown only now; each works once.`
              : ""}
          </p>
          {issued.links.length > 0 ? (
            <textarea
              readOnly
              aria-label="Survey links, one per line"
              value={issued.links.map((l) => `${l.email ?? ""}\t${l.audience}\t${l.url}`).join("\n")}
            />
          ) : null}
        </section>
      ) : null}
      {!campaigns.data ? (
        <LoadingState
          loading={campaigns.loading}
          error={campaigns.error}
          what="campaigns"
          retry={campaigns.reload}
        />
      ) : campaigns.data.items.length === 0 ? (
        <EmptyState
          next={mayWrite ? "Start with the built-in value-perception survey: New campaign." : undefined}
        >
          No survey campaigns yet.
        </EmptyState>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Campaign</th>
              <th scope="col">Survey</th>
              <th scope="col">Status</th>
              <th scope="col">Deadline</th>
              <th scope="col">Responses</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.data.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
                </th>
                <td>{c.surveyName}</td>
                <td>{c.status}</td>
                <td>{formatDate(c.deadline)}</td>
                <td>
                  {c.responded} of {c.invited}
                  {c.responseRatePct !== null ? ` (${formatPercent(c.responseRatePct, 0)})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
