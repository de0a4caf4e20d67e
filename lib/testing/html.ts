/**
 * HTML compared as Django's `assertContains(..., html=True)` compares it (a port of
 * `django/test/html.py`): attribute order, quoting, class order, `checked` vs
 * `checked="checked"` and runs of whitespace don't matter; elements and text do.
 *
 * Hand-written rather than built on an HTML parser because none is among this package's
 * dependencies, and Django's comparison is this small tree over a lenient tokenizer (Python's
 * `html.parser`), not a spec-compliant DOM: a full parser would add `<html>`/`<body>` and
 * move elements about, and then not compare as Django does.
 */

/** ASCII whitespace (https://infra.spec.whatwg.org/#ascii-whitespace). */
const ASCII_WHITESPACE = /[\t\n\f\r ]+/g;

// https://html.spec.whatwg.org/#void-elements, plus Django's deprecated `frame` and `spacer`.
const SELF_CLOSING_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'frame',
  'spacer',
]);

// Elements whose content Python's html.parser reads as raw text, up to the closing tag.
const RAW_TEXT_TAGS = new Set(['script', 'style']);

// The character references HTML pages use in practice; Python decodes all of HTML5's ~2,200
// names, which would mean shipping the table. Numeric references cover every character.
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '\u00a9',
  reg: '\u00ae',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  laquo: '\u00ab',
  raquo: '\u00bb',
  euro: '\u20ac',
};

function normalizeWhitespace(text: string): string {
  return text.replace(ASCII_WHITESPACE, ' ');
}

function decodeReferences(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED_REFERENCES[ref] ?? whole;
  });
}

/** An attribute: name and value, `null` for a bare attribute (`<input checked>`). */
export type HtmlAttribute = [name: string, value: string | null];

/** A node of a parsed document: an element or a run of text. */
export type HtmlNode = HtmlElement | string;

/** An element of a parsed document (Django's `Element`). */
export class HtmlElement {
  /** The tag name, lower case; `null` for the root of a fragment. */
  readonly name: string | null;
  /** The attributes, sorted by name (then value). */
  readonly attributes: HtmlAttribute[];
  /** The child elements and text. */
  children: HtmlNode[] = [];

  /**
   * @param name - the tag name, `null` for a root.
   * @param attributes - the attributes in document order.
   */
  constructor(name: string | null, attributes: HtmlAttribute[]) {
    this.name = name;
    this.attributes = [...attributes].sort(([a, av], [b, bv]) =>
      a === b ? ((av ?? '') < (bv ?? '') ? -1 : (av ?? '') > (bv ?? '') ? 1 : 0) : a < b ? -1 : 1,
    );
  }

  /** Add a child, merging adjacent text and dropping whitespace-only text before an element. */
  append(node: HtmlNode): void {
    if (typeof node === 'string') {
      node = normalizeWhitespace(node);
      const last = this.children.at(-1);
      if (typeof last === 'string') {
        this.children[this.children.length - 1] = normalizeWhitespace(last + node);
        return;
      }
    } else {
      const last = this.children.at(-1);
      if (typeof last === 'string' && last.trim() === '') this.children.pop();
    }
    if (node) this.children.push(node);
  }

  /** Strip the text at the edges of every element, as Django's `finalize()`. */
  finalize(): void {
    while (typeof this.children.at(-1) === 'string') {
      const last = (this.children.at(-1) as string).trimEnd();
      if (last) {
        this.children[this.children.length - 1] = last;
        break;
      }
      this.children.pop();
    }
    this.children = this.children.map((child) => {
      if (typeof child === 'string') return child.trim();
      child.finalize();
      return child;
    });
  }

  /** Whether `other` is the same element: name, attributes (bare = named value) and children. */
  equals(other: HtmlNode): boolean {
    if (typeof other === 'string' || this.name !== other.name) return false;
    if (this.attributes.length !== other.attributes.length) return false;
    const sameAttributes = this.attributes.every(([name, value], index) => {
      const [otherName, otherValue] = other.attributes[index] as HtmlAttribute;
      return name === otherName && (value ?? name) === (otherValue ?? otherName);
    });
    return sameAttributes && sameChildren(this.children, other.children);
  }

  /** How many times `needle` occurs in this tree (Django's `Element.count`). */
  count(needle: HtmlNode): number {
    if (typeof needle !== 'string' && this.equals(needle)) return 1;
    if (needle instanceof HtmlRoot && sameChildren(this.children, needle.children)) return 1;
    let found = 0;
    let matched = 0;
    for (const child of this.children) {
      if (typeof child === 'string') {
        if (typeof needle === 'string') found += countSubstring(child, needle);
        continue;
      }
      // The needle wholly within this child ...
      found += child.count(needle);
      // ... or a fragment's children in sequence among this element's: '<a/><b/>' in '<a/><b/><c/>'.
      if (needle instanceof HtmlRoot && needle.children.length > 0) {
        const wanted = needle.children[matched] as HtmlNode;
        if (typeof wanted !== 'string' && wanted.equals(child)) {
          matched += 1;
          if (matched === needle.children.length) {
            found += 1;
            matched = 0;
          }
        } else {
          matched = 0;
        }
      }
    }
    return found;
  }

