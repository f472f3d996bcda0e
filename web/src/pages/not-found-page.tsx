import { Link } from "react-router";

export const NotFoundPage = () => (
  <section>
    <h1>Page not found</h1>
    <p>
      Nothing lives at this address. <Link to="/">Back to the alignment map</Link>.
    </p>
  </section>
);
