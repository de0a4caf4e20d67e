/**
 * A session dict as Django's `RedisCache` keeps it: `pickle.dumps(session_dict,
 * pickle.HIGHEST_PROTOCOL)` (its `RedisSerializer`). Written and read by hand: no maintained npm
 * package writes pickles (pickleparser, jpickle and unpickle only read), and pickleparser reads
 * large negative integers wrongly (see {@link unpickleSessionData}). A session holds JSON-typed
 * values only, so both sides need a few opcodes each, all in Python's `Lib/pickle.py`; the tests
 * check them against Python's own `pickle`.
 */
import type { SessionData, SessionValue } from './json.js';

// Opcodes (Lib/pickle.py).
const PROTO = 0x80;
const STOP = 0x2e; // '.'
const NONE = 0x4e; // 'N'
const NEWTRUE = 0x88;
const NEWFALSE = 0x89;
const BININT1 = 0x4b; // 'K'
const BININT2 = 0x4d; // 'M'
const BININT = 0x4a; // 'J'
const LONG1 = 0x8a;
const BINFLOAT = 0x47; // 'G'
const SHORT_BINUNICODE = 0x8c;
const BINUNICODE = 0x58; // 'X'
const EMPTY_DICT = 0x7d; // '}'
const EMPTY_LIST = 0x5d; // ']'
const MARK = 0x28; // '('
const SETITEMS = 0x75; // 'u'
const APPENDS = 0x65; // 'e'
/** Python batches SETITEMS and APPENDS by this many items (`_BATCHSIZE`). */
const BATCH = 1000;

/** Grows a byte buffer as opcodes are appended. */
class Writer {
  #bytes = Buffer.allocUnsafe(256);
  #length = 0;

  #room(n: number): void {
    if (this.#length + n <= this.#bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#length + n));
    this.#bytes.copy(bigger, 0, 0, this.#length);
    this.#bytes = bigger;
  }

  byte(value: number): void {
    this.#room(1);
    this.#bytes[this.#length++] = value;
  }

  bytes(value: Uint8Array): void {
    this.#room(value.length);
    this.#bytes.set(value, this.#length);
    this.#length += value.length;
  }

  uint16(value: number): void {
    this.#room(2);
    this.#length = this.#bytes.writeUInt16LE(value, this.#length);
  }

  int32(value: number): void {
    this.#room(4);
    this.#length = this.#bytes.writeInt32LE(value, this.#length);
  }

  uint32(value: number): void {
    this.#room(4);
    this.#length = this.#bytes.writeUInt32LE(value, this.#length);
  }

  float64be(value: number): void {
    this.#room(8);
    this.#length = this.#bytes.writeDoubleBE(value, this.#length);
  }

  done(): Buffer {
    return this.#bytes.subarray(0, this.#length);
  }
}

/** Python's `pickle.dumps(session_dict, 5)` for a session's data: what Python's `pickle.loads` reads as the same dict. */
export function pickleSessionData(data: SessionData): Buffer {
  const out = new Writer();
  out.byte(PROTO);
  out.byte(5);
  writeEntries(out, [...data]);
  out.byte(STOP);
  return out.done();
}

function writeEntries(out: Writer, entries: ReadonlyArray<readonly [string, SessionValue]>): void {
  out.byte(EMPTY_DICT);
  for (let start = 0; start < entries.length; start += BATCH) {
    out.byte(MARK);
    for (const [key, value] of entries.slice(start, start + BATCH)) {
      writeString(out, key);
      writeValue(out, value);
    }
    out.byte(SETITEMS);
  }
}

function writeValue(out: Writer, value: SessionValue): void {
  if (value === null) out.byte(NONE);
  else if (value === true) out.byte(NEWTRUE);
  else if (value === false) out.byte(NEWFALSE);
  else if (typeof value === 'number') writeNumber(out, value);
  else if (typeof value === 'string') writeString(out, value);
  else if (Array.isArray(value)) {
    out.byte(EMPTY_LIST);
    for (let start = 0; start < value.length; start += BATCH) {
      out.byte(MARK);
      for (const item of value.slice(start, start + BATCH)) writeValue(out, item);
      out.byte(APPENDS);
    }
  } else writeEntries(out, Object.entries(value));
}

