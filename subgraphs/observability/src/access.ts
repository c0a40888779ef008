import { Errors, type Principal } from '@trae/kit';

/**
 * Which services' logs and error groups a caller may read. Admins read everything; other signed-in
 * users read the services in LOGS_USER_SERVICES (by default not identity or the gateway, whose logs
 * carry logins, addresses and tokens' metadata).
 */
export class LogAccess {
  private readonly open: Set<string>;

  constructor(userServices: readonly string[]) {
    this.open = new Set(userServices);
  }

  /** `undefined` means every service. */
  scope(user: Principal): string[] | undefined {
    return user.role === 'ADMIN' ? undefined : [...this.open];
  }

  /** The services to filter by: the one asked for (when allowed) or the caller's whole scope. */
  services(user: Principal, service?: string | null): string[] | undefined {
    if (!service) return this.scope(user);
    if (user.role !== 'ADMIN' && !this.open.has(service))
      throw Errors.forbidden(`Logs of ${service} are for admins`);
    return [service];
  }
}
