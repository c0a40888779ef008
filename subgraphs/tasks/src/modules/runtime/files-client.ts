import { errorCode, InternalClient } from '@trae/kit';
import { PermanentTaskError } from './agent.js';

export interface FileContent {
  name: string;
  contentType: string;
  body: Buffer;
}

export interface FileReader {
  userId: string;
  /** ADMIN reads every file; others what they own or share a channel with. */
  role?: string | null;
}

/**
 * Reads file bytes from the files service's internal route, on behalf of the task's creator, so an agent
 * can never read a file its user could not. 404 means "not found or not yours"; both are permanent.
 */
export class FilesClient {
  private readonly files: InternalClient;

  constructor(
    filesUrl: string,
    secret: string,
    private readonly maxBytes: number,
  ) {
    this.files = new InternalClient({ service: 'files', baseUrl: filesUrl, secret });
  }

  async read(fileId: string, reader: FileReader, signal?: AbortSignal): Promise<FileContent> {
    const query: Record<string, string> = { userId: reader.userId };
    if (reader.role === 'ADMIN') query.role = 'ADMIN';
    let res: Response;
    try {
      res = await this.files.open(`/internal/files/${encodeURIComponent(fileId)}/content`, { query, signal });
    } catch (err) {
      if (errorCode(err) !== 'NOT_FOUND') throw err;
      throw new PermanentTaskError(`file ${fileId} was not found or is not readable by the task's creator`);
    }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > this.maxBytes) {
      await res.body?.cancel();
      throw new PermanentTaskError(`file ${fileId} is ${declared} bytes; the limit is ${this.maxBytes}`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > this.maxBytes)
        throw new PermanentTaskError(`file ${fileId} is larger than ${this.maxBytes} bytes`);
      chunks.push(chunk);
    }
    return {
      name: decodeURIComponent(res.headers.get('x-file-name') ?? fileId),
      contentType: res.headers.get('content-type') ?? 'application/octet-stream',
      body: Buffer.concat(chunks),
    };
  }
}
