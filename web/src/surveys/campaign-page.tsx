import { useState } from "react";
import { Link, useParams } from "react-router";
import type { CampaignResults } from "../../../src/domain/schemas/campaign.js";
import { apiGet, apiRequest, ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { formatDate, formatNumber, formatPercent } from "../components/locale-format.js";
import { DistributionBar } from "./gap-figures.js";
import "./surveys.css";

type QuestionResult = CampaignResults["questions"][number];

const Figure = ({ q }: { q: QuestionResult }) => {
  if (q.suppressed) return <p className="muted small">Withheld: fewer than 5 answered ({q.respondents}).</p>;
  if (q.comments)
    return (
      <>
        {q.themes && q.themes.length > 0 ? (
          <p className="small">
            Themes:{" "}
            {q.themes.map((t) => (
              <span
                key={t.theme}
                className="tag"
                title={`mean sentiment ${formatNumber(t.sentiment, 2)}; e.g. “${t.examples[0] ?? ""}”`}
              >
                {t.theme} ({t.count})
              </span>
            ))}
          </p>
        ) : null}
        <ul className="comment-list">
          {q.comments.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: comments have no id and never reorder
            <li key={i}>
              {c.text}
              {c.signedBy ? <span className="muted small"> — {c.signedBy}</span> : null}
            </li>
          ))}
        </ul>
      </>
    );
  if (q.choices)
    return (
      <ul className="plain-list">
        {q.choices.map((c) => (
          <li key={c.choice}>
            {c.choice}: {c.answers}
          </li>
        ))}
      </ul>
    );
  return (
    <p>
      {q.score !== null
        ? `Score ${formatNumber(q.score, 0)}`
        : `${formatPercent(q.favourablePct ?? 0, 0)} favourable`}
      , mean {formatNumber(q.mean ?? 0, 1)} (n={q.respondents}){" "}
      {q.type === "likert" || q.type === "csat" ? (
        <DistributionBar distribution={q.distribution} label="Answers" />
      ) : null}
    </p>
  );
};

/** One campaign: response rates per unit, results per question and audience, close and remind. */
export const CampaignPage = () => {
  const { id = "" } = useParams();
  const session = useSession();
  const results = useApi(
    (signal) => apiGet<CampaignResults>(`/api/v1/campaigns/${id}/results`, signal),
    [id],
  );
  const [notice, setNotice] = useState<string | null>(null);
  if (!results.data)
    return (
      <LoadingState loading={results.loading} error={results.error} what="campaign" retry={results.reload} />
    );
  const { campaign, responseRates, questions } = results.data;
  const mayWrite = session.can("business-graph:write");
  const act = async (what: "close" | "reminders") => {
    try {
      const { data } = await apiRequest<{ reminded?: number; mailed?: number; links?: unknown[] }>(
        "POST",
        `/api/v1/campaigns/${id}/${what}`,
      );
      setNotice(
        what === "close"
          ? "Closed: no more answers are taken; every answer given is kept."
          : `${data.reminded ?? 0} reminded, ${data.mailed ?? 0} by mail.`,
      );
      results.reload();
    } catch (e) {
      if (e instanceof ProblemError) setNotice(e.problem.detail ?? e.message);
    }
  };
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/campaigns">Campaigns</Link>
      </p>
      <div className="page-head">
        <h1>{campaign.name}</h1>
        <div className="page-tools">
          <a href={`/api/v1/campaigns/${id}/results.csv`}>Download CSV</a>{" "}
          {mayWrite && campaign.status === "open" ? (
            <>
              <button type="button" className="secondary" onClick={() => act("reminders")}>
                Send due reminders
              </button>{" "}
              <button type="button" className="secondary" onClick={() => act("close")}>
                Close campaign
              </button>
            </>
          ) : null}
        </div>
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        {campaign.surveyName} · {campaign.status} · {formatDate(campaign.startsAt)} to{" "}
        {formatDate(campaign.deadline)} ·{" "}
        <strong>
          {campaign.responded} of {campaign.invited} answered
          {campaign.responseRatePct !== null ? ` (${formatPercent(campaign.responseRatePct, 0)})` : ""}
        </strong>
      </p>
      <section className="panel">
        <h2>Response rates</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Unit</th>
              <th scope="col">Asked</th>
              <th scope="col">Invited</th>
              <th scope="col">Answered</th>
              <th scope="col">Rate</th>
            </tr>
          </thead>
          <tbody>
            {responseRates.map((r) => (
              <tr key={`${r.audience}-${r.businessUnitId}`}>
                <th scope="row">{r.businessUnitName}</th>
                <td>{r.audience === "it" ? "IT (mirror)" : "Business"}</td>
                <td>{r.invited}</td>
                <td>{r.responded}</td>
                <td>{r.responseRatePct !== null ? formatPercent(r.responseRatePct, 0) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Results</h2>
        <p className="muted small">
          Groups under five respondents are withheld. Comments are shown without names unless signed.
        </p>
        {questions.map((q) => (
          <div key={`${q.questionId}-${q.audience}`}>
            <h3 className="small">
              {q.audience === "it" ? "IT: " : ""}
              {q.text}
            </h3>
            <Figure q={q} />
          </div>
        ))}
      </section>
    </section>
  );
};
