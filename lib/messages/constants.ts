/** Django's `django.contrib.messages.constants`: the message levels and their tags. */

/** Development-related messages that are ignored (or removed) in a production deployment. */
export const DEBUG = 10;
/** Informational messages for the user. */
export const INFO = 20;
/** An action was successful. */
export const SUCCESS = 25;
/** A failure did not occur but may be imminent. */
export const WARNING = 30;
/** An action was not successful or some other failure occurred. */
export const ERROR = 40;

/** Django's `DEFAULT_TAGS`: the CSS class each level gets in `message.tags`. */
export const DEFAULT_TAGS: Readonly<Record<number, string>> = Object.freeze({
  [DEBUG]: 'debug',
  [INFO]: 'info',
  [SUCCESS]: 'success',
  [WARNING]: 'warning',
  [ERROR]: 'error',
});

/** Django's `DEFAULT_LEVELS` (`DEFAULT_MESSAGE_LEVELS` in templates): each level by name. */
export const DEFAULT_LEVELS = Object.freeze({ DEBUG, INFO, SUCCESS, WARNING, ERROR });
