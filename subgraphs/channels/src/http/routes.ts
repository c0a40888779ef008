import { Errors, requireInternal, sendError } from '@trae/kit';
import type { Express } from 'express';
import type { ContentService } from '../modules/content/content.service.js';
import type { MemberService } from '../modules/member/member.service.js';
import { contentRoutes } from './content.route.js';

/**
 * Service-to-service routes (INTERNAL_SECRET only). Files and tasks ask here whether a user may act on
 * a channel: 200 `{ role, status }` for a member, 404 otherwise. The agents' tools read and draft content
 * as their task's creator (see content.route.ts).
 */
export function channelsRoutes(members: MemberService, content: ContentService, internalSecret: string) {
  return (app: Express) => {
    contentRoutes(app, content, internalSecret);
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
