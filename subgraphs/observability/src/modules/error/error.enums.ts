import { registerEnumType } from 'type-graphql';

/** Stored lowercase, as the seed's `error_tracking.severity` column has it. */
export enum ErrorSeverity {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
  CRITICAL = 'critical',
}

registerEnumType(ErrorSeverity, {
  name: 'ErrorSeverity',
  description:
    'FATAL lines are CRITICAL, ERROR lines MEDIUM; a group that comes back after being resolved is at least HIGH.',
});
