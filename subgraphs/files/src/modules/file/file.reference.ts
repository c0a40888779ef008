import type { FilesContext } from '../../context.js';

/** How other subgraphs' `File` references become files: loaded, and shown only to someone who may read it. */
export const fileReference = {
  File: {
    __resolveReference: async (ref: { id: string }, ctx: FilesContext) => {
      const file = await ctx.loaders.file.load(ref.id);
      return file && (await ctx.access.canRead(file)) ? file : null;
    },
  },
};
