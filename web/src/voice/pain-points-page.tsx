import { type FormEvent, useState } from "react";
import type { PainPoint, PainPointComment } from "../../../src/domain/schemas/pain-point.js";
import { apiGet, apiRequest, ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { formatDate, formatNumber } from "../components/locale-format.js";
import "./voice.css";

type Ref = { id: string; name: string };
type Status = PainPoint["status"];

const statusLabels: Record<Status, string> = {
  new: "New",
  acknowledged: "Acknowledged",
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
  declined: "Declined",
};
const frequencies = ["daily", "weekly", "monthly", "occasionally"] as const;
const days = (hours: number) => formatNumber(hours / 24, 0);

const PostForm = ({ units, services, onPosted }: { units: Ref[]; services: Ref[]; onPosted: () => void }) => {
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [businessUnitId, setUnit] = useState(units[0]?.id ?? "");
  const [serviceId, setService] = useState("");
  const [frequency, setFrequency] = useState<(typeof frequencies)[number]>("weekly");
  const [hours, setHours] = useState("1");
  const [error, setError] = useState<ProblemError | null>(null);
  const fields = error?.fieldErrors() ?? {};
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await apiRequest("POST", "/api/v1/pain-points", {
        body: {
          title,
          description,
          businessUnitId,
          serviceId: serviceId || null,
          frequency,
          hoursLostPerWeek: Number(hours),
        },
      });
      setTitle("");
      setDescription("");
      onPosted();
    } catch (e) {
      setError(e instanceof ProblemError ? e : null);
    }
  };
  return (
    <form className="pain-point-form panel" onSubmit={submit} noValidate>
      <h2>Post a pain point</h2>
      <label>
        What gets in the way?{" "}
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {fields.title ? <p className="field-error">{fields.title}</p> : null}
      <label>
        Details{" "}
        <textarea value={description} maxLength={4000} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Business unit{" "}
        <select value={businessUnitId} onChange={(e) => setUnit(e.target.value)}>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      {fields.businessUnitId ? <p className="field-error">{fields.businessUnitId}</p> : null}
      <label>
        Affected service{" "}
        <select value={serviceId} onChange={(e) => setService(e.target.value)}>
          <option value="">Not sure / none</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        How often{" "}
        <select
          value={frequency}
          onChange={(e) => setFrequency(e.target.value as (typeof frequencies)[number])}
        >
          {frequencies.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label>
        Hours lost per week (estimate){" "}
        <input type="number" min={0} step={0.25} value={hours} onChange={(e) => setHours(e.target.value)} />
      </label>
      {fields.hoursLostPerWeek ? <p className="field-error">{fields.hoursLostPerWeek}</p> : null}
      {error && Object.keys(fields).length === 0 ? (
        <p className="problem" role="alert">
          {error.problem.detail ?? error.message}
        </p>
      ) : null}
      <button type="submit" className="primary">
        Post
      </button>
    </form>
  );
};

const Comments = ({ point, canSpeak }: { point: PainPoint; canSpeak: boolean }) => {
  const comments = useApi(
    (signal) => apiGet<{ items: PainPointComment[] }>(`/api/v1/pain-points/${point.id}/comments`, signal),
    [point.id],
  );
  const [body, setBody] = useState("");
  const [error, setError] = useState<ProblemError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await apiRequest("POST", `/api/v1/pain-points/${point.id}/comments`, { body: { body } });
      setBody("");
      comments.reload();
    } catch (e) {
      setError(e instanceof ProblemError ? e : null);
    }
  };
  return (
    <div>
      <ul className="plain-list small">
        {(comments.data?.items ?? []).map((c) => (
          <li key={c.id}>
            <strong>{c.author}</strong> ({formatDate(c.createdAt)}): {c.body}
          </li>
        ))}
      </ul>
      {canSpeak ? (
        <form onSubmit={submit}>
          <label>
            Comment <input value={body} maxLength={2000} onChange={(e) => setBody(e.target.value)} />
          </label>{" "}
          <button type="submit">Add</button>
          {error ? <p className="field-error">{error.problem.detail ?? error.message}</p> : null}
        </form>
      ) : null}
    </div>
  );
};

