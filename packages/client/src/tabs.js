// One connection for the tabs of one origin, endpoint and token: the tab holding a Web Lock is the leader (it alone
// opens the websocket) and relays what arrives over a BroadcastChannel of the same name. The browser releases the
// lock when that tab closes, and the next tab waiting for it takes over.

/**
 * @typedef {{ type: "notification", notification: import("./store.js").Notification }
 *   | { type: "unread", count: number } | { type: "unseen", count: number }
 *   | { type: "connection", state: import("./store.js").ConnectionState, code: number | null }
 *   | { type: "hello" } | { type: "reconnect" }} TabMessage
 */
/**
 * @typedef {object} TabLink
 * @property {string} key the lock's and the channel's name
 * @property {boolean} leader whether this tab holds the lock (and so the socket)
 * @property {(message: TabMessage) => void} post to the other tabs
 * @property {() => void} leave gives the lock up (or stops waiting for it) and closes the channel
 */
/**
 * @typedef {object} TabPlatform what sharing needs; where either is missing, every tab has its own socket
 * @property {LockManager | undefined} locks
 * @property {typeof BroadcastChannel | undefined} BroadcastChannel
 */

/** The platform's own, when it has both. */
export function platformTabs() {
  return { locks: globalThis.navigator?.locks, BroadcastChannel: globalThis.BroadcastChannel };
}

/** A short name from endpoint and token, so that the token itself is not a lock name the page can list. */
export function tabKey(/** @type {string} */ endpoint, /** @type {string} */ token) {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (const char of `${endpoint}\n${token}`) {
    const code = char.codePointAt(0) ?? 0;
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `notifications:${(h2 >>> 0).toString(36)}${(h1 >>> 0).toString(36)}`;
}

/**
 * Joins the tabs sharing `key`: messages of the others go to `onMessage`, and `onLeader` is called once this tab
 * holds the lock. Null where the platform cannot share.
 * @param {string} key @param {TabPlatform} platform
 * @param {{ onMessage: (message: TabMessage) => void, onLeader: () => void }} handlers
 * @returns {TabLink | null}
 */
export function joinTabs(key, platform, { onMessage, onLeader }) {
  const { locks, BroadcastChannel: Channel } = platform;
  if (!locks?.request || typeof Channel !== "function") return null;
  const channel = new Channel(key);
  const waiting = new AbortController();
  /** @type {() => void} */
  let release = () => {};
  let left = false;
  /** @type {TabLink} */
  const link = {
    key,
    leader: false,
    post: (message) => {
      if (!left) channel.postMessage(message);
    },
    leave: () => {
      if (left) return;
      left = true;
      waiting.abort();
      release();
      channel.close();
    },
  };
  channel.onmessage = (/** @type {MessageEvent<TabMessage>} */ event) => {
    if (!left) onMessage(event.data);
  };
  locks.request(key, { signal: waiting.signal }, async () => {
    await null; // a lock granted at once still finds the link returned
    if (left) return undefined;
    const held = new Promise((resolve) => (release = () => resolve(undefined)));
    link.leader = true;
    onLeader();
    return held;
  }).catch(() => {}); // AbortError: left before it was this tab's turn
  return link;
}
