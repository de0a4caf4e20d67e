/** Placeholder: filled in by issue 9. */
export function contentDispositionHeader(_asAttachment: boolean, _filename?: string): string | null {
  throw new Error('not implemented yet');
}
