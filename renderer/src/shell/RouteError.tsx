import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage';

/** Catches anything a page throws while rendering; shows what to do, never the stack. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main className="route-error">
      <h1>{notFound ? 'That page does not exist' : 'This page stopped working'}</h1>
      {notFound ? <p>The link may be out of date.</p> : <ErrorMessage error={error} />}
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </main>
  );
}
