import { requireInternal } from '@trae/kit';
import type { Express, NextFunction, Request, Response } from 'express';
import type { User } from '../modules/user/user.entity.js';
import type { UserService } from '../modules/user/user.service.js';

/** One user's current row to another service, never cached; 404 when they do not exist (any more). */
function userLookup(users: UserService, answer: (user: User) => Record<string, unknown>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const user = await users.findById(String(req.params.id));
      if (!user) {
        res.status(404).json({ code: 'NOT_FOUND', message: 'User not found' });
        return;
      }
      res.setHeader('cache-control', 'no-store');
      res.json(answer(user));
    } catch (err) {
      next(err);
    }
  };
}

/**
 * A user's authority right now (role, disabled), for work that runs later on their behalf: the tasks
 * worker asks before each scheduled run, retry and pipeline step, so a demotion or a disable made after
 * the task was created still applies. `/internal/users/:id` adds who they are (username, email, display
 * name), for a service that writes to them (the webhooks service's notice that an endpoint was
 * disabled) or passes the profile on (the tasks worker's Base44 sync).
 */
export function authorityRoute(app: Express, users: UserService, internalSecret: string) {
  const guard = requireInternal(internalSecret);
  app.get(
    '/internal/users/:id/authority',
    guard,
    userLookup(users, (u) => ({ id: u.id, role: u.role, disabled: u.disabled })),
  );
  app.get(
    '/internal/users/:id',
    guard,
    userLookup(users, (u) => ({
      id: u.id,
      username: u.username,
      email: u.email,
      displayName: u.displayName ?? null,
      role: u.role,
      disabled: u.disabled,
    })),
  );
}
