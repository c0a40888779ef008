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
}

registerEnumType(SystemStatus, {
  name: 'SystemStatus',
  description:
    'UNHEALTHY without the database or Redis; DEGRADED when anything else is down, or scheduled backups are overdue.',
});
registerEnumType(ComponentStatus, { name: 'ComponentStatus' });
registerEnumType(ComponentKind, { name: 'ComponentKind' });
