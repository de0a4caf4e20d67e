/**
 * Django's JsonResponse tests (tests/httpwrappers/tests.py::JsonResponseTests = HW) and the
 * inventory's §1.11, ported to JsonResponse.
 *
 * Deliberate deviation: the body is JSON.stringify's output (`{"a":1}`, raw UTF-8), not
 * Python's json.dumps (`{"a": 1}`, `\uXXXX` escapes); NaN/Infinity become null, not the
 * invalid `NaN`/`Infinity` Python emits.
 */
import { runInNewContext } from 'node:vm';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { HttpResponse, JsonResponse, djangoJsonReplacer } from '../../lib/index.js';

describe('JsonResponse', () => {
  it('is an HttpResponse with Content-Type application/json and no charset', () => {
    const r = new JsonResponse({ a: 1 });
    expect(r).toBeInstanceOf(HttpResponse);
    expect(r.statusCode).toBe(200);
    expect(r.get('Content-Type')).toBe('application/json');
    expect(r.charset).toBe('utf-8');
  });

  it('writes JSON.stringify output', () => {
    expect(new JsonResponse({ a: 1, b: [1, 2, null, true], c: { d: 1.5 } }).text).toBe(
      '{"a":1,"b":[1,2,null,true],"c":{"d":1.5}}',
    );
  });

  // HW::JsonResponseTests.test_json_response_non_ascii
  it('writes non-ASCII text as UTF-8 that round-trips', () => {
    const data = { key: 'łóżko' };
    const r = new JsonResponse(data);
    expect(JSON.parse(r.text)).toEqual(data);
    expect(r.content).toEqual(Buffer.from('{"key":"łóżko"}', 'utf8'));
  });

  // §1.11: <, >, &, ', / are not escaped
  it('does not escape HTML characters', () => {
    expect(new JsonResponse({ s: `<a href='/x'>&</a>` }).text).toBe(`{"s":"<a href='/x'>&</a>"}`);
  });

  describe('safe', () => {
    // HW::JsonResponseTests.test_json_response_raises_type_error_with_default_setting
    it.each([
      ['an array', [1, 2, 3], 'an Array'],
      ['a string', 'foobar', '"foobar"'],
      ['a number', 1, '1'],
      ['null', null, 'null'],
      ['a Map', new Map(), 'a Map'],
      ['a Date', new Date(0), 'a Date'],
      ['a class instance', new (class Point {})(), 'a Point'],
    ])('refuses %s by default, saying to set safe: false', (_label, data, shown) => {
      expect(() => new JsonResponse(data)).toThrow(TypeError);
      expect(() => new JsonResponse(data)).toThrow(
        new RegExp(
          `^In order to allow non-object values to be serialized set the safe option to false \\(got ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\.$`,
        ),
      );
    });

    it('accepts a plain object and a null-prototype object', () => {
      expect(new JsonResponse({}).text).toBe('{}');
      const bare = Object.create(null) as Record<string, unknown>;
      bare['a'] = 1;
      expect(new JsonResponse(bare).text).toBe('{"a":1}');
    });

    it('accepts a plain object made in another realm: a vm context, or a better-sqlite3 row read inside jest', () => {
      expect(new JsonResponse(runInNewContext('({ a: 1 })') as object).text).toBe('{"a":1}');
      const db = new Database(':memory:');
      try {
        const row = db.prepare("SELECT 1 AS id, 'Zoë' AS name").get() as object;
        expect(new JsonResponse(row).text).toBe('{"id":1,"name":"Zoë"}');
      } finally {
        db.close();
      }
    });

    it.each([
      ['an Array', '[1]'],
      ['a Map', 'new Map()'],
      ['a Date', 'new Date(0)'],
      ['a Point', 'new (class Point {})()'],
    ])('refuses %s made in another realm', (shown, source) => {
      expect(() => new JsonResponse(runInNewContext(source))).toThrow(
        `In order to allow non-object values to be serialized set the safe option to false (got ${shown}).`,
      );
    });

    // HW::JsonResponseTests.test_json_response_text
    it('sends a string with safe: false', () => {
      expect(JSON.parse(new JsonResponse('foobar', { safe: false }).text)).toBe('foobar');
    });

    // HW::JsonResponseTests.test_json_response_list
    it('sends a list with safe: false', () => {
      const r = new JsonResponse(['foo', 'bar'], { safe: false });
      expect(JSON.parse(r.text)).toEqual(['foo', 'bar']);
      expect(r.text).toBe('["foo","bar"]');
    });

    it.each([
      [null, 'null'],
      [1.5, '1.5'],
      [true, 'true'],
    ])('sends %p with safe: false', (data, text) => {
      expect(new JsonResponse(data, { safe: false }).text).toBe(text);
    });

    it('refuses what JSON cannot encode at all', () => {
      expect(() => new JsonResponse(undefined, { safe: false })).toThrow(
        /^JsonResponse can't encode the data as JSON \(got undefined\)\.$/,
      );
      expect(() => new JsonResponse(() => 1, { safe: false })).toThrow(
        /JsonResponse can't encode the data as JSON \(got function/,
      );
    });

    it('lets JSON.stringify’s own errors through (a cycle)', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic['self'] = cyclic;
      expect(() => new JsonResponse(cyclic)).toThrow(/circular/i);
    });
  });

  describe('the default replacer (DjangoJSONEncoder’s extras)', () => {
    // HW::JsonResponseTests.test_json_response_uuid — a UUID is a string in JS already
    it('sends a UUID string with safe: false', () => {
      const id = crypto.randomUUID();
      expect(JSON.parse(new JsonResponse(id, { safe: false }).text)).toBe(id);
    });

    it.each([
      [
        'a BigInt, as its decimal string (as Django does Decimal)',
        { n: 12345678901234567890n },
        '{"n":"12345678901234567890"}',
      ],
      [
        'a Map, as an object',
        {
          m: new Map<string, unknown>([
            ['k', 1],
            ['n', 2n],
          ]),
        },
        '{"m":{"k":1,"n":"2"}}',
      ],
      ['a Set, as an array', { s: new Set([1, 'a']) }, '{"s":[1,"a"]}'],
      [
        'nested Maps and Sets',
        { m: new Map([['inner', new Set([new Map([['x', 1n]])])]]) },
        '{"m":{"inner":[{"x":"1"}]}}',
      ],
      [
        'a Date, as ISO 8601 with milliseconds and Z',
        { d: new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 123)) },
        '{"d":"2020-01-02T03:04:05.123Z"}',
      ],
      ['undefined properties, left out', { a: undefined, b: 1 }, '{"b":1}'],
      ['NaN and Infinity, as null (Python would write NaN/Infinity)', { a: NaN, b: Infinity }, '{"a":null,"b":null}'],
    ])('encodes %s', (_label, data, text) => {
      expect(new JsonResponse(data).text).toBe(text);
    });

    it('is exported as djangoJsonReplacer', () => {
      expect(JSON.stringify({ a: 1n }, djangoJsonReplacer)).toBe('{"a":"1"}');
    });

    // HW::JsonResponseTests.test_json_response_custom_encoder — the encoder becomes a replacer
    it('is replaced by init.replacer', () => {
      const r = new JsonResponse(
        { foo: 'bar', secret: 'x' },
        {
          replacer: (key, value) => (key === 'secret' ? undefined : value),
        },
      );
      expect(JSON.parse(r.text)).toEqual({ foo: 'bar' });
    });

    it('can be turned off with replacer: null', () => {
      expect(() => new JsonResponse({ n: 1n }, { replacer: null })).toThrow(/BigInt/);
      expect(new JsonResponse({ s: new Set([1]) }, { replacer: null }).text).toBe('{"s":{}}');
    });
  });

  // The default encoding writes a document without the replacer first and redoes it with the
  // replacer only where the replacer changes something; the output must be the replacer's.
  describe('the fast path and its fallback', () => {
    /** What JsonResponse wrote before the fast path: the replacer on every value. */
    const withReplacer = (data: unknown, space?: number): string | undefined =>
      JSON.stringify(data, djangoJsonReplacer, space);
    const viaResponse = (data: unknown, space?: number): string =>
      new JsonResponse(data, { safe: false, ...(space === undefined ? {} : { space }) }).text;

    it.each([
      ['a plain document (the fast path)', { items: [{ id: 1, tags: ['a'], ok: true, at: new Date(0) }] }],
      ['an empty Map deep in an array', { items: [{ id: 1 }, { m: new Map() }] }],
      ['an empty Set', { s: new Set() }],
      ['a Map with entries, nothing empty around it', { m: new Map([['a', 1]]) }],
      ['a Set with values', { s: new Set(['x', 2]) }],
      ['a BigInt three levels down', { a: { b: [1, { c: 2n }] } }],
      ['a BigInt in a Map in a Set', { s: new Set([new Map([['n', 1n]])]) }],
      ['an empty object and no Map', { meta: {}, n: 1 }],
      ['the text "{}" in a string', { template: 'function () {}' }],
      ['a toJSON that returns a Map', { x: { toJSON: () => new Map([['k', 'v']]) } }],
      ['a toJSON that returns a BigInt', { x: { toJSON: () => 5n } }],
      [
        'a getter that returns a Set',
        Object.defineProperty({}, 's', { enumerable: true, get: () => new Set([1]) }) as unknown,
      ],
      ['a Map with a Date key and value', { m: new Map([[new Date(0), new Date(1)]]) }],
      ['a typed array and an empty one', { a: new Uint8Array([1, 2]), e: new Uint8Array(0) }],
    ])('writes what the replacer writes: %s', (_label, data) => {
      expect(viaResponse(data)).toBe(withReplacer(data));
      expect(viaResponse(data, 2)).toBe(withReplacer(data, 2));
    });

    it('writes what the replacer writes for any value (property-based)', () => {
      fc.assert(
        fc.property(
          fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true }),
          fc.constantFrom(undefined, 2),
          (data, space) => {
            let expected: string | undefined;
            try {
              expected = withReplacer(data, space);
            } catch (err) {
              // The replacer's own failure (a Map keyed by an object without toString) stays.
              expect(() => viaResponse(data, space)).toThrow((err as Error).message);
              return;
            }
            if (expected === undefined) expect(() => viaResponse(data, space)).toThrow(/can't encode/);
            else expect(viaResponse(data, space)).toBe(expected);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('throws the replacer pass’s error: a cycle, a failing toJSON', () => {
      const cyclic: Record<string, unknown> = { m: new Map() };
      cyclic['self'] = cyclic;
      expect(() => viaResponse(cyclic)).toThrow(/circular/i);
      const failing = {
        toJSON() {
          throw new RangeError('no JSON for you');
        },
      };
      expect(() => viaResponse({ failing })).toThrow(new RangeError('no JSON for you'));
    });

    // Documented: the check looks for `{}`, so a Map that also has its own enumerable
    // properties is written as those; passing the replacer explicitly runs it on every value.
    it('writes a Map with its own properties as those, unless the replacer is passed explicitly', () => {
      const tagged = Object.assign(new Map([['k', 1]]), { note: 'x' });
      expect(new JsonResponse({ tagged }).text).toBe('{"tagged":{"note":"x"}}');
      expect(new JsonResponse({ tagged }, { replacer: djangoJsonReplacer }).text).toBe('{"tagged":{"k":1}}');
    });
  });

  // HW::JsonResponseTests.test_json_response_passing_arguments_to_json_dumps
  it('indents with init.space', () => {
    expect(new JsonResponse({ foo: 'bar' }, { space: 2 }).text).toBe('{\n  "foo": "bar"\n}');
    expect(new JsonResponse({ foo: 'bar' }, { space: '\t' }).text).toBe('{\n\t"foo": "bar"\n}');
  });

  describe('response options', () => {
    it('passes status, reason and headers on', () => {
      const r = new JsonResponse({ error: 'nope' }, { status: 422, reason: 'Nope', headers: { 'X-A': '1' } });
      expect(r.statusCode).toBe(422);
      expect(r.reasonPhrase).toBe('Nope');
      expect(r.get('x-a')).toBe('1');
    });

    it('takes another content type', () => {
      expect(new JsonResponse({}, { contentType: 'application/vnd.api+json' }).get('Content-Type')).toBe(
        'application/vnd.api+json',
      );
    });

    // Deviation: Django defaults content_type before looking at headers, so a Content-Type
    // header raises its mutual-exclusion ValueError [run]; here the header is used.
    it('takes the Content-Type from the headers', () => {
      expect(
        new JsonResponse({}, { headers: { 'content-type': 'application/problem+json' } }).get('Content-Type'),
      ).toBe('application/problem+json');
    });

    it('refuses contentType together with a Content-Type header', () => {
      expect(
        () => new JsonResponse({}, { contentType: 'application/json', headers: { 'Content-Type': 'text/json' } }),
      ).toThrow(/'headers' must not contain 'Content-Type' when the 'contentType' option is provided/);
    });

    it('still validates the status', () => {
      expect(() => new JsonResponse({}, { status: 99 })).toThrow(RangeError);
    });
  });
});
