/** The URL to put in an href, or null: only http(s) URLs and same-site paths ("/x", not "//host" or "/\host"),
 *  so a stored `javascript:` or `data:` URL can never run, whatever the server let through. */
export function safeActionUrl(/** @type {unknown} */ url) {
  if (typeof url !== "string" || /[\s\x00-\x1f\\]/.test(url)) return null;
  if (/^https?:\/\/[^/]/i.test(url) || (url.startsWith("/") && !url.startsWith("//"))) {
    try {
      const parsed = new URL(url, typeof location === "undefined" ? "http://localhost/" : location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : null;
    } catch {
      return null;
    }
  }
  return null;
}
