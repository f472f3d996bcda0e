import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { apiGet, apiRequest, ProblemError } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { formatDate } from "../components/locale-format.js";
import "./voice.css";

const scores = Array.from({ length: 11 }, (_, v) => v);

interface FeedbackQuestion {
  ticketNumber: string;
  ticketTitle: string;
  serviceName: string | null;
  expiresAt: string;
  lostTimeChoices: { minutes: number; label: string }[];
}

/**
 * The public page behind a ticket's feedback link: no sign-in, no app shell, phone first. The
 * ticket's title and the respondent's own text are rendered as text by React, never as markup.
 */
export const FeedbackAnswerPage = () => {
  const { token = "" } = useParams();
  const path = `/api/v1/feedback-links/${encodeURIComponent(token)}`;
  const question = useApi((signal) => apiGet<FeedbackQuestion>(path, signal), [path]);
  const [score, setScore] = useState<number | null>(null);
  const [lostMinutes, setLostMinutes] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [sign, setSign] = useState(false);
  const [signedBy, setSignedBy] = useState("");
  const [error, setError] = useState<ProblemError | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);

  if (done)
    return (
      <main className="feedback-answer" id="main">
        <h1>Thank you</h1>
        <p role="status">Your answer is in. It helps IT see where the work gets in your way.</p>
      </main>
    );
  if (!question.data)
    return (
      <main className="feedback-answer" id="main">
        <h1>How did it go?</h1>
        {question.error ? (
          <p className="problem" role="alert">
            {question.error.problem.detail ?? question.error.message}
          </p>
        ) : (
          <p className="muted" role="status">
            Loading…
          </p>
        )}
      </main>
    );
  const q = question.data;
  const fieldErrors = error?.fieldErrors() ?? {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === null) {
      setError(
        new ProblemError({
          type: "about:blank",
          title: "Choose a score",
          status: 422,
          issues: [{ path: "score", message: "choose a score from 0 to 10" }],
        }),
      );
      return;
    }
    setSending(true);
    setError(null);
    try {
      await apiRequest("POST", path, {
        body: {
          score,
          lostMinutes,
          comment,
          signedBy: sign && signedBy.trim() ? signedBy.trim() : null,
        },
      });
      setDone(true);
    } catch (e) {
      setError(e instanceof ProblemError ? e : null);
    } finally {
      setSending(false);
    }
  };

  return (
    <main className="feedback-answer" id="main">
      <p className="muted small">
        Ticket {q.ticketNumber}
        {q.serviceName ? ` · ${q.serviceName}` : ""}
      </p>
      <h1>How happy are you with how this was solved?</h1>
      <p>{q.ticketTitle}</p>
      <form onSubmit={submit} noValidate>
        <fieldset aria-describedby={fieldErrors.score ? "score-error" : undefined}>
          <legend>Your happiness, from 0 (not at all) to 10 (very)</legend>
          <div className="score-scale">
            {scores.map((v) => (
              <label key={v}>
                <input
                  type="radio"
                  name="score"
                  value={v}
                  checked={score === v}
                  onChange={() => setScore(v)}
                />
                <span>{v}</span>
              </label>
            ))}
          </div>
          <div className="scale-ends" aria-hidden="true">
            <span>Not at all</span>
            <span>Very happy</span>
          </div>
          {fieldErrors.score ? (
            <p className="field-error" id="score-error">
              {fieldErrors.score}
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>How much work time did you lose because of this? (optional)</legend>
          <div className="lost-time">
            {q.lostTimeChoices.map((choice) => (
              <label key={choice.minutes}>
                <input
                  type="radio"
                  name="lostMinutes"
                  checked={lostMinutes === choice.minutes}
                  onChange={() => setLostMinutes(choice.minutes)}
                />
                <span>{choice.label}</span>
              </label>
            ))}
          </div>
          {fieldErrors.lostMinutes ? <p className="field-error">{fieldErrors.lostMinutes}</p> : null}
        </fieldset>
        <fieldset>
          <legend>Anything to add? (optional)</legend>
          <textarea
            aria-label="Comment"
            maxLength={2000}
            rows={4}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          {fieldErrors.comment ? <p className="field-error">{fieldErrors.comment}</p> : null}
          <label className="checkbox">
            <input type="checkbox" checked={sign} onChange={(e) => setSign(e.target.checked)} /> Sign my
            comment with my name (otherwise it is shown without a name)
          </label>
          {sign ? (
            <input
              type="text"
              aria-label="Your name"
              maxLength={200}
              value={signedBy}
              onChange={(e) => setSignedBy(e.target.value)}
            />
          ) : null}
        </fieldset>
        {error && Object.keys(fieldErrors).length === 0 ? (
          <p className="problem" role="alert">
            {error.problem.detail ?? error.message}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={sending}>
          {sending ? "Sending…" : "Send"}
        </button>
        <p className="small muted">This link works once, until {formatDate(q.expiresAt)}.</p>
      </form>
    </main>
  );
};
