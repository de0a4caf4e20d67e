/** Recognising a web (Fetch API) `Response`, which a view may return beside this package's responses. */

/** Whether `value` is a web (Fetch API) `Response`, from this realm or another (undici's own copy, say). */
export function isWebResponse(value: unknown): value is Response {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof Response === 'function' && value instanceof Response) return true;
  return Object.prototype.toString.call(value) === '[object Response]' && 'headers' in value && 'body' in value;
}
