import type { IdentityClient } from '@trae/kit';
import { Errors, requireInternal, z } from '@trae/kit';
import express, { type Express } from 'express';
import type { TaskService } from '../modules/task/task.service.js';

/** Roles that may create tasks (the `createTask` resolver's `@Authorized('USER', 'AGENT')`, and ADMIN). */
const TASK_ROLES = new Set(['ADMIN', 'USER', 'AGENT']);

const body = z.object({
  userId: z.uuid(),
  task: z.object({
    agent: z.string(),
    type: z.string(),
    input: z.record(z.string(), z.unknown()).nullish(),
    idempotencyKey: z.string().max(200).nullish(),
  }),
});

/**
 * `POST /internal/tasks`: another service creates a task on a user's behalf (the webhooks service, for
 * a source's creator). The user's authority is asked of identity now, as for scheduled runs, so a
 * disabled or demoted creator's sources stop creating tasks; the rest is `createTask`'s own rules.
 */
export function createTaskRoute(app: Express, tasks: TaskService, identity: IdentityClient, secret: string) {
  app.post(
    '/internal/tasks',
    requireInternal(secret),
    express.json({ limit: '1mb' }),
    async (req, res, next) => {
      try {
        const parsed = body.safeParse(req.body);
        if (!parsed.success)
          throw Errors.badInput('body', 'Expected { userId, task: { agent, type, input } }');
        const { userId, task } = parsed.data;
        const authority = await identity.authority(userId);
        if (!authority || authority.disabled || !TASK_ROLES.has(authority.role))
          throw Errors.forbidden('That user may not create tasks now');
        const created = await tasks.create({ id: userId, role: authority.role }, task, { requestId: req.id });
        res.status(201).json({ id: created.id, status: created.status });
      } catch (err) {
        next(err);
      }
    },
  );
}
