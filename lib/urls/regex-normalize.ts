/**
 * Django's `django/utils/regex_helper.py` `normalize()`, line for line: the forms a URL
 * pattern can be reversed to. Each form is a string with `%(name)s` placeholders and the names
 * it needs. Repeats keep their minimum count, an optional group with parameters gives a form
 * with and one without it, a class or `.` becomes one representative character, lookarounds
 * are dropped, and a pattern with `|` has no reversible form but the empty one.
 */

/** One way to reverse a pattern: the text with `%(name)s` placeholders, and the names in order. */
export type NormalizedForm = [text: string, params: string[]];

// "\w" is replaced by "x" in a reverse URL; null means to ignore the sequence.
const ESCAPE_MAPPINGS: Record<string, string | null> = {
  A: null,
  b: null,
  B: null,
  d: '0',
  D: 'x',
  s: ' ',
  S: 'x',
  w: 'x',
  W: '!',
  Z: null,
};

/** A capturing group: its placeholder and its parameter name (null for a backreference). */
class Group {
  constructor(
    readonly placeholder: string,
    readonly param: string | null,
  ) {}
}
/** Several possibilities at this point of the pattern (`null`: nothing). */
class Choice {
  constructor(readonly items: Array<Element | null>) {}
}
/** A non-capturing group. */
class NonCapture {
  constructor(readonly items: Element[]) {}
}
type Element = string | Group | Choice | NonCapture;

class StopIteration extends Error {}
class NotImplemented extends Error {}
/** A pattern that cannot be reversed (Django's `ValueError("Non-reversible reg-exp portion")`). */
export class NonReversiblePattern extends Error {
  override readonly name: string = 'NonReversiblePattern';
}

type CharIterator = () => [ch: string, escaped: boolean];

/** Django's `next_char`: the next character, an escape replaced by a representative. */
function charIterator(pattern: string): CharIterator {
  const chars = Array.from(pattern);
  let i = 0;
  return () => {
    for (;;) {
      if (i >= chars.length) throw new StopIteration();
      const ch = chars[i++] as string;
      if (ch !== '\\') return [ch, false];
      if (i >= chars.length) throw new StopIteration();
      const escapedChar = chars[i++] as string;
      const representative = escapedChar in ESCAPE_MAPPINGS ? ESCAPE_MAPPINGS[escapedChar] : escapedChar;
      if (representative === null || representative === undefined) continue;
      return [representative, true];
    }
  };
}

/** Django's `walk_to_end`: skip to the end of the current group, nested groups included. */
function walkToEnd(ch: string, next: CharIterator): void {
  let nesting = ch === '(' ? 1 : 0;
  for (;;) {
    let c: string;
    let escaped: boolean;
    try {
      [c, escaped] = next();
    } catch (err) {
      if (err instanceof StopIteration) return;
      throw err;
    }
    if (escaped) continue;
    if (c === '(') nesting += 1;
    else if (c === ')') {
      if (!nesting) return;
      nesting -= 1;
    }
  }
}

/** Django's `get_quantifier`: the minimum count, and the next character if it was read. */
function getQuantifier(ch: string, next: CharIterator): [count: number, ch: string | null] {
  if ('*?+'.includes(ch)) {
    let ch2: string | null;
    try {
      [ch2] = next();
    } catch (err) {
      if (!(err instanceof StopIteration)) throw err;
      ch2 = null;
    }
    if (ch2 === '?') ch2 = null;
    if (ch === '+') return [1, ch2];
    return [0, ch2];
  }
  const quant: string[] = [];
  let c = ch;
  while (c !== '}') {
    [c] = next();
    quant.push(c);
  }
  const values = quant.slice(0, -1).join('').split(',');
  let after: string | null;
  try {
    [after] = next();
  } catch (err) {
    if (!(err instanceof StopIteration)) throw err;
    after = null;
  }
  if (after === '?') after = null;
  return [pyInt(values[0] ?? ''), after];
}

function pyInt(text: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(text))
    throw new NonReversiblePattern(`invalid literal for int() with base 10: '${text}'`);
  return parseInt(text, 10);
}

function contains(source: Element | null, kind: typeof Group): boolean {
  if (source instanceof kind) return true;
  if (source instanceof NonCapture) return source.items.some((item) => contains(item, kind));
  return false;
}