  /** The element as HTML, in Django's normalised form (one line per child). */
  toString(): string {
    let output = `<${this.name}`;
    for (const [name, value] of this.attributes) output += value ? ` ${name}="${value}"` : ` ${name}`;
    if (this.children.length === 0) return `${output}>`;
    return `${output}>\n${this.children.map(String).join('')}\n</${this.name}>`;
  }
}

/** The root of a fragment with several top-level nodes (Django's `RootElement`). */
export class HtmlRoot extends HtmlElement {
  /** A root without attributes. */
  constructor() {
    super(null, []);
  }

  override toString(): string {
    return this.children.map(String).join('');
  }
}

function sameChildren(a: readonly HtmlNode[], b: readonly HtmlNode[]): boolean {
  return (
    a.length === b.length &&
    a.every((child, index) => {
      const other = b[index] as HtmlNode;
      return typeof child === 'string' ? child === other : child.equals(other);
    })
  );
}

/** Python's `str.count`: non-overlapping occurrences; an empty needle occurs `len + 1` times. */
export function countSubstring(haystack: string, needle: string): number {
  if (needle === '') return haystack.length + 1;
  return haystack.split(needle).length - 1;
}

/** The HTML could not be parsed: an end tag that closes nothing. */
export class HtmlParseError extends Error {
  /** `'HtmlParseError'`. */
  override name = 'HtmlParseError';
}

const START_TAG = /^<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/;
const END_TAG = /^<\/([a-zA-Z][^\s/>]*)[^>]*>/;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function position(html: string, offset: number): string {
  const before = html.slice(0, offset).split('\n');
  return `Line ${before.length}, Column ${(before.at(-1) ?? '').length}`;
}

/**
 * Parse `html` into a tree to compare or search (Django's `parse_html`). A fragment with one
 * top-level element gives that element; otherwise an {@link HtmlRoot}.
 *
 * @throws HtmlParseError for an end tag that closes no open element.
 */
export function parseHtml(html: string): HtmlElement {
  const root = new HtmlRoot();
  const open: HtmlElement[] = [];
  const current = (): HtmlElement => open.at(-1) ?? root;
  const closeTag = (tag: string, offset: number): void => {
    const at = open.map((element) => element.name).lastIndexOf(tag);
    if (at === -1) throw new HtmlParseError(`Unexpected end tag \`${tag}\` (${position(html, offset)})`);
    open.length = at;
  };

  let offset = 0;
  while (offset < html.length) {
    const rest = html.slice(offset);
    let match: RegExpExecArray | null;
    if (rest.startsWith('<!--')) {
      const end = html.indexOf('-->', offset + 4);
      offset = end === -1 ? html.length : end + 3;
    } else if (/^<[!?]/.test(rest)) {
      const end = html.indexOf('>', offset);
      offset = end === -1 ? html.length : end + 1;
    } else if ((match = END_TAG.exec(rest))) {
      closeTag((match[1] as string).toLowerCase(), offset);
      offset += match[0].length;
    } else if ((match = START_TAG.exec(rest))) {
      const tag = (match[1] as string).toLowerCase();
      const attributes: HtmlAttribute[] = [];
      for (const [, name, double, single, bare] of (match[2] as string).matchAll(ATTRIBUTE)) {
        const raw = double ?? single ?? bare;
        let value = raw === undefined ? null : decodeReferences(raw);
        // Class order doesn't matter: Django sorts the class names.
        if (name?.toLowerCase() === 'class' && value !== null) {
          value = value.split(ASCII_WHITESPACE).filter(Boolean).sort().join(' ');
        }
        attributes.push([(name as string).toLowerCase(), value]);
      }
      const element = new HtmlElement(tag, attributes);
      current().append(element);
      offset += match[0].length;
      if (!SELF_CLOSING_TAGS.has(tag) && match[3] !== '/') {
        open.push(element);
        if (RAW_TEXT_TAGS.has(tag)) {
          const end = html.toLowerCase().indexOf(`</${tag}`, offset);
          const text = html.slice(offset, end === -1 ? html.length : end);
          if (text) element.append(text);
          offset += text.length;
        }
      }
    } else {
      // Text up to the next thing that looks like markup; a lone '<' is text.
      const next = html.slice(offset + 1).search(/<[a-zA-Z/!?]/);
      const end = next === -1 ? html.length : offset + 1 + next;
      current().append(decodeReferences(html.slice(offset, end)));
      offset = end;
    }
  }

  root.finalize();
  const [only] = root.children;
  return root.children.length === 1 && typeof only !== 'string' ? (only as HtmlElement) : root;
}