const Triage = ({ point, onDone }: { point: PainPoint; onDone: () => void }) => {
  const [status, setStatus] = useState<Status>(point.status);
  const [effort, setEffort] = useState(point.effort ?? "");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ProblemError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await apiRequest("POST", `/api/v1/pain-points/${point.id}/triage`, {
        body: { status, effort: effort || null, ...(reason ? { reason } : {}) },
      });
      onDone();
    } catch (e) {
      setError(e instanceof ProblemError ? e : null);
    }
  };
  return (
    <form onSubmit={submit} className="small">
      <label>
        Status{" "}
        <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {(Object.keys(statusLabels) as Status[]).map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </label>{" "}
      <label>
        Effort{" "}
        <select value={effort} onChange={(e) => setEffort(e.target.value as "small")}>
          <option value="">Not estimated</option>
          <option value="small">Small</option>
          <option value="medium">Medium</option>
          <option value="large">Large</option>
        </select>
      </label>{" "}
      <label>
        Reason (shown to the business; required to decline){" "}
        <input value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </label>{" "}
      <button type="submit">Save triage</button>
      {error ? (
        <p className="field-error" role="alert">
          {Object.values(error.fieldErrors())[0] ?? error.problem.detail ?? error.message}
        </p>
      ) : null}
    </form>
  );
};

/** The pain-point register: the business posts, votes and comments; IT triages. */
export const PainPointsPage = () => {
  const session = useSession();
  const role = session.me?.user.role;
  const canSpeak = role !== "viewer";
  const canTriage = session.can("graph:write");
  const [status, setStatus] = useState<Status | "">("");
  const [quickWins, setQuickWins] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const query = new URLSearchParams({
    ...(status ? { status } : {}),
    ...(quickWins ? { quickWins: "true" } : {}),
  });
  const list = useApi(
    (signal) => apiGet<{ items: PainPoint[] }>(`/api/v1/pain-points?${query.toString()}`, signal),
    [query.toString()],
  );
  const units = useApi((signal) => apiGet<{ items: Ref[] }>("/api/v1/business-units?limit=500", signal), []);
  const services = useApi((signal) => apiGet<{ items: Ref[] }>("/api/v1/services?limit=500", signal), []);
  // A stakeholder's list of units is already cut to their reach: the units they may post for.
  const myUnits = units.data?.items ?? [];
  const vote = async (point: PainPoint) => {
    await apiRequest(point.votedByMe ? "DELETE" : "POST", `/api/v1/pain-points/${point.id}/vote`);
    list.reload();
  };
  return (
    <section>
      <div className="page-head">
        <h1>Pain points</h1>
      </div>
      <p className="muted">What gets in the business's way, in its own words. Vote for what hurts you too.</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status{" "}
          <select value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
            <option value="">All</option>
            {(Object.keys(statusLabels) as Status[]).map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </label>{" "}
        <label className="checkbox">
          <input type="checkbox" checked={quickWins} onChange={(e) => setQuickWins(e.target.checked)} /> Quick
          wins only
        </label>
      </form>
      {canSpeak && myUnits.length > 0 ? (
        <PostForm units={myUnits} services={services.data?.items ?? []} onPosted={list.reload} />
      ) : null}
      {!list.data ? (
        <LoadingState loading={list.loading} error={list.error} what="pain points" retry={list.reload} />
      ) : list.data.items.length === 0 ? (
        <p className="muted">No pain points here yet.</p>
      ) : (
        list.data.items.map((p) => (
          <article className="pain-point" key={p.id} aria-labelledby={`pp-${p.id}`}>
            <h3 id={`pp-${p.id}`}>{p.title}</h3>
            <div className="badges">
              <span className="badge">{statusLabels[p.status]}</span>
              {p.quickWin ? <span className="badge quick-win">Quick win</span> : null}
              <span>{p.businessUnitName}</span>
              {p.serviceName ? <span>· {p.serviceName}</span> : null}
              <span>
                · {p.frequency}, {formatNumber(p.hoursLostPerWeek, 1)} h lost a week
              </span>
              <span>· {days(p.ageHours)} days old</span>
              {p.hoursToAcknowledge !== null ? (
                <span>· acknowledged after {formatNumber(p.hoursToAcknowledge, 1)} h</span>
              ) : (
                <span>· not yet acknowledged</span>
              )}
            </div>
            {p.description ? <p>{p.description}</p> : null}
            {p.statusReason ? (
              <p>
                <strong>IT says:</strong> {p.statusReason}
              </p>
            ) : null}
            <p>
              {canSpeak ? (
                <button type="button" aria-pressed={p.votedByMe} onClick={() => vote(p)}>
                  {p.votedByMe ? "Voted" : "Vote"} ({p.votes})
                </button>
              ) : (
                <span>{p.votes} votes</span>
              )}{" "}
              <button
                type="button"
                aria-expanded={open === p.id}
                onClick={() => setOpen(open === p.id ? null : p.id)}
              >
                Comments ({p.comments})
              </button>
            </p>
            {open === p.id ? (
              <>
                <Comments point={p} canSpeak={canSpeak} />
                {canTriage ? <Triage point={p} onDone={list.reload} /> : null}
              </>
            ) : null}
          </article>
        ))
      )}
    </section>
  );
};
