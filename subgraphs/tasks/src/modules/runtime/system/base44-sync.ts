import { type Base44Client, IntegrationError, type UserContact } from '@trae/kit';
import type { z } from 'zod';
import type { SyncMarks } from '../../base44/sync-marks.js';
import { type AgentContext, type AgentTask, PermanentTaskError } from '../agent.js';
import type { base44SyncInput } from './system.schema.js';

/** What the Base44 sync needs in the worker. */
export interface Base44SyncDeps {
  /** Null when BASE44_URL is unset. */
  client: Base44Client | null;
  /** Identity's `/internal/users/:id`, read as the user is now. */
  contact(userId: string): Promise<UserContact | null>;
  marks: SyncMarks;
}

/**
 * Pushes one user's profile (never credentials) to Base44. It runs for the platform only, and for the
 * one user its event named: the input is that id and nothing else. Retries come from the queue; a 4xx
 * (our request is wrong) would fail again, so it ends the task.
 */
export async function syncUserData(
  input: z.infer<typeof base44SyncInput>,
  deps: Base44SyncDeps,
  task: AgentTask,
  ctx: AgentContext,
) {
  if (task.createdBy !== null) throw new PermanentTaskError('base44_sync_user runs for the platform only');
  // Before reading: a change announced from now on starts a sync of its own (see SyncMarks).
  await deps.marks.clear(input.userId, task.id);
  if (!deps.client) throw new PermanentTaskError('Base44 is not configured (BASE44_URL is unset)');
  const user = await deps.contact(input.userId);
  if (!user) {
    ctx.log('INFO', 'the user no longer exists; nothing to sync');
    return { synced: false, userId: input.userId, reason: 'user not found' };
  }
  try {
    await deps.client.syncUserData({
      id: user.id,
      email: user.email,
      displayName: user.displayName ?? null,
      role: user.role,
      disabled: user.disabled,
    });
  } catch (err) {
    if (err instanceof IntegrationError && err.failure === 'http_4xx')
      throw new PermanentTaskError(err.message);
    throw err;
  }
  ctx.progress(100, 'synced');
  return { synced: true, userId: user.id };
}
