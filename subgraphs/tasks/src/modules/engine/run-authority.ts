import type { ChannelsClient, IdentityClient } from '@trae/kit';
import { PermanentTaskError } from '../runtime/agent.js';

/** A run its creator may not make now (disabled, gone, demoted below task rights, out of the channel). */
export class CreatorRefused extends PermanentTaskError {
  override name = 'CreatorRefused';
}

/** Roles that may run tasks (the tasks resolvers' `@Authorized('USER', 'AGENT')`, and ADMIN). */
const TASK_ROLES = new Set(['ADMIN', 'USER', 'AGENT']);

export interface RunOwner {
  createdBy: string | null;
  channelId: string | null;
}

/**
 * Work that runs later (a schedule's firing, a retry, a pipeline step) runs with its creator's authority
 * as it is now, not as it was when the task was created: the role comes from identity before each run,
 * and channel rights from channels, so a demotion or a disable since then applies to the very next run.
 */
export class RunAuthority {
  constructor(
    private readonly identity: IdentityClient,
    private readonly channels: ChannelsClient,
  ) {}

  /** The role the run acts with (null for tasks no user created); throws CreatorRefused when it may not run. */
  async roleFor(task: RunOwner, requestId?: string): Promise<string | null> {
    if (!task.createdBy) return null;
    const now = await this.identity.authority(task.createdBy);
    if (!now) throw new CreatorRefused('its creator no longer exists');
    if (now.disabled) throw new CreatorRefused("its creator's account is disabled");
    if (!TASK_ROLES.has(now.role))
      throw new CreatorRefused(`its creator's role (${now.role}) may not run tasks`);
    if (task.channelId && now.role !== 'ADMIN') {
      const member = await this.channels.membership(task.channelId, task.createdBy, requestId);
      if (!member || member.role === 'VIEWER')
        throw new CreatorRefused('its creator may no longer create tasks in its channel');
      if (member.status === 'ARCHIVED') throw new CreatorRefused('its channel is archived');
    }
    return now.role;
  }
}
