/** Django's `django.contrib.messages.storage.base.Message`. */
import { DEFAULT_TAGS } from './constants.js';

/** Options of {@link Message}. */
export interface MessageOptions {
  /** Tags by level (Django's `MESSAGE_TAGS` merged over the defaults). @defaultValue {@link DEFAULT_TAGS} */
  levelTags?: Readonly<Record<number, string>>;
  /** The text is HTML already (Django's `mark_safe`); kept through storage. @defaultValue false */
  safe?: boolean;
}

/**
 * One message: its level, its text and the extra tags given with it. Two messages are
 * {@link Message.equals} when their level and text are, as Django compares them.
 */
export class Message {
  /** The level (`messages.constants.INFO` …). */
  readonly level: number;
  /** The text. */
  readonly message: string;
  /** Tags given with the message, before the level's (`extra_tags`); `null` when none were given. */
  readonly extraTags: string | null;
  /** Whether the text is HTML already (Django's `SafeData`): a template may show it unescaped. */
  readonly safe: boolean;
  readonly #levelTags: Readonly<Record<number, string>>;

  constructor(level: number, message: string, extraTags: string | null = null, options: MessageOptions = {}) {
    const numeric = Number(level);
    if (!Number.isInteger(numeric)) {
      throw new TypeError(`Message level must be an integer such as messages.constants.INFO (got ${String(level)}).`);
    }
    this.level = numeric;
    this.message = String(message);
    this.extraTags = extraTags === null || extraTags === undefined ? null : String(extraTags);
    this.safe = options.safe ?? false;
    this.#levelTags = options.levelTags ?? DEFAULT_TAGS;
  }

  /** The extra tags then the level's tag, space-separated (`'urgent warning'`), for a CSS class. */
  get tags(): string {
    return [this.extraTags, this.levelTag].filter((tag) => tag).join(' ');
  }

  /** The level's tag (`'warning'`), `''` for a level without one. */
  get levelTag(): string {
    return this.#levelTags[this.level] ?? '';
  }

  /** Django's `Message.__eq__`: the same level and text. */
  equals(other: unknown): boolean {
    return other instanceof Message && other.level === this.level && other.message === this.message;
  }

  /** The text, so that a template writing `{{ message }}` shows it. */
  toString(): string {
    return this.message;
  }

  /** `{ level, message, extraTags, tags }`, for JSON responses and logs. */
  toJSON(): {
    /** The level (`messages.INFO` …). */
    level: number;
    /** The text. */
    message: string;
    /** The extra tags given when it was added, or `null`. */
    extraTags: string | null;
    /** The extra tags and the level's tag, space-separated. */
    tags: string;
  } {
    return { level: this.level, message: this.message, extraTags: this.extraTags, tags: this.tags };
  }
}
