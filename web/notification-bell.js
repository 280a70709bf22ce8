/**
 * <notification-bell>: the in-app bell of the notification service, as one dependency-free ES module.
 *
 *   <script type="module" src="https://notify.example.com/ui/notification-bell.js"></script>
 *   <notification-bell endpoint="https://notify.example.com/graphql"></notification-bell>
 *   <script type="module">document.querySelector("notification-bell").token = await getJwtSomehow();</script>
 *
 * Public API
 *   endpoint          attribute/property: the GraphQL URL (default: /graphql on this page's origin); the
 *                     websocket URL is derived from it (http -> ws, https -> wss).
 *   token             property: the user's JWT. Setting it (re)connects; null disconnects. A token for another
 *                     user clears what is shown; a refreshed token of the same user resumes where it was.
 *   reconnectNow()    drop the connection and reconnect at once (e.g. after the host app saw the network change).
 *   disconnect()      close the connection until reconnectNow() or a new token.
 *   connectionState   "idle" (no token), "connecting", "live", "reconnecting", "offline" or "expired";
 *                     also reflected as the `state` attribute, for host CSS.
 *   unreadCount, notifications   what the bell currently shows (notifications: newest first, copies).
 * Events (bubbling, composed)
 *   notification      detail: a notification that arrived live (not those loaded with the list): for toasts.
 *   token-expired     the server refused the token (websocket close 4403 or UNAUTHENTICATED): set a new one.
 *   connection-state  detail: { state, code? } (code: the websocket close code, when a close caused it).
 */

const FIELDS = "id type title message priority isRead readAt actionUrl actionText createdAt cursor";
const PAGE_SIZE = 20;
const MAX_KEPT = 100; // notifications held in memory: a tab left open for weeks must not grow without end
const MAX_BACKOFF_MS = 30_000;
const CLOSE_TOKEN_REFUSED = 4403;
const PRIORITIES = new Set(["low", "normal", "high", "urgent"]);

const LOAD = `query BellLoad {
  unreadCount notifications(first: ${PAGE_SIZE}) { edges { cursor node { ${FIELDS} } } }
}`;
const MARK_READ = `mutation BellMarkRead($ids: [ID!]!) {
  markNotificationsRead(ids: $ids) { updatedCount unreadCount }
}`;
const MARK_ALL = "mutation BellMarkAll { markAllNotificationsRead { updatedCount unreadCount } }";
const ADDED = `subscription BellAdded($after: String) { notificationAdded(after: $after) { ${FIELDS} } }`;
const COUNT = "subscription BellCount { unreadCountChanged }";

const STYLE = `
:host { position: relative; display: inline-block; font: 14px/1.4 system-ui, sans-serif;
  --bell-accent: #0969da; --bell-urgent: #cf222e; --bell-muted: #6e7781; }
button { font: inherit; cursor: pointer; }
.bell { position: relative; border: 0; background: none; padding: 6px; border-radius: 50%; color: inherit; }
.bell:hover, .bell:focus-visible { background: rgba(127, 127, 127, 0.15); }
.bell svg { display: block; width: 24px; height: 24px; }
.badge { position: absolute; top: 0; right: 0; min-width: 18px; height: 18px; padding: 0 4px; box-sizing: border-box;
  border-radius: 9px; background: var(--bell-urgent); color: #fff; font-size: 11px; font-weight: 600;
  line-height: 18px; text-align: center; }
.badge[hidden], .panel[hidden] { display: none; }
.panel { position: absolute; right: 0; top: calc(100% + 6px); z-index: 1000; width: 360px; max-height: 480px;
  overflow: auto; background: #fff; color: #1f2328; border: 1px solid #d0d7de; border-radius: 8px;
  box-shadow: 0 8px 24px rgba(0, 0, 0, 0.15); }
header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #d0d7de; }
header h2 { margin: 0; font-size: 15px; flex: 1; }
.state { font-size: 12px; color: var(--bell-muted); }
.state::before { content: "\\25CF "; }
.state[data-state="live"]::before { color: #1a7f37; }
.state[data-state="reconnecting"]::before, .state[data-state="connecting"]::before { color: #bf8700; }
.state[data-state="expired"]::before { color: var(--bell-urgent); }
.mark-all { border: 0; background: none; color: var(--bell-accent); padding: 0; font-size: 12px; }
.mark-all:disabled { color: var(--bell-muted); cursor: default; }
h3 { margin: 0; padding: 6px 12px; font-size: 12px; text-transform: uppercase; color: var(--bell-muted);
  background: #f6f8fa; }
ul { list-style: none; margin: 0; padding: 0; }
.item { display: block; width: 100%; box-sizing: border-box; padding: 8px 12px; border: 0;
  border-bottom: 1px solid #eaeef2; background: none; text-align: left; color: inherit; text-decoration: none; }
.item:hover, .item:focus-visible { background: #f6f8fa; }
.unread .item { border-left: 3px solid var(--bell-accent); }
.title { display: block; font-weight: 600; }
.message { display: block; overflow-wrap: anywhere; }
.meta { display: block; font-size: 12px; color: var(--bell-muted); }
.action { color: var(--bell-accent); }
.read .item { opacity: 0.75; }
.priority-low .title, .priority-low .message { color: var(--bell-muted); font-weight: normal; }
.priority-high .title { color: var(--bell-accent); }
.priority-urgent .title, .priority-urgent .message { color: var(--bell-urgent); font-weight: 700; }
.empty, .error { padding: 16px 12px; color: var(--bell-muted); text-align: center; }
.error { color: var(--bell-urgent); padding: 6px 12px; }
.error:empty { display: none; }
`;

