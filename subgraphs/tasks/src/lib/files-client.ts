import { internalHeaders } from '@trae/kit';
import { PermanentTaskError } from '../agents/agent.js';

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
  constructor(
    private readonly filesUrl: string,
    private readonly secret: string,
    private readonly maxBytes: number,
  ) {}

  async read(fileId: string, reader: FileReader, signal?: AbortSignal): Promise<FileContent> {
    const url = new URL(`/internal/files/${encodeURIComponent(fileId)}/content`, this.filesUrl);
    url.searchParams.set('userId', reader.userId);
    if (reader.role === 'ADMIN') url.searchParams.set('role', 'ADMIN');
    let res: Response;
    try {
      res = await fetch(url, { headers: internalHeaders(this.secret), signal });
    } catch (err) {
      throw new Error(`the files service is unreachable: ${(err as Error).message}`);
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new PermanentTaskError(`file ${fileId} was not found or is not readable by the task's creator`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`the files service answered HTTP ${res.status}`);
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
