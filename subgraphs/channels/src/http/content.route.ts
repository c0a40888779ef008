import { actingUser, requireInternal } from '@trae/kit';
import express, { type Express } from 'express';
import type { ContentService } from '../modules/content/content.service.js';
import type { ContentItem } from '../modules/content/content-item.entity.js';

/** What an agent's tool sees of an item: its text and state, not who approved it. */
const shown = (item: ContentItem) => ({
  id: item.id,
  channelId: item.channelId,
  title: item.title,
  body: item.body,
  kind: item.kind,
  status: item.status,
  createdAt: item.createdAt,
});

const REFUSAL = 'Channel content is for signed-in users';

/**
 * Channel content for other services acting as a user (the tasks service's agent tools): listed with the
 * reader's channel role (VIEWER and up; NOT_FOUND for a channel they cannot see) and drafted with an
 * editor's (EDITOR and up), exactly as `contentItems` and `createContentItem` check them.
 */
export function contentRoutes(app: Express, content: ContentService, internalSecret: string) {
  app.get(
    '/internal/channels/:id/content',
    requireInternal(internalSecret),
    // Express 5 hands a rejected handler's error to the error handler: no wrapper needed.
    async (req, res) => {
      const q = req.query as Record<string, string | undefined>;
      const actor = actingUser(q.userId, q.role, REFUSAL);
      const page = await content.list(actor, String(req.params.id), {
        first: q.first === undefined ? undefined : Number(q.first),
        status: q.status,
        kind: q.kind,
        search: q.search,
      });
      res.json({ totalCount: page.totalCount, items: page.edges.map((e) => shown(e.node)) });
    },
  );
  app.post(
    '/internal/channels/:id/content',
    requireInternal(internalSecret),
    express.json({ limit: '1mb' }),
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const actor = actingUser(body.userId, body.role, REFUSAL);
      const item = await content.create(actor, {
        channelId: String(req.params.id),
        title: body.title as string,
        body: body.body as string | null,
        kind: body.kind as string,
      });
      res.status(201).json(shown(item));
    },
  );
}
