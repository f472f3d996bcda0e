import { isRouteErrorResponse, useRouteError } from "react-router";

/**
 * What a page shows when it could not even be drawn: its code could not be fetched (the
 * connection dropped between two pages, or a new version was deployed) or it failed while
 * rendering. Always with a way forward, never a blank page.
 */
export const RouteError = () => {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  const lostConnection = /fetch|import|network|load/i.test(message);
  return (
    <section className="problem route-error" role="alert">
      <h1>{lostConnection ? "This page could not be loaded" : "Something went wrong on this page"}</h1>
      <p>
        {lostConnection
          ? "The connection to the Tandem server was lost. Check your network, then try again."
          : "The page failed while drawing it. Trying again usually helps; if not, tell your administrator."}
      </p>
      <p className="muted small">{message}</p>
      <div className="actions">
        <button type="button" onClick={() => window.location.reload()}>
          Try again
        </button>
        <a className="button secondary" href="/">
          Go to the home page
        </a>
      </div>
    </section>
  );
};
