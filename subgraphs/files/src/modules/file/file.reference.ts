import type { FilesContext } from '../../context.js';

/**
 * How the gateway turns references into objects here. `User` and `Channel` belong to other subgraphs, so
 * their reference is just the key; a `File` is loaded and shown only to someone who may read it.
 */
export const references = {
  File: {
    __resolveReference: async (ref: { id: string }, ctx: FilesContext) => {
      const file = await ctx.loaders.file.load(ref.id);
      return file && (await ctx.access.canRead(file)) ? file : null;
    },
  },
  User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  Channel: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};
