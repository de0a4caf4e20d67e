import { HttpResponseBase } from './response-base.js';

/** Placeholder until the streaming issue lands. */
export class StreamingHttpResponse extends HttpResponseBase {
  override get streaming(): boolean {
    return true;
  }
}
