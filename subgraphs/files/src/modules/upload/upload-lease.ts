/**
 * Which instance holds an upload, and for how long a lease lasts unrenewed. A live upload renews every
 * third of `ms`; past `ms` its process is taken as dead (the database clock decides, so the instances'
 * clocks need not agree).
 */
export interface UploadLease {
  owner: string;
  ms: number;
}

/** SQL condition on a `files` row: its lease was renewed within the bound milliseconds. */
export const LIVE_LEASE = `lease_at > now() - ? * interval '1 millisecond'`;

/** The lease columns of a row no attempt holds. */
export const NO_LEASE = { leaseAt: null, leaseOwner: null, uploadAttempt: null };