/** An integer as Python's `int` (JSON's integers are Python ints); any other number as a `float`. */
function writeNumber(out: Writer, value: number): void {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) {
    out.byte(BINFLOAT);
    out.float64be(value);
  } else if (value >= 0 && value < 0x100) {
    out.byte(BININT1);
    out.byte(value);
  } else if (value >= 0 && value < 0x10000) {
    out.byte(BININT2);
    out.uint16(value);
  } else if (value >= -0x80000000 && value < 0x80000000) {
    out.byte(BININT);
    out.int32(value);
  } else {
    // LONG1: the little-endian two's complement, as short as keeps the sign (pickle.encode_long).
    let rest = BigInt(value);
    const bytes: number[] = [];
    for (;;) {
      bytes.push(Number(rest & 0xffn));
      rest >>= 8n;
      const top = bytes[bytes.length - 1]! & 0x80;
      if ((rest === 0n && top === 0) || (rest === -1n && top !== 0)) break;
    }
    out.byte(LONG1);
    out.byte(bytes.length);
    out.bytes(Uint8Array.from(bytes));
  }
}

function writeString(out: Writer, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length < 0x100) {
    out.byte(SHORT_BINUNICODE);
    out.byte(bytes.length);
  } else {
    out.byte(BINUNICODE);
    out.uint32(bytes.length);
  }
  out.bytes(bytes);
}

/** A dict being built by the reader: a Map keeps Python's key order (a JS object would not, for "1"). */
type PyValue = null | boolean | number | string | PyValue[] | Map<string, PyValue> | undefined;
const MARK_OBJECT = Symbol('mark');
type StackItem = PyValue | typeof MARK_OBJECT;

/**
 * The session dict in `bytes`, a pickle written by Python (any protocol from 2 to 5, as
 * `RedisCache` writes it) or by {@link pickleSessionData}.
 *
 * Read by hand as well: pickleparser (0.2) reads a negative integer below -2³¹ (`LONG1`) as a
 * large positive one, which would silently change a session's data, so this reader takes the
 * opcodes Python writes for JSON-typed values (strings, numbers, booleans, None, lists, tuples,
 * dicts, with the memo and frames of protocols 4 and 5) and refuses the rest.
 *
 * @throws TypeError when the pickle holds something a session here can't (a `datetime`, a
 *   `set`, any other Python object), or is not a dict.
 */
export function unpickleSessionData(bytes: Uint8Array): SessionData {
  const top = readPickle(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!(top instanceof Map)) throw new TypeError('The pickled session is not a dict.');
  const data: SessionData = new Map();
  for (const [key, value] of top) data.set(key, toSessionValue(value));
  return data;
}

function toSessionValue(value: PyValue): SessionValue {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toSessionValue);
  if (value instanceof Map) {
    const object: Record<string, SessionValue> = {};
    for (const [key, item] of value) object[key] = toSessionValue(item);
    return object;
  }
  return value;
}

function unsupported(what: string): TypeError {
  return new TypeError(
    `The pickled session holds ${what}, which JSON has no form for (a datetime, set, bytes or other Python object): such a session is read as a new one.`,
  );
}

