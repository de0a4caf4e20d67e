/**
 * Python's `json.dumps` output for the JSON-typed values Django stores (`ensure_ascii=True`),
 * so that what this package writes is byte for byte what Django writes for the same data.
 *
 * Written by hand: `JSON.stringify` leaves non-ASCII characters and DEL unescaped and has
 * no `separators` option, and no npm library reproduces Python's output.
 */

/** Python's `separators`: `(', ', ': ')` by default, `(',', ':')` for Django's compact JSON. */
export interface PythonJsonOptions {
  /** `separators=(",", ":")`, as `django.core.signing.JSONSerializer` writes. @defaultValue false */
  compact?: boolean;
}

// json.encoder.ESCAPE_ASCII: `([\\"]|[^\ -~])` — everything outside printable ASCII is \uXXXX.
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;

function pythonString(value: string): string {
  return JSON.stringify(value).replace(NOT_PRINTABLE_ASCII, (char) => {
    const code = char.charCodeAt(0);
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  // Python's float repr pads the exponent to two digits: 1e-07, 1e+16.
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * `json.dumps(value)` as Python writes it (`ensure_ascii=True`), with Django's compact
 * separators when `compact`. `undefined` object members are left out, as `JSON.stringify` does.
 *
 * @throws TypeError for a value JSON cannot hold (a function, a symbol, a bigint).
 */
export function pythonJsonDumps(value: unknown, options: PythonJsonOptions = {}): string {
  const itemSep = options.compact ? ',' : ', ';
  const keySep = options.compact ? ':' : ': ';
  const encode = (item: unknown): string => {
    if (item === null) return 'null';
    switch (typeof item) {
      case 'string':
        return pythonString(item);
      case 'number':
        return pythonNumber(item);
      case 'boolean':
        return item ? 'true' : 'false';
      case 'object': {
        const withJson = item as { toJSON?: () => unknown };
        if (typeof withJson.toJSON === 'function') return encode(withJson.toJSON());
        if (Array.isArray(item)) return `[${item.map((element) => encode(element ?? null)).join(itemSep)}]`;
        const members = Object.entries(item as Record<string, unknown>)
          .filter(([, member]) => member !== undefined)
          .map(([key, member]) => `${pythonString(key)}${keySep}${encode(member)}`);
        return `{${members.join(itemSep)}}`;
      }
      default:
        throw new TypeError(`Object of type ${typeof item} is not JSON serializable.`);
    }
  };
  return encode(value);
}
