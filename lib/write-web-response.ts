import type { IncomingMessage, ServerResponse } from 'node:http';

/** Whether `value` is a web (Fetch API) `Response`. */
export function isWebResponse(value: unknown): value is Response {
  return typeof Response === 'function' && value instanceof Response;
}

/** Placeholder until the streaming issue lands. */
export async function writeWebResponse(
  _req: IncomingMessage | undefined,
  _res: ServerResponse,
  _response: Response,
): Promise<void> {
  throw new Error('Web Response is not implemented yet');
}
