/** Shown where the signed-in role may not go. */
export const NotAllowed = ({ what }: { what: string }) => (
  <section className="not-allowed" role="alert">
    <h1>Not allowed</h1>
    <p>Your role is not allowed to see {what}. Ask an administrator if you need access.</p>
  </section>
);
