// The browser check uses Debian's Chromium (/usr/bin/chromium): pa11y's puppeteer must not
// download one of its own when `npm ci` installs it.
module.exports = { skipDownload: true };
