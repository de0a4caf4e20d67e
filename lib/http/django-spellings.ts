/**
 * Django's snake_case attribute names, and its `response['X-Foo'] = v`, which JavaScript
 * would silently accept as new properties of a response: both fail loudly with the spelling
 * that works here.
 */

/**
 * Each Django attribute of `HttpResponseBase` and its subclasses whose name differs here, and
 * what to write instead. (`getvalue`, `tell`, `write`, `writelines`, `close`, `flush`,
 * `readable`, `seekable`, `writable`, `get`, `charset`, `content` and `cookies` keep their names.)
 */
const DJANGO_SPELLINGS: Readonly<Record<string, string>> = {
  status_code: 'statusCode',
  reason_phrase: 'reasonPhrase',
  content_type: "the contentType option, or get('Content-Type')",
  streaming_content: 'streamingContent',
  is_async: 'isAsync',
  set_cookie: 'setCookie()',
  set_signed_cookie: 'setSignedCookie()',
  delete_cookie: 'deleteCookie()',
  has_header: 'has()',
  setdefault: 'setDefault()',
  items: 'headers (iterable: for (const [name, value] of response.headers))',
  get_value: 'getvalue()',
  serialize_headers: 'headers (iterable)',
  make_bytes: 'content',
  as_attachment: 'asAttachment',
  file_to_stream: 'streamingContent',
  set_headers: 'the FileResponse constructor options (asAttachment, filename)',
  allowed_schemes: 'the url checks of the redirect classes (http, https and ftp)',
  json_dumps_params: 'the space and replacer options of JsonResponse',
  _headers: 'headers',
};

/** The error for `response.<name>`, read or written. */
function djangoSpellingError(className: string, name: string, write: boolean): TypeError {
  return new TypeError(
    `${className} has no ${name}: that is Django's spelling; write ${DJANGO_SPELLINGS[name]} (got response.${name}${write ? ' = …' : ''}).`,
  );
}

/**
 * Make every name of {@link DJANGO_SPELLINGS} an accessor of `prototype` that throws, on a
 * read and on an assignment. Accessors on the prototype cost nothing on the properties a
 * response does have: an instance's own fields and methods are found first, as before.
 */
export function guardDjangoSpellings(prototype: object): void {
  for (const name of Object.keys(DJANGO_SPELLINGS)) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      enumerable: false,
      get(this: object) {
        throw djangoSpellingError(this.constructor.name, name, false);
      },
      set(this: object, _value: unknown) {
        throw djangoSpellingError(this.constructor.name, name, true);
      },
    });
  }
}

/** An HTTP token (RFC 9110 §5.6.2), as a header name is. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Whether an own property named `key` can only have come from Django's `response['X-Foo'] = v`:
 * a header name with a hyphen or a capital first letter (`Content-Type`, `Location`), which
 * no field of a response class has.
 */
function looksLikeHeaderName(key: string): boolean {
  const first = key.charCodeAt(0);
  return (key.includes('-') || (first >= 65 && first <= 90)) && TOKEN.test(key);
}

/**
 * @throws TypeError when `response` has an own property named like a header: Django's
 *   `response['X-Foo'] = 'bar'`, which in JavaScript sets a property nothing sends.
 */
export function checkNoBracketHeaders(response: object): void {
  // A for-in over the few own fields a response has: no array made, as Object.keys would.
  for (const key in response) {
    if (looksLikeHeaderName(key) && Object.hasOwn(response, key)) {
      const value = (response as Record<string, unknown>)[key];
      const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
      throw new TypeError(
        `${response.constructor.name} was given response[${JSON.stringify(key)}] = ${shown}: in JavaScript that sets a property, not a header, and nothing sends it. Write response.set(${JSON.stringify(key)}, ${shown}) (Django's response[${JSON.stringify(key)}] = …).`,
      );
    }
  }
}