function readPickle(buf: Buffer): PyValue {
  const stack: StackItem[] = [];
  const memo: PyValue[] = [];
  let at = 0;
  const need = (n: number): number => {
    if (at + n > buf.length) throw new TypeError('The pickle is truncated.');
    const start = at;
    at += n;
    return start;
  };
  const pop = (): PyValue => {
    const value = stack.pop();
    if (value === MARK_OBJECT || (value === undefined && stack.length < 0)) throw new TypeError('Bad pickle stack.');
    return value;
  };
  const popToMark = (): PyValue[] => {
    const index = stack.lastIndexOf(MARK_OBJECT);
    if (index < 0) throw new TypeError('The pickle has no MARK.');
    const items = stack.splice(index) as PyValue[];
    items.shift();
    return items;
  };
  const peek = (): PyValue => {
    const value = stack[stack.length - 1];
    if (value === MARK_OBJECT) throw new TypeError('Bad pickle stack.');
    return value;
  };
  const text = (length: number): string => buf.toString('utf8', need(length), at);
  const long = (length: number): number => {
    if (length === 0) return 0;
    const start = need(length);
    let value = 0n;
    for (let i = length - 1; i >= 0; i--) value = (value << 8n) | BigInt(buf[start + i]!);
    if (buf[start + length - 1]! & 0x80) value -= 1n << BigInt(8 * length);
    if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw unsupported('an integer beyond 2⁵³');
    }
    return Number(value);
  };
  const setItems = (dict: PyValue, items: PyValue[]): void => {
    if (!(dict instanceof Map)) throw new TypeError('SETITEMS on something not a dict.');
    for (let i = 0; i + 1 < items.length; i += 2) {
      const key = items[i];
      if (typeof key !== 'string' && typeof key !== 'number') throw unsupported('a dict key that is not a string');
      dict.set(String(key), items[i + 1]);
    }
  };
  for (;;) {
    const op = buf[need(1)]!;
    switch (op) {
      case PROTO:
        need(1);
        break;
      case 0x95: // FRAME: its length only.
        need(8);
        break;
      case STOP:
        return pop();
      case MARK:
        stack.push(MARK_OBJECT);
        break;
      case NONE:
        stack.push(null);
        break;
      case NEWTRUE:
        stack.push(true);
        break;
      case NEWFALSE:
        stack.push(false);
        break;
      case BININT1:
        stack.push(buf[need(1)]);
        break;
      case BININT2:
        stack.push(buf.readUInt16LE(need(2)));
        break;
      case BININT:
        stack.push(buf.readInt32LE(need(4)));
        break;
      case LONG1:
        stack.push(long(buf[need(1)]!));
        break;
      case 0x8b: // LONG4
        stack.push(long(buf.readInt32LE(need(4))));
        break;
      case BINFLOAT:
        stack.push(buf.readDoubleBE(need(8)));
        break;
      case SHORT_BINUNICODE:
        stack.push(text(buf[need(1)]!));
        break;
      case BINUNICODE:
        stack.push(text(buf.readUInt32LE(need(4))));
        break;
      case 0x8d: // BINUNICODE8
        stack.push(text(Number(buf.readBigUInt64LE(need(8)))));
        break;
      case EMPTY_DICT:
        stack.push(new Map());
        break;
      case 0x64: {
        // DICT
        const dict = new Map<string, PyValue>();
        setItems(dict, popToMark());
        stack.push(dict);
        break;
      }
      case EMPTY_LIST:
      case 0x29: // EMPTY_TUPLE
        stack.push([]);
        break;
      case 0x6c: // LIST
      case 0x74: // TUPLE
        stack.push(popToMark());
        break;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3
        const items: PyValue[] = [];
        for (let n = op - 0x84; n > 0; n--) items.unshift(pop());
        stack.push(items);
        break;
      }
      case 0x61: {
        // APPEND
        const item = pop();
        const list = peek();
        if (!Array.isArray(list)) throw new TypeError('APPEND on something not a list.');
        list.push(item);
        break;
      }
      case APPENDS: {
        const items = popToMark();
        const list = peek();
        if (!Array.isArray(list)) throw new TypeError('APPENDS on something not a list.');
        list.push(...items);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        setItems(peek(), [key, value]);
        break;
      }
      case SETITEMS: {
        const items = popToMark();
        setItems(peek(), items);
        break;
      }
      case 0x94: // MEMOIZE
        memo.push(peek());
        break;
      case 0x71: // BINPUT
        memo[buf[need(1)]!] = peek();
        break;
      case 0x72: // LONG_BINPUT
        memo[buf.readUInt32LE(need(4))] = peek();
        break;
      case 0x68: // BINGET
        stack.push(memo[buf[need(1)]!]);
        break;
      case 0x6a: // LONG_BINGET
        stack.push(memo[buf.readUInt32LE(need(4))]);
        break;
      default:
        throw unsupported(`opcode 0x${op.toString(16)}`);
    }
  }
}
