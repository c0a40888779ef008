import type { Request } from 'express';
import type { SignedAction, UrlSigner } from '../modules/signing/url-signer.js';
import { UploadError } from '../modules/upload/upload-error.js';

/** Refuses a request whose `expires`/`signature` do not sign this action on this file id. */
export function requireSignature(signer: UrlSigner, action: SignedAction, req: Request): string {
  const id = String(req.params.id);
  const verdict = signer.verify(action, id, req.query.expires, req.query.signature);
  if (verdict === 'expired') throw new UploadError(403, 'FORBIDDEN', `The ${action} link has expired`);
  if (verdict === 'invalid') throw new UploadError(403, 'FORBIDDEN', `The ${action} link is invalid`);
  return id;
}
