import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading';
import type { Role } from '../gql/graphql';
import { useSession } from './AuthProvider';

interface Props {
  children: ReactNode;
  /** Roles that may open it; ADMIN always may. Left out, any signed-in user may. */
  roles?: readonly Role[];
}

/** Sends guests to the login page (and back afterwards); shows a clear refusal for a missing role. */
export function ProtectedRoute({ children, roles }: Props) {
  const { status, user } = useSession();
  const location = useLocation();
  if (status === 'restoring') return <Loading label="Restoring your session" />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (roles && user.role !== 'ADMIN' && !roles.includes(user.role)) {
    return (
      <section className="page" aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">Not allowed</h1>
        <p className="notice notice-error" role="alert">
          This page is for {roles.join(' or ')} users. Ask an administrator if you need access.
        </p>
      </section>
    );
  }
  return children;
}
