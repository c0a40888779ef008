import { useMutation, useQuery } from '@apollo/client/react';
import { useDeferredValue, useState } from 'react';
import { useAuth, useSession } from '../../auth/AuthProvider';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { TableScroll } from '../../components/TableScroll';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { formatRelative } from '../../lib/format';
import { SetUserDisabledDocument, SetUserRoleDocument } from './users.operations';

export const UserTableQuery = graphql(`
  query UserTable($first: Int, $after: String, $search: String, $role: Role) {
    users(first: $first, after: $after, search: $search, role: $role) {
      totalCount
      edges {
        node {
          id
          username
          email
          role
          disabled
          createdAt
          lastLoginAt
        }
      }
    }
  }
`);

const ROLES: Role[] = ['ADMIN', 'USER', 'AGENT', 'GUEST'];

export function UserTable() {
  const { session } = useAuth();
  const { user: me } = useSession();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const deferredSearch = useDeferredValue(search);
  const { data, loading, error, refetch } = useQuery(UserTableQuery, {
    variables: { first: 100, search: deferredSearch || undefined, role: role || undefined },
  });
  const [setUserRole, roleState] = useMutation(SetUserRoleDocument);
  const [setUserDisabled, disabledState] = useMutation(SetUserDisabledDocument);
  const users = data?.users.edges.map((e) => e.node) ?? [];

  async function changeRole(userId: string, next: Role) {
    const result = await setUserRole({ variables: { userId, role: next } }).catch(() => null);
    // Demoting yourself takes effect at the next token; refresh now so the page matches.
    if (result?.data && userId === me?.id) await session.refresh();
  }

  return (
    <section aria-labelledby="user-list-title">
      <div className="page-head">
        <h2 id="user-list-title">
          Accounts {data && <span className="muted">({data.users.totalCount})</span>}
        </h2>
        <label className="inline-field">
          Search
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label className="inline-field">
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">Any</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      </div>
      {(roleState.error ?? disabledState.error) && (
        <ErrorMessage error={roleState.error ?? disabledState.error} />
      )}
      {error && !data && (
        <ErrorMessage error={error} title="Could not load users" onRetry={() => void refetch()} />
      )}
      {loading && !data && <Loading label="Loading users" />}
      {data && users.length === 0 && <EmptyState title="No user matches">Try another search.</EmptyState>}
      {users.length > 0 && (
        <TableScroll label="Accounts">
          <table>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Access</th>
                <th scope="col">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.username}</th>
                  <td>{u.email ?? '—'}</td>
                  <td>
                    <select
                      aria-label={`Role of ${u.username}`}
                      value={u.role}
                      onChange={(e) => void changeRole(u.id, e.target.value as Role)}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r.toLowerCase()}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      className={u.disabled ? 'button button-small' : 'button button-small button-danger'}
                      disabled={u.id === me?.id}
                      onClick={() =>
                        void setUserDisabled({ variables: { userId: u.id, disabled: !u.disabled } }).catch(
                          () => undefined,
                        )
                      }
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                      <span className="sr-only"> {u.username}</span>
                    </button>
                  </td>
                  <td title={u.lastLoginAt ?? undefined}>{formatRelative(u.lastLoginAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
