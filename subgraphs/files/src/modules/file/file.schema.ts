import { z } from 'zod';

const text = (max: number) => {
  const length = { error: `must be 1 to ${max} characters` };
  return z.string().min(1, length).max(max, length);
};

/**
 * `createUpload`'s input as the caller sent it, before the upload rules (a plain name, an allowed type,
 * the size limits) are applied to it.
 */
export const newUploadSchema = z.object({
  filename: text(1024),
  contentType: text(127),
});
