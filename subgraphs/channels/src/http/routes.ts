import { Errors, requireInternal, sendError } from '@trae/kit';
import type { Express } from 'express';
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
            sendError(res, Errors.notFound('Membership'));
            return;
          }
          res.json(membership);
        } catch (err) {
          next(err);
        }
      },
    );
  };
}
