import { InternalClient, z } from '@trae/kit';

export interface StartTask {
  agent: string;
  type: string;
  input: Record<string, unknown>;
  /** A retried run that starts the same task again gets the first one back. */
  idempotencyKey: string;
}

const started = z.object({ id: z.string(), status: z.string() });

/**
 * Starts a task on a user's behalf through the tasks API's `POST /internal/tasks`: the API asks identity
 * for the user's authority now and applies `createTask`'s own rules (capabilities, ADMIN-only work,
 * limits), exactly as for the webhooks service's sources. An agent's tool can therefore start only what
 * its task's creator could start.
 */
export class TasksClient {
  private readonly client: InternalClient;

  constructor(tasksUrl: string, secret: string) {
    this.client = new InternalClient({ service: 'tasks', baseUrl: tasksUrl, secret });
  }

  start(userId: string, task: StartTask, signal?: AbortSignal) {
    return this.client.json('/internal/tasks', started, { body: { userId, task }, signal });
  }
}
