import type { ErrorCode } from '@trae/kit';

/**
 * A refusal on the bytes side (upload, download, internal read), with the HTTP status to answer and the
 * same codes as GraphQL errors. `burnsTicket` marks an upload refused for its declared size or type:
 * retrying the same ticket could never succeed, so the file record goes too. Without it (an aborted or
 * stalled body) the ticket may be used again.
 */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly burnsTicket = false,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const UploadErrors = {
  tooLarge: (declared: number) =>
    new UploadError(
      413,
      'BAD_USER_INPUT',
      `The body is longer than the declared size (${declared} bytes)`,
      true,
      'size',
    ),
  tooShort: (declared: number, got: number) =>
    new UploadError(
      400,
      'BAD_USER_INPUT',
      `The body ended after ${got} of the declared ${declared} bytes`,
      true,
      'size',
    ),
  wrongType: (reason: string) =>
    new UploadError(
      415,
      'BAD_USER_INPUT',
      `Content does not match the declared type: ${reason}`,
      true,
      'contentType',
    ),
  idle: (ms: number) =>
    new UploadError(408, 'BAD_USER_INPUT', `No bytes arrived for ${ms} ms; upload aborted`),
  aborted: () => new UploadError(400, 'BAD_USER_INPUT', 'The client aborted the upload'),
};
