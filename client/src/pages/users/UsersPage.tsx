import { ApiKeysPanel } from './ApiKeysPanel';
import { AuditLogPanel } from './AuditLogPanel';
import { UserTable } from './UserTable';

export default function UsersPage() {
  return (
    <section className="page" aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <UserTable />
      <div className="columns">
        <ApiKeysPanel />
        <AuditLogPanel />
      </div>
    </section>
  );
}
