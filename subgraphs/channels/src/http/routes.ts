import { requireInternal } from '@trae/kit';
import type { Express, NextFunction, Request, Response } from 'express';
import type { MemberService } from '../modules/member/member.service.js';

/**
 * Service-to-service routes (INTERNAL_SECRET only). Files and tasks ask here whether a user may act on
 * a channel: 200 `{ role, status }` for a member, 404 otherwise.
 */
export function channelsRoutes(members: MemberService, internalSecret: string) {
  return (app: Express) => {
    app.get(
      '/internal/channels/:id/members/:userId',
      requireInternal(internalSecret),
      async (req, res, next) => {
        try {
          const membership = await members.membership(String(req.params.id), String(req.params.userId));
          if (!membership) {
            res.status(404).json({ code: 'NOT_FOUND', message: 'Not a member of that channel' });
            return;
          }
          res.json(membership);
        } catch (err) {
          next(err);
        }
      },
    );
    // Callers get a code, never a stack; the details stay in our log.
    app.use('/internal', (err: Error, req: Request, res: Response, _next: NextFunction) => {
      req.log.error({ err }, 'internal route failed');
      res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
    });
  };
}