/** Django's `flatten_result`: every possible text and the parameters each needs. */
function flattenResult(source: Element | Element[] | null): [string[], string[][]] {
  if (source === null) return [[''], [[]]];
  if (source instanceof Group) return [[source.placeholder], [source.param === null ? [] : [source.param]]];
  const items: ReadonlyArray<Element | null> =
    source instanceof Choice ? source.items : source instanceof NonCapture ? source.items : (source as Element[]);
  let result = [''];
  let resultArgs: string[][] = [[]];
  let pos = 0;
  let last = 0;
  for (pos = 0; pos < items.length; pos++) {
    const elt = items[pos] ?? null;
    if (typeof elt === 'string') continue;
    let piece = (items.slice(last, pos) as string[]).join('');
    let param: string | null = null;
    if (elt instanceof Group) {
      piece += elt.placeholder;
      param = elt.param;
    }
    last = pos + 1;
    for (let i = 0; i < result.length; i++) {
      result[i] += piece;
      if (param) (resultArgs[i] as string[]).push(param);
    }
    if (elt instanceof Choice || elt instanceof NonCapture) {
      const alternatives: Array<Element | Element[] | null> = elt instanceof NonCapture ? [elt.items] : elt.items;
      const innerResult: string[] = [];
      const innerArgs: string[][] = [];
      for (const item of alternatives) {
        const [res, args] = flattenResult(item);
        innerResult.push(...res);
        innerArgs.push(...args);
      }
      const newResult: string[] = [];
      const newArgs: string[][] = [];
      result.forEach((item, index) => {
        innerResult.forEach((inner, j) => {
          newResult.push(item + inner);
          newArgs.push([...(resultArgs[index] as string[]), ...(innerArgs[j] as string[])]);
        });
      });
      result = newResult;
      resultArgs = newArgs;
    }
  }
  // Python's loop variable keeps the last index; an empty list leaves it at 0.
  const lastPos = items.length > 0 ? items.length - 1 : 0;
  if (lastPos >= last) {
    const piece = (items.slice(last) as string[]).join('');
    for (let i = 0; i < result.length; i++) result[i] += piece;
  }
  return [result, resultArgs];
}

/**
 * Django's `normalize(pattern)`: the forms `pattern` reverses to.
 *
 * @throws NonReversiblePattern for a group Django cannot reverse (`(?x…`).
 */
export function normalize(pattern: string): NormalizedForm[] {
  let result: Element[] = [];
  const nonCapturingGroups: number[] = [];
  let consumeNext = true;
  const next = charIterator(pattern);
  let numArgs = 0;
  let ch: string;
  let escaped: boolean;
  try {
    [ch, escaped] = next();
  } catch (err) {
    if (err instanceof StopIteration) return [['', []]];
    throw err;
  }
  try {
    for (;;) {
      if (escaped) result.push(ch);
      else if (ch === '.') result.push('.');
      else if (ch === '|') throw new NotImplemented();
      else if (ch === '^') {
        // Nothing.
      } else if (ch === '$') break;
      else if (ch === ')') {
        const start = nonCapturingGroups.pop() as number;
        const inner = new NonCapture(result.slice(start));
        result = [...result.slice(0, start), inner];
      } else if (ch === '[') {
        [ch, escaped] = next();
        result.push(ch);
        [ch, escaped] = next();
        while (escaped || ch !== ']') [ch, escaped] = next();
      } else if (ch === '(') {
        [ch, escaped] = next();
        if (ch !== '?' || escaped) {
          const name = `_${numArgs}`;
          numArgs += 1;
          result.push(new Group(`%(${name})s`, name));
          walkToEnd(ch, next);
        } else {
          [ch, escaped] = next();
          if ('!=<'.includes(ch)) walkToEnd(ch, next);
          else if (ch === ':') nonCapturingGroups.push(result.length);
          else if (ch !== 'P') throw new NonReversiblePattern(`Non-reversible reg-exp portion: '(?${ch}'`);
          else {
            [ch, escaped] = next();
            if (ch !== '<' && ch !== '=') throw new NonReversiblePattern(`Non-reversible reg-exp portion: '(?P${ch}'`);
            const terminal = ch === '<' ? '>' : ')';
            const name: string[] = [];
            [ch, escaped] = next();
            while (ch !== terminal) {
              name.push(ch);
              [ch, escaped] = next();
            }
            const param = name.join('');
            if (terminal !== ')') {
              result.push(new Group(`%(${param})s`, param));
              walkToEnd(ch, next);
            } else {
              result.push(new Group(`%(${param})s`, null));
            }
          }
        }
      } else if ('*?+{'.includes(ch)) {
        const [count, lookahead] = getQuantifier(ch, next);
        if (lookahead) {
          ch = lookahead;
          consumeNext = false;
        }
        const previous = result[result.length - 1] as Element;
        if (count === 0) {
          if (contains(previous, Group)) result[result.length - 1] = new Choice([null, previous]);
          else result.pop();
        } else if (count > 1) {
          for (let i = 1; i < count; i++) result.push(previous);
        }
      } else result.push(ch);

      if (consumeNext) [ch, escaped] = next();
      else escaped = false;
      consumeNext = true;
    }
  } catch (err) {
    if (err instanceof NotImplemented) return [['', []]];
    if (!(err instanceof StopIteration)) throw err;
  }
  const [texts, params] = flattenResult(result);
  return texts.map((text, i) => [text, params[i] as string[]]);
}
