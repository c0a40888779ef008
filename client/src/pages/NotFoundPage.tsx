import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <section className="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>
        There is no page here. Go back to the <Link to="/">overview</Link>.
      </p>
    </section>
  );
}
