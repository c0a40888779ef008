import { registerEnumType } from 'type-graphql';

export enum SystemStatus {
  HEALTHY = 'HEALTHY',
  DEGRADED = 'DEGRADED',
  UNHEALTHY = 'UNHEALTHY',
}

export enum ComponentStatus {
  UP = 'UP',
  DOWN = 'DOWN',
}

export enum ComponentKind {
  SERVICE = 'SERVICE',
  WORKER = 'WORKER',
  DATABASE = 'DATABASE',
  REDIS = 'REDIS',
  QUEUE = 'QUEUE',
  /** A service outside the platform (Base44): down makes the platform DEGRADED, never UNHEALTHY. */
  EXTERNAL = 'EXTERNAL',
}

registerEnumType(SystemStatus, {
  name: 'SystemStatus',
  description:
    'UNHEALTHY without the database or Redis; DEGRADED when anything else is down, or scheduled backups are overdue.',
});
registerEnumType(ComponentStatus, { name: 'ComponentStatus' });
registerEnumType(ComponentKind, {
  name: 'ComponentKind',
  valuesConfig: {
    EXTERNAL: { description: 'A service outside the platform: down makes it DEGRADED, never UNHEALTHY.' },
  },
});
