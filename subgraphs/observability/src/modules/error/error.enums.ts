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

export enum ErrorGroupState {
  NEW = 'NEW',
  REGRESSED = 'REGRESSED',
}

registerEnumType(ErrorGroupState, {
  name: 'ErrorGroupState',
  description: 'The filters of an issue list.',
  valuesConfig: {
    NEW: { description: 'First seen in the last 24 hours.' },
    REGRESSED: { description: 'Resolved once, back since, and open.' },
  },
});