const BELL_ICON = `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"
  stroke-linecap="round" stroke-linejoin="round"><path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9"/>
  <path d="M13.73 21a2 2 0 0 1-3.46 0"/></svg>`;

// Static markup only: every piece of notification data is set later with textContent or setAttribute.
const TEMPLATE = `<style>${STYLE}</style>
<button class="bell" part="button" aria-haspopup="true" aria-expanded="false" aria-label="Notifications">
  ${BELL_ICON}<span class="badge" part="badge" hidden></span></button>
<div class="panel" part="panel" role="region" aria-label="Notifications" hidden>
  <header><h2>Notifications</h2><span class="state" role="status"></span>
    <button class="mark-all" type="button">Mark all read</button></header>
  <div class="error" role="alert"></div>
  <div class="list"></div>
</div>`;

const STATE_LABELS = {
  idle: "Signed out", connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…",
  offline: "Offline", expired: "Session expired",
};

class RequestError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** The URL to put in an href, or null: only http(s) URLs and same-site paths ("/x", not "//host" or "/\host"),
 *  so a stored `javascript:` or `data:` URL can never run, whatever the server let through. */
export function safeActionUrl(url) {
  if (typeof url !== "string" || /[\s\x00-\x1f\\]/.test(url)) return null;
  if (/^https?:\/\/[^/]/i.test(url) || (url.startsWith("/") && !url.startsWith("//"))) {
    try {
      const parsed = new URL(url, location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Ids are decimal strings that grow with each send to an inbox (the API's per-inbox order), so comparing them
 *  as numbers orders notifications, and the largest one's cursor is a complete bookmark for `after`. */
function compareIds(a, b) {
  const x = BigInt(a), y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** "tenant/user" from the token's claims, to tell a refreshed token from another user's. Not verified: the server
 *  does that; a token we cannot read counts as a new user (everything shown is cleared, which is always safe). */
function identity(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), "=")));
    return `${claims.tenant}/${claims.sub}`;
  } catch {
    return Symbol("unreadable token");
  }
}

function relativeTime(iso) {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  if (!Number.isFinite(seconds)) return "";
  if (Math.abs(seconds) >= 7 * 86400) return new Date(iso).toLocaleDateString();
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of [["day", 86400], ["hour", 3600], ["minute", 60]]) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

export class NotificationBell extends HTMLElement {
  static observedAttributes = ["endpoint"];

  #token = null;
  #user = null; // identity(#token)
  #items = new Map(); // id -> notification, what the list shows
  #newest = null; // the notification with the largest id: its cursor resumes the subscription
  #unread = 0;
  #loaded = false; // the first page was fetched for this user (reconnects resume with `after` instead)
  #state = "idle";
  #socket = null;
  #session = 0; // bumped on every (re)connect and stop: callbacks of an older socket or request see it and bail out
  #attempt = 0; // consecutive failed connections, for the backoff; reset by connection_ack
  #marks = 0; // read marks made here: a list fetched across one is stale about read states
  #retryTimer = 0;
  #tickTimer = 0;
  #renderTimer = 0;
  #dom;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = TEMPLATE;
    this.#dom = {
      bell: root.querySelector(".bell"), badge: root.querySelector(".badge"), panel: root.querySelector(".panel"),
      state: root.querySelector(".state"), markAll: root.querySelector(".mark-all"),
      error: root.querySelector(".error"), list: root.querySelector(".list"),
    };
    this.#dom.bell.addEventListener("click", () => this.#toggle());
    this.#dom.markAll.addEventListener("click", () => this.#markAll());
    // Delegated, and on auxclick too: a middle-click opens the link in a new tab and should also mark it read.
    for (const type of ["click", "auxclick"]) {
      this.#dom.list.addEventListener(type, (event) => {
        const item = event.target.closest("[data-id]");
        if (item) this.#markRead(item.dataset.id);
      });
    }
    this.#render();
  }

  // --- public API ------------------------------------------------------------------------------------------

  get endpoint() {
    return new URL(this.getAttribute("endpoint") || "/graphql", location.href).href;
  }

  set endpoint(value) {
    this.setAttribute("endpoint", value);
  }

  get token() {
    return this.#token;
  }

  set token(value) {
    // The token the server just refused, again (e.g. from a token-expired handler): retrying would loop at once.
    if (value === this.#token && this.#state === "expired") return;
    const user = value ? identity(value) : null;
    if (user !== this.#user) this.#forget();
    this.#token = value || null;
    this.#user = user;
    this.#attempt = 0;
    this.#connect();
  }

  get connectionState() {
    return this.#state;
  }

  get unreadCount() {
    return this.#unread;
  }

  get notifications() {
    return this.#sorted().map((n) => ({ ...n }));
  }

  reconnectNow() {
    this.#attempt = 0;
    this.#connect();
  }

  disconnect() {
    this.#stop();
    this.#setState(this.#token ? "offline" : "idle");
  }

  connectedCallback() {
    window.addEventListener("online", this.#onOnline);
    if (this.#token && this.#state !== "expired") this.#connect();
  }

  disconnectedCallback() {
    window.removeEventListener("online", this.#onOnline);
    document.removeEventListener("click", this.#onOutside, true);
    // No socket left open by an element that is gone; a move reconnects in connectedCallback (unless expired).
    if (this.#state === "expired") this.#stop();
    else this.disconnect();
  }

  attributeChangedCallback(name, previous, value) {
    // Another server means other ids and cursors: start over.
    if (previous !== value && this.#token) {
      this.#forget();
      this.#connect();
    }
  }

  // --- connection ------------------------------------------------------------------------------------------

  /** One connection attempt: the first page over HTTP (once per user), then the websocket. */
  async #connect() {
    this.#stop();
    const session = this.#session;
    if (!this.#token || !this.isConnected) {
      this.#setState("idle");
      return;
    }
    this.#setState(this.#loaded || this.#attempt > 0 ? "reconnecting" : "connecting");
    if (!this.#loaded) {
      try {
        await this.#load(session);
      } catch (error) {
        if (session === this.#session) this.#failed(error);
        return;
      }
      if (session !== this.#session) return;
    }
    this.#openSocket(session);
  }

  #openSocket(session) {
    const url = new URL(this.endpoint);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url, "graphql-transport-ws");
    this.#socket = socket;
    const send = (message) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message));
    let firstCount = true;
    // Subscribed without a cursor (the inbox was empty when listed): the server starts from its newest id at
    // that moment, so a notification stored between our list and that moment would be missed. Listing again
    // once the subscription answers closes that gap (duplicates are dropped by id).
    let recheck = false;

    socket.onopen = () => send({ type: "connection_init", payload: { Authorization: `Bearer ${this.#token}` } });
    socket.onmessage = (event) => {
      if (session !== this.#session) return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      switch (message.type) {
        case "connection_ack": {
          this.#attempt = 0;
          this.#setState("live");
          recheck = this.#newest === null;
          const after = this.#newest?.cursor ?? null;
          send({ id: "added", type: "subscribe", payload: { query: ADDED, variables: { after } } });
          send({ id: "count", type: "subscribe", payload: { query: COUNT } });
          break;
        }
        case "ping":
          send({ type: "pong" });
          break;
        case "next":
          if (message.payload?.errors?.length) {
            this.#drop(session);
          } else if (message.id === "added") {
            this.#add(message.payload.data.notificationAdded, { live: true });
          } else if (message.id === "count") {
            this.#setUnread(message.payload.data.unreadCountChanged);
            if (firstCount && recheck) this.#load(session).catch(() => {});
            firstCount = false;
          }
          break;
        case "error": // e.g. SERVICE_UNAVAILABLE while the database is down: the stream is gone, so start over
        case "complete": // these streams never end on their own
          this.#drop(session);
          break;
      }
    };
    socket.onclose = (event) => {
      if (session !== this.#session) return;
      this.#socket = null;
      if (event.code === CLOSE_TOKEN_REFUSED) this.#expire(event.code);
      else this.#retry(event.code); // 1001 shutdown, 1013 too slow, 4504 missed pong, network loss: resume with `after`
    };
  }

  /** Close the socket and cancel pending work; stale callbacks see the new session number and do nothing. */
  #stop() {
    this.#session += 1;
    clearTimeout(this.#retryTimer);
    if (this.#socket) {
      this.#socket.onclose = this.#socket.onmessage = this.#socket.onopen = null;
      this.#socket.close(1000);
      this.#socket = null;
    }
  }

  #drop(session) {
    if (session === this.#session) this.#retry();
  }

  #failed(error) {
    if (error.code === "UNAUTHENTICATED") this.#expire();
    else this.#retry();
  }

  /** Backoff 1 s, 2 s, 4 s … 30 s, plus up to 10% so that clients dropped together do not return in lockstep. */
  #retry(code) {
    this.#stop();
    const delay = Math.min(1000 * 2 ** this.#attempt, MAX_BACKOFF_MS) * (1 + Math.random() * 0.1);
    this.#attempt += 1;
    this.#setState("reconnecting", code);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #expire(code) {
    this.#stop();
    this.#setState("expired", code);
    this.dispatchEvent(new CustomEvent("token-expired", { bubbles: true, composed: true }));
  }

  // Arrow functions in fields: handlers added to window/document need a stable, bound identity to be removed.
  #onOnline = () => {
    if (this.#state === "reconnecting") this.reconnectNow();
  };

  /** Everything shown belongs to the previous user or server. */
  #forget() {
    this.#items.clear();
    this.#newest = null;
    this.#unread = 0;
    this.#loaded = false;
    this.#scheduleRender();
  }

  // --- data ------------------------------------------------------------------------------------------------

  async #request(query, variables = {}, { keepalive = false } = {}) {
    const response = await fetch(this.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.#token}` },
      body: JSON.stringify({ query, variables }),
      keepalive, // a mark-read must survive the navigation to the notification's action URL
    });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new RequestError(`The server answered HTTP ${response.status}.`, "HTTP_ERROR");
    }
    const error = body.errors?.[0];
    if (error) throw new RequestError(error.message, error.extensions?.code);
    if (!response.ok) throw new RequestError(`The server answered HTTP ${response.status}.`, "HTTP_ERROR");
    return body.data;
  }

  async #load(session = this.#session) {
    const marks = this.#marks;
    const data = await this.#request(LOAD);
    if (session !== this.#session) return;
    // A click on "read" while this was in flight makes its read states and count stale: keep ours for those.
    const stale = marks !== this.#marks;
    for (const { node, cursor } of data.notifications.edges) {
      const known = this.#items.get(node.id);
      const fresh = stale && known ? { ...node, isRead: known.isRead, readAt: known.readAt } : node;
      this.#add({ ...fresh, cursor }, { live: false });
    }
    if (!stale) this.#setUnread(data.unreadCount);
    this.#loaded = true;
  }

  /** Adds or refreshes one notification; a live one seen for the first time is announced to the host. */
  #add(notification, { live }) {
    const known = this.#items.get(notification.id);
    this.#items.set(notification.id, { ...known, ...notification });
    if (!this.#newest || compareIds(notification.id, this.#newest.id) > 0) this.#newest = notification;
    if (this.#items.size > MAX_KEPT) {
      const oldest = this.#sorted().slice(MAX_KEPT);
      for (const n of oldest) this.#items.delete(n.id);
    }
    this.#scheduleRender();
    if (live && !known) {
      const detail = { ...notification };
      this.dispatchEvent(new CustomEvent("notification", { bubbles: true, composed: true, detail }));
    }
  }

  #setUnread(count) {
    this.#unread = count;
    this.#scheduleRender();
  }

  async #markRead(id) {
    const item = this.#items.get(id);
    if (!item || item.isRead) return;
    this.#marks += 1;
    item.isRead = true; // at once, so the list reacts to the click; undone if the server refuses
    item.readAt = new Date().toISOString();
    this.#scheduleRender();
    try {
      const data = await this.#request(MARK_READ, { ids: [id] }, { keepalive: true });
      this.#setUnread(data.markNotificationsRead.unreadCount);
    } catch (error) {
      item.isRead = false;
      item.readAt = null;
      this.#report(error);
    }
  }

  async #markAll() {
    const now = new Date().toISOString();
    this.#marks += 1;
    for (const item of this.#items.values()) if (!item.isRead) Object.assign(item, { isRead: true, readAt: now });
    this.#scheduleRender();
    try {
      const data = await this.#request(MARK_ALL);
      this.#setUnread(data.markAllNotificationsRead.unreadCount);
    } catch (error) {
      this.#report(error);
      this.#load().catch(() => {}); // what is read now is unknown: ask
    }
  }

  #report(error) {
    if (error.code === "UNAUTHENTICATED") this.#expire();
    this.#dom.error.textContent = error.message || "Something went wrong.";
    this.#scheduleRender();
  }

  #sorted() {
    return [...this.#items.values()].sort((a, b) => compareIds(b.id, a.id));
  }

  // --- view ------------------------------------------------------------------------------------------------

  #toggle(open = this.#dom.panel.hidden) {
    this.#dom.panel.hidden = !open;
    this.#dom.bell.setAttribute("aria-expanded", String(open));
    clearInterval(this.#tickTimer);
    if (open) {
      document.addEventListener("click", this.#onOutside, true);
      this.#tickTimer = setInterval(() => this.#render(), 60_000); // keep "5 minutes ago" true
      this.#dom.error.textContent = "";
      // Read states may have changed in another tab; the live stream only carries new notifications and counts.
      if (this.#token && this.#loaded && this.#state === "live") this.#load().catch((error) => this.#report(error));
    } else {
      document.removeEventListener("click", this.#onOutside, true);
    }
    this.#render();
  }

  #onOutside = (event) => {
    if (!event.composedPath().includes(this)) this.#toggle(false);
  };

  /** `code`: the websocket close code when a close caused the change (for the host's logs). */
  #setState(state, code) {
    if (state === this.#state) return;
    this.#state = state;
    this.setAttribute("state", state);
    this.#scheduleRender();
    const detail = code === undefined ? { state } : { state, code };
    this.dispatchEvent(new CustomEvent("connection-state", { bubbles: true, composed: true, detail }));
  }

  // A macrotask, not a microtask: rendering replaces the clicked link, and a link removed before the click's
  // default action runs would not be followed.
  #scheduleRender() {
    if (!this.#renderTimer) this.#renderTimer = setTimeout(() => this.#render(), 0);
  }

  #render() {
    clearTimeout(this.#renderTimer);
    this.#renderTimer = 0;
    const { badge, bell, state, markAll, list } = this.#dom;
    badge.hidden = this.#unread <= 0;
    badge.textContent = this.#unread > 99 ? "99+" : String(this.#unread);
    bell.setAttribute("aria-label", this.#unread > 0 ? `Notifications, ${this.#unread} unread` : "Notifications");
    state.dataset.state = this.#state;
    state.textContent = STATE_LABELS[this.#state];
    markAll.disabled = this.#unread <= 0 || !this.#token;
    if (this.#dom.panel.hidden) return; // the list is built when someone looks at it

    const items = this.#sorted();
    const sections = [["Unread", items.filter((n) => !n.isRead)], ["Read", items.filter((n) => n.isRead)]];
    const nodes = [];
    for (const [heading, group] of sections) {
      if (!group.length) continue;
      const h3 = document.createElement("h3");
      h3.textContent = heading;
      const ul = document.createElement("ul");
      ul.className = heading.toLowerCase();
      ul.append(...group.map((n) => this.#renderItem(n)));
      nodes.push(h3, ul);
    }
    if (!nodes.length) {
      const empty = document.createElement("p");
      empty.className = "empty";
      empty.textContent = "No notifications yet.";
      nodes.push(empty);
    }
    list.replaceChildren(...nodes);
  }

  #renderItem(n) {
    const li = document.createElement("li");
    const priority = String(n.priority).toLowerCase();
    li.className = `priority-${PRIORITIES.has(priority) ? priority : "normal"}`;
    const href = safeActionUrl(n.actionUrl);
    const item = document.createElement(href ? "a" : "button");
    item.className = "item";
    item.dataset.id = n.id;
    item.setAttribute("part", "item");
    if (href) item.setAttribute("href", href);
    else item.type = "button";
    const parts = [["title", n.title], ["message", n.message], ["meta", relativeTime(n.createdAt)]];
    if (href && n.actionText) parts.push(["action", n.actionText]);
    for (const [className, text] of parts) {
      const span = document.createElement("span");
      span.className = className;
      span.textContent = text;
      item.append(span);
    }
    li.append(item);
    return li;
  }
}

if (!customElements.get("notification-bell")) customElements.define("notification-bell", NotificationBell);
