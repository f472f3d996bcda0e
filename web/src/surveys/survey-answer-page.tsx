import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import type { SurveyForm } from "../../../src/domain/schemas/survey.js";
import { apiGet, apiRequest, ProblemError } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { formatDate } from "../components/locale-format.js";
import "./surveys.css";

type Answer = { value?: number; choice?: string; text?: string };

const scaleEnds: Record<string, [string, string]> = {
  likert: ["Strongly disagree", "Strongly agree"],
  csat: ["Very dissatisfied", "Very satisfied"],
  nps: ["Not at all likely", "Extremely likely"],
  enps: ["Not at all likely", "Extremely likely"],
};

/**
 * The public answering page behind a survey link: no sign-in, no app shell, phone first. Every
 * text (questions, the respondent's own) is rendered as text by React, never as markup.
 */
export const SurveyAnswerPage = () => {
  const { token = "" } = useParams();
  const form = useApi(
    (signal) => apiGet<SurveyForm>(`/api/v1/survey-links/${encodeURIComponent(token)}`, signal),
    [token],
  );
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [signedName, setSignedName] = useState("");
  const [sign, setSign] = useState(false);
  const [error, setError] = useState<ProblemError | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);

  if (done)
    return (
      <main className="survey-answer" id="main">
        <h1>Thank you</h1>
        <p role="status">
          Your answers are in. They are shown only together with those of at least four others.
        </p>
      </main>
    );
  if (!form.data)
    return (
      <main className="survey-answer" id="main">
        <h1>Survey</h1>
        {form.error ? (
          <p className="problem" role="alert">
            {form.error.problem.detail ?? form.error.message}
          </p>
        ) : (
          <p className="muted" role="status">
            Loading the survey…
          </p>
        )}
      </main>
    );
  const survey = form.data;
  const set = (id: string, a: Answer) => setAnswers((prev) => ({ ...prev, [id]: a }));
  const fieldErrors = error?.fieldErrors() ?? {};
  const errorOf = (index: number) =>
    fieldErrors[`answers.${index}.value`] ??
    fieldErrors[`answers.${index}.choice`] ??
    fieldErrors[`answers.${index}.text`];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      await apiRequest("POST", `/api/v1/survey-links/${encodeURIComponent(token)}`, {
        body: {
          answers: survey.questions
            .filter((q) => answers[q.id] !== undefined)
            .map((q) => ({ questionId: q.id, ...answers[q.id] })),
          ...(sign && signedName.trim() ? { signedName: signedName.trim() } : {}),
        },
      });
      setDone(true);
    } catch (e) {
      setError(e instanceof ProblemError ? e : null);
    } finally {
      setSending(false);
    }
  };

  // Answers are sent in question order, so an issue's index is the question's among those answered.
  const answeredIndex = (id: string) =>
    survey.questions.filter((q) => answers[q.id] !== undefined).findIndex((q) => q.id === id);
  const hasText = survey.questions.some((q) => q.type === "free_text");

  return (
    <main className="survey-answer" id="main">
      <p className="muted small">{survey.campaignName}</p>
      <h1>{survey.surveyName}</h1>
      {survey.serviceName ? <p>About the service: {survey.serviceName}</p> : null}
      <p className="muted">{survey.description}</p>
      <p className="small muted">
        Anonymous: results are shown only for groups of five or more. Open until {formatDate(survey.deadline)}
        .
      </p>
      <form onSubmit={submit} noValidate>
        {survey.questions.map((q, i) => {
          const problem = answeredIndex(q.id) >= 0 ? errorOf(answeredIndex(q.id)) : undefined;
          const ends = scaleEnds[q.type];
          return (
            <fieldset
              className="survey-question"
              key={q.id}
              aria-describedby={problem ? `${q.id}-error` : undefined}
            >
              <legend>
                {i + 1}. {q.text}
                {q.required ? "" : " (optional)"}
              </legend>
              {q.min !== null && q.max !== null ? (
                <>
                  <div className="survey-scale">
                    {Array.from({ length: q.max - q.min + 1 }, (_, k) => (q.min as number) + k).map((v) => (
                      <label key={v}>
                        <input
                          type="radio"
                          name={q.id}
                          value={v}
                          checked={answers[q.id]?.value === v}
                          onChange={() => set(q.id, { value: v })}
                        />
                        <span>{v}</span>
                      </label>
                    ))}
                  </div>
                  {ends ? (
                    <div className="survey-scale-ends" aria-hidden="true">
                      <span>{ends[0]}</span>
                      <span>{ends[1]}</span>
                    </div>
                  ) : null}
                </>
              ) : q.type === "single_choice" ? (
                <div className="checkboxes">
                  {q.choices.map((c) => (
                    <label key={c} className="checkbox">
                      <input
                        type="radio"
                        name={q.id}
                        checked={answers[q.id]?.choice === c}
                        onChange={() => set(q.id, { choice: c })}
                      />{" "}
                      {c}
                    </label>
                  ))}
                </div>
              ) : (
                <textarea
                  aria-label={q.text}
                  maxLength={2000}
                  value={answers[q.id]?.text ?? ""}
                  onChange={(e) => set(q.id, { text: e.target.value })}
                />
              )}
              {problem ? (
                <p className="field-error" id={`${q.id}-error`}>
                  {problem}
                </p>
              ) : null}
            </fieldset>
          );
        })}
        {hasText ? (
          <div className="survey-question">
            <label className="checkbox">
              <input type="checkbox" checked={sign} onChange={(e) => setSign(e.target.checked)} /> Sign my
              comment with my name (otherwise it is shown without one)
            </label>
            {sign ? (
              <label className="field">
                <span className="field-label">Name to show</span>
                <input value={signedName} maxLength={200} onChange={(e) => setSignedName(e.target.value)} />
              </label>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <div className="problem" role="alert">
            <p>{error.problem.detail ?? error.message}</p>
            {(error.problem.issues ?? [])
              .filter((issue) => issue.path === "answers")
              .map((issue) => (
                <p key={issue.message}>{issue.message}</p>
              ))}
          </div>
        ) : null}
        <button className="button" type="submit" disabled={sending}>
          {sending ? "Sending…" : "Send my answers"}
        </button>
      </form>
    </main>
  );
};
