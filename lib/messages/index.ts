/**
 * Django's `django.contrib.messages` as one namespace: `messages.success(req, 'Saved.')`,
 * `messages.getMessages(req)`, `messages.constants.INFO` …
 */
export {
  addMessage,
  debug,
  error,
  getLevel,
  getMessages,
  info,
  MessageFailure,
  setLevel,
  success,
  warning,
  type AddMessageOptions,
} from './api.js';
export * as constants from './constants.js';
