import { requireInternal } from '@trae/kit';
import type { Express } from 'express';
import type { UserService } from '../modules/user/user.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A user's authority right now (role, disabled), for work that runs later on their behalf: the tasks
 * worker asks before each scheduled run, retry and pipeline step, so a demotion or a disable made after
 * the task was created still applies. 404 when the user does not exist (any more).
 */
export function authorityRoute(app: Express, users: UserService, internalSecret: string) {
  app.get('/internal/users/:id/authority', requireInternal(internalSecret), async (req, res, next) => {
    try {
      const id = String(req.params.id);
      const user = UUID.test(id) ? await users.findById(id) : null;
      if (!user) {
        res.status(404).json({ code: 'NOT_FOUND', message: 'User not found' });
        return;
      }
      res.setHeader('cache-control', 'no-store');
      res.json({ id: user.id, role: user.role, disabled: user.disabled });
    } catch (err) {
      next(err);
    }
  });
}
