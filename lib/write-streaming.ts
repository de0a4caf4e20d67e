import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamingHttpResponse } from './streaming-response.js';

/** Placeholder until the streaming issue lands. */
export async function writeStreaming(
  _req: IncomingMessage | undefined,
  _res: ServerResponse,
  _response: StreamingHttpResponse,
): Promise<void> {
  throw new Error('StreamingHttpResponse is not implemented yet');
}
