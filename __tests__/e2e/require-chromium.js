/**
 * The browser suite's global set-up: without Debian's Chromium, stop at once with the fix,
 * before any server or browser is started (rather than wait for every step to time out).
 */
const { accessSync, constants } = require('node:fs');

module.exports = function requireChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `The browser suite needs Chromium at ${path} (not found or not executable). ` +
        "Install Debian's package: apt-get update && apt-get install -y chromium " +
        '(or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
};
