import { useState } from "react";
import type {
  CommentThemesReport,
  HappinessDimension,
  HappinessGroup,
  HappinessReport,
} from "../../../src/domain/schemas/feedback.js";
import { apiGet } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { formatNumber } from "../components/locale-format.js";
import "./voice.css";

const dimensionTitles: Record<HappinessDimension, string> = {
  ticketType: "By ticket type",
  service: "By service",
  businessUnit: "By business unit",
  assignmentGroup: "By assignment group",
  channel: "By channel",
  reassignments: "By number of reassignments",
};

const signed = (value: number) => `${value > 0 ? "+" : ""}${formatNumber(value, 1)}`;
const minutes = (value: number) =>
  `${Math.floor(value / 60)} h ${String(Math.round(value % 60)).padStart(2, "0")} min`;

const GroupTable = ({ title, groups }: { title: string; groups: HappinessGroup[] }) => (
  <section className="panel">
    <h2>{title}</h2>
    {groups.length === 0 ? (
      <p className="muted">No answers.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Happiness</th>
            <th scope="col">Lost time per ticket</th>
            <th scope="col">Answers</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.label}</th>
              {g.suppressed ? (
                <td colSpan={3} className="muted">
                  Hidden: fewer than 5 answers (or it would reveal such a group)
                </td>
              ) : (
                <>
                  <td>{g.happiness === null ? "–" : signed(g.happiness)}</td>
                  <td>{g.meanLostMinutes === null ? "–" : minutes(g.meanLostMinutes)}</td>
                  <td>{g.respondents}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);

/** Ticket happiness and lost time beside the published benchmark, and the themes of the comments. */
export const HappinessPage = () => {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  const report = useApi(
    (signal) => apiGet<HappinessReport>(`/api/v1/feedback/happiness?${query}`, signal),
    [query],
  );
  const themes = useApi(
    (signal) => apiGet<CommentThemesReport>(`/api/v1/feedback/themes?${query}`, signal),
    [query],
  );
  return (
    <section>
      <div className="page-head">
        <h1>Ticket happiness</h1>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>{" "}
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      {!report.data ? (
        <LoadingState
          loading={report.loading}
          error={report.error}
          what="happiness report"
          retry={report.reload}
        />
      ) : (
        <>
          <div className="happiness-figures">
            <section className="panel">
              <h2>Happiness</h2>
              <p className="big-figure">
                {report.data.overall.happiness === null ? "Hidden" : signed(report.data.overall.happiness)}
              </p>
              <p className="small muted">
                % of 9-10 answers minus % of 0-6 answers.{" "}
                {report.data.overall.respondents === null
                  ? "Fewer than 5 answers."
                  : `${report.data.overall.respondents} answers.`}
              </p>
            </section>
            <section className="panel">
              <h2>Work time lost per ticket</h2>
              <p className="big-figure">
                {report.data.overall.meanLostMinutes === null
                  ? "–"
                  : minutes(report.data.overall.meanLostMinutes)}
              </p>
            </section>
            <section className="panel">
              <h2>Benchmark</h2>
              <ul className="plain-list small">
                <li>
                  Incidents: {signed(report.data.benchmark.incident.happiness)},{" "}
                  {minutes(report.data.benchmark.incident.lostMinutes)} lost
                </li>
                <li>
                  Requests: {signed(report.data.benchmark.request.happiness)},{" "}
                  {minutes(report.data.benchmark.request.lostMinutes)} lost
                </li>
                <li>
                  Each reassignment: {report.data.benchmark.perReassignment.happiness} points,{" "}
                  {minutes(report.data.benchmark.perReassignment.lostMinutes)} more lost
                </li>
              </ul>
              <p className="small muted">{report.data.benchmark.source}</p>
            </section>
          </div>
          {(Object.keys(dimensionTitles) as HappinessDimension[]).map((d) => (
            <GroupTable key={d} title={dimensionTitles[d]} groups={report.data?.dimensions[d] ?? []} />
          ))}
        </>
      )}
      <section className="panel">
        <h2>What the comments are about</h2>
        {!themes.data ? (
          <LoadingState loading={themes.loading} error={themes.error} what="comment themes" />
        ) : themes.data.suppressed ? (
          <p className="muted">Fewer than 5 comments: nothing is shown.</p>
        ) : (
          <ol className="theme-list">
            {themes.data.themes.map((t) => (
              <li key={t.theme}>
                <strong>{t.theme}</strong> — {t.count} comments, mood {signed(t.sentiment)}
                <ul className="small">
                  {t.examples.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: examples are a fixed, ordered list and may repeat a text.
                    <li key={i}>
                      “{e.comment}”{e.signedBy ? ` — ${e.signedBy}` : ""}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
};
