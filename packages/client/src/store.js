// The inbox of one user as a store: a snapshot that changes as a whole (for React's useSyncExternalStore and any
// other view), actions that change it optimistically, and a live connection that resumes from the newest cursor.
import { createClient } from "graphql-ws";
import * as operations from "./operations.generated.js";
import { joinTabs, platformTabs, tabKey } from "./tabs.js";

/** @typedef {import("./operations.generated.js").InboxPageResult["notifications"]["edges"][number]["node"]} Notification */
/** @typedef {import("./operations.generated.js").PreferencesResult["notificationPreferences"]} Preferences */
/** @typedef {import("./operations.generated.js").UpdateNotificationPreferencesInput} PreferencesChange */
/** @typedef {import("./operations.generated.js").Priority} Priority */
/** @typedef {"idle" | "connecting" | "live" | "reconnecting" | "offline" | "expired"} ConnectionState */
/**
 * @typedef {object} InboxFilter what the list shows (the filter tabs); counts always cover the whole inbox
 * @property {boolean} unread only unread ones
 * @property {string | null} type only this type; null for every type
 * @property {boolean} archived the archived ones instead of the others
 * @property {boolean} grouped notifications with the same groupKey are one entry, the newest, with a groupCount
 */
/**
 * @typedef {object} InboxState
 * @property {readonly Notification[]} items what is loaded, newest first
 * @property {number} unreadCount the server's count, all types
 * @property {number} unseenCount how many are not seen yet, all types: the badge (opening the bell marks them seen)
 * @property {InboxFilter} filter
 * @property {ConnectionState} connection
 * @property {number | null} closeCode the websocket close code behind the last change of `connection`, if any
 * @property {boolean} loaded the first page has arrived
 * @property {boolean} hasMore older notifications can be loaded with loadMore()
 * @property {boolean} loadingMore
 * @property {Preferences | null} preferences null until loadPreferences()
 * @property {{ message: string, code: string } | null} error the last action that failed
 * @property {Readonly<Record<string, readonly Notification[]>>} groups the members of each group expanded with
 *   expandGroup(), newest first, as the tab's filter selects them
 * @property {"alone" | "leader" | "follower"} tab whether this tab holds its own socket ("alone"), the one shared
 *   with the other tabs of the same endpoint and token ("leader"), or gets what arrives from the leader
 */
/**
 * @typedef {object} StoreEvents
 * @property {Notification} notification a notification that arrived live (not those listed on load)
 * @property {{ code: number | null }} expired the server refused the token: set a new one with setToken()
 * @property {{ state: ConnectionState, code: number | null }} connection
 */
/**
 * @typedef {object} StoreOptions
 * @property {string} endpoint the GraphQL URL; the websocket's is derived from it (http -> ws, https -> wss)
 * @property {string | null} [token] the user's JWT
 * @property {number} [pageSize] notifications per page (at most 100)
 * @property {number} [maxItems] notifications kept in memory; older ones are dropped and can be loaded again
 * @property {unknown} [webSocketImpl] a WebSocket class where there is no global one (Node before 22: `ws`)
 * @property {typeof fetch} [fetch]
 * @property {(retries: number) => Promise<void>} [retryWait] how long to wait before the next attempt
 * @property {boolean} [shareConnection] one socket for the tabs of the same endpoint and token, where the browser
 *   has Web Locks and BroadcastChannel (true by default); false: a socket per tab
 * @property {import("./tabs.js").TabPlatform} [tabs] the locks and channel to share it with (the browser's by default)
 */

export const CLOSE_TOKEN_REFUSED = 4403;
/** @type {Array<keyof Notification>} what this client changes about a notification */
const STATES = ["isRead", "readAt", "isSeen", "seenAt", "isArchived", "snoozedUntil"];
const MAX_BACKOFF_MS = 30_000;

/** The snooze menu's choices, as message keys and when each ends: in an hour, tomorrow at 9 in local time. */
export const snoozeChoices = (now = new Date()) => /** @type {const} */ ([
  ["snoozeHour", new Date(now.getTime() + 3_600_000)],
  ["snoozeTomorrow", new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9)],
]);

/** 1 s, 2 s, 4 s … 30 s, each cut by up to half at random, so that the clients of a restarted server spread out. */
export const backoff = (/** @type {number} */ retries) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, MAX_BACKOFF_MS) * (1 - Math.random() / 2)));

export class RequestError extends Error {
  /** @param {string} message @param {string} code */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** Ids are decimal strings that grow with each send to an inbox, so the largest one's cursor is a complete bookmark. */
export function compareIds(/** @type {string} */ a, /** @type {string} */ b) {
  const x = BigInt(a), y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** @template T @param {T} object @param {Array<keyof T>} keys */
const pick = (object, keys) => Object.fromEntries(keys.map((key) => [key, object[key]]));

/** "tenant/user" from the token's claims, to tell a refreshed token from another user's. Not verified (the server
 *  does that); a token that cannot be read counts as another user, and everything shown is cleared. */
function identity(/** @type {string} */ token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), "=")));
    return `${claims.tenant}/${claims.sub}`;
  } catch {
    return Symbol("unreadable token");
  }
}

/** @type {InboxState} */
const EMPTY = Object.freeze({
  items: Object.freeze([]), unreadCount: 0, unseenCount: 0, filter: Object.freeze({ unread: false, type: null, archived: false, grouped: false }),
  connection: "idle", closeCode: null, loaded: false, hasMore: false,
  loadingMore: false, preferences: null, error: null, groups: Object.freeze({}), tab: "alone",
});

export class NotificationStore {
  /** @type {InboxState} */
  #state = EMPTY;
  /** @type {Set<() => void>} */
  #listeners = new Set();
  /** @type {Map<keyof StoreEvents, Set<(detail: any) => void>>} */
  #handlers = new Map();
  /** @type {Map<string, Notification>} */
  #items = new Map();
  /** @type {{ id: string, cursor: string } | null} the newest notification ever seen: `after` on every resubscribe */
  #newest = null;
  /** @type {string | null} where loadMore() continues */
  #endCursor = null;
  /** @type {string | null} */
  #token = null;
  /** @type {string | symbol | null} */
  #user = null;
  #session = 0; // bumped on every (re)connect and stop: callbacks of an older socket or request see it and bail out
  #attempt = 0; // consecutive failed first loads, for the backoff
  #marks = 0; // read-state changes made here: a page fetched across one is stale about read states
  /** @type {import("graphql-ws").Client | null} */
  #client = null;
  /** @type {Array<() => void>} */
  #subscriptions = [];
  /** @type {import("./tabs.js").TabLink | null} the tabs this one shares a socket with */
  #link = null;
  /** @type {Map<string, Notification>} the members of expanded groups, by id */
  #members = new Map();
  /** @type {Set<string>} the expanded groups' keys */
  #expanded = new Set();
  #options;

  /** @param {StoreOptions} options */
  constructor(options) {
    const given = /** @type {StoreOptions} */ (Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)));
    this.#options = {
      pageSize: 20, maxItems: 500, fetch: globalThis.fetch?.bind(globalThis), retryWait: backoff, shareConnection: true,
      tabs: platformTabs(), ...given,
    };
    if (options.token) this.setToken(options.token);
  }

  // --- reading ---------------------------------------------------------------------------------------------

  /** The current state; the same object until something changes. */
  getSnapshot = () => this.#state;

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe = (/** @type {() => void} */ listener) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  /**
   * @template {keyof StoreEvents} K
   * @param {K} type @param {(detail: StoreEvents[K]) => void} handler @returns {() => void} stops it
   */
  on(type, handler) {
    const handlers = this.#handlers.get(type) ?? new Set();
    this.#handlers.set(type, handlers.add(handler));
    return () => void handlers.delete(handler);
  }

  get token() {
    return this.#token;
  }

  get endpoint() {
    const base = typeof location === "undefined" ? undefined : location.href;
    return new URL(this.#options.endpoint, base).href;
  }

  // --- connection ------------------------------------------------------------------------------------------

  /** Sets the user's token and connects. The same user's refreshed token resumes where it was; another user's
   *  clears everything; null disconnects. The token just refused, again, changes nothing (it would loop). */
  setToken(/** @type {string | null} */ token) {
    if (token === this.#token && this.#state.connection === "expired") return;
    const user = token ? identity(token) : null;
    if (user !== this.#user) this.#forget();
    this.#token = token || null;
    this.#user = user;
    this.#attempt = 0;
    void this.#connect(); // not reconnectNow(): a follower's new token is another group of tabs
  }

  /** Another server means other ids and cursors: start over. */
  setEndpoint(/** @type {string} */ endpoint) {
    if (endpoint === this.#options.endpoint) return;
    this.#options.endpoint = endpoint;
    this.#forget();
    if (this.#token) this.reconnectNow();
  }

  /** Whether this tab shares its socket with the others of the same endpoint and token (where the browser can). */
  setShareConnection(/** @type {boolean} */ share) {
    if (share === this.#options.shareConnection) return;
    this.#options.shareConnection = share;
    if (!this.#token) return;
    this.#leaveTabs();
    this.reconnectNow();
  }

  /** Drops the connection and connects again at once (after the network changed, say). */
  reconnectNow() {
    this.#attempt = 0;
    if (this.#link && !this.#link.leader && this.#state.loaded) return this.#link.post({ type: "reconnect" });
    void this.#connect();
  }

  /** Closes the connection until reconnectNow() or a new token. */
  disconnect() {
    this.#stop();
    this.#leaveTabs();
    this.#setConnection(this.#token ? "offline" : "idle", null);
  }

  /** Closes everything for good. */
  dispose() {
    this.disconnect();
    this.#listeners.clear();
    this.#handlers.clear();
  }

  async #connect() {
    this.#stop();
    const session = this.#session;
    // Before the first page, so that what the leader relays meanwhile is not missed; with no token, out of the
    // tabs: their socket is not held by a tab signed out, nor are their notifications relayed to it.
    this.#joinTabs();
    if (!this.#token) return this.#setConnection("idle", null);
    const listed = this.#state.loaded;
    this.#setConnection(listed || this.#attempt > 0 ? "reconnecting" : "connecting", null);
    if (!listed) {
      try {
        await this.#loadFirstPage(session);
      } catch (error) {
        if (session !== this.#session) return;
        if (/** @type {RequestError} */ (error).code === "UNAUTHENTICATED") return this.#expire(null);
        const { message, code } = /** @type {RequestError} */ (error);
        this.#update({ error: { message: message || "Something went wrong.", code: code ?? "ERROR" } });
        this.#retryAfterBackoff();
        return;
      }
      if (session !== this.#session) return;
    }
    if (this.#link && !this.#link.leader) {
      this.#link.post({ type: "hello" }); // the leader answers with its state
      // Back among the tabs (after an expiry, a disconnect): what their leader relayed meanwhile is listed again.
      if (listed) await this.refresh();
      return;
    }
    this.#openSocket(session);
  }

  // --- tabs ------------------------------------------------------------------------------------------------

  /** Shares the socket with the other tabs of this endpoint and token, where it can and may; a new token or
   *  endpoint means another group of tabs. */
  #joinTabs() {
    const key = this.#options.shareConnection && this.#token ? tabKey(this.endpoint, this.#token) : null;
    if (this.#link && this.#link.key === key) return;
    this.#leaveTabs();
    if (!key) return;
    const link = joinTabs(key, /** @type {import("./tabs.js").TabPlatform} */ (this.#options.tabs), {
      onMessage: (message) => this.#link === link && this.#onTabMessage(message),
      onLeader: () => this.#link === link && this.#lead(),
    });
    this.#link = link;
    this.#update({ tab: link ? "follower" : "alone" });
  }

  #leaveTabs() {
    this.#link?.leave();
    this.#link = null;
    if (this.#state.tab !== "alone") this.#update({ tab: "alone" });
  }

  /** This tab's turn: its socket resumes after the newest notification it holds, relayed or listed. */
  #lead() {
    this.#update({ tab: "leader" });
    if (!this.#state.loaded || this.#client || !this.#token || this.#state.connection === "expired") return;
    this.#attempt = 0;
    this.#setConnection("reconnecting", null);
    this.#openSocket(this.#session);
  }

  /** What another tab says: the leader's relays, or a follower's hello and requests. */
  #onTabMessage(/** @type {import("./tabs.js").TabMessage} */ message) {
    const link = /** @type {import("./tabs.js").TabLink} */ (this.#link);
    if (link.leader) {
      if (message.type === "hello") {
        link.post({ type: "connection", state: this.#state.connection, code: this.#state.closeCode });
        if (this.#state.connection !== "live") return; // its counts are not known yet: the subscriptions will say
        link.post({ type: "unread", count: this.#state.unreadCount });
        link.post({ type: "unseen", count: this.#state.unseenCount });
      } else if (message.type === "reconnect" && this.#state.connection !== "live") this.reconnectNow();
      return;
    }
    if (message.type === "notification") this.#add(message.notification, true);
    else if (message.type === "unread") this.#update({ unreadCount: message.count });
    else if (message.type === "unseen") this.#update({ unseenCount: message.count });
    else if (message.type === "connection" && this.#state.loaded) {
      if (message.state === "expired") this.#expire(message.code);
      else this.#setConnection(message.state, message.code);
    }
  }

  /** Connects again after the backoff, unless something else (a new token, a stop) happened meanwhile. */
  #retryAfterBackoff() {
    const session = this.#session;
    void this.#options.retryWait(this.#attempt++).then(() => {
      if (session === this.#session) void this.#connect();
    });
  }

  #openSocket(/** @type {number} */ session) {
    const url = new URL(this.endpoint);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const current = () => session === this.#session;
    const client = createClient({
      url: url.href,
      webSocketImpl: this.#options.webSocketImpl,
      connectionParams: () => ({ Authorization: `Bearer ${this.#token}` }),
      lazy: false, // one connection, which graphql-ws reopens after every close it retries
      retryAttempts: Infinity,
      shouldRetry: (closeOrError) => /** @type {CloseEvent} */ (closeOrError)?.code !== CLOSE_TOKEN_REFUSED,
      retryWait: (retries) => this.#options.retryWait(retries),
      onNonLazyError: (error) => {
        if (!current()) return;
        const code = /** @type {CloseEvent} */ (error)?.code;
        if (code === CLOSE_TOKEN_REFUSED) this.#expire(code);
        else this.#restart(typeof code === "number" ? code : null); // 4400, 4406 …: graphql-ws gave up; we do not
      },
      on: {
        connected: () => {
          if (!current()) return;
          this.#attempt = 0;
          this.#setConnection("live", null);
          this.#resubscribe(client, session);
        },
        closed: (event) => {
          if (!current()) return;
          const code = /** @type {CloseEvent} */ (event)?.code ?? null;
          if (code !== CLOSE_TOKEN_REFUSED) this.#setConnection("reconnecting", code);
        },
      },
    });
    this.#client = client;
  }

  /** New subscriptions on each connection, from the newest cursor: graphql-ws would resend its own with their
   *  first variables, and `after` would then be out of date (a repeat of everything since, or a gap). */
  #resubscribe(/** @type {import("graphql-ws").Client} */ client, /** @type {number} */ session) {
    this.#unsubscribe();
    const current = () => session === this.#session;
    const after = this.#newest?.cursor ?? null;
    // Subscribed without a cursor (the inbox was empty when listed), the server starts from its newest id at that
    // moment: listing again once it answers closes the gap between the list and then (repeats are dropped by id).
    let recheck = after === null;
    /** @param {unknown} error */
    const failed = (error) => current() && this.#restart(/** @type {CloseEvent} */ (error)?.code ?? null);
    this.#subscriptions = [
      client.subscribe(
        { query: operations.NotificationAdded, variables: { after } },
        {
          next: ({ data, errors }) => {
            if (!current()) return;
            if (errors?.length || !data) return failed(null); // the server ends a subscription after an error
            const { notificationAdded } = /** @type {import("./operations.generated.js").NotificationAddedResult} */ (data);
            this.#add(notificationAdded, true);
            this.#link?.post({ type: "notification", notification: notificationAdded });
          },
          error: failed,
          complete: () => {},
        },
      ),
      client.subscribe(
        { query: operations.UnreadCountChanged },
        {
          next: ({ data, errors }) => {
            if (!current()) return;
            if (errors?.length || !data) return failed(null);
            const count = /** @type {import("./operations.generated.js").UnreadCountChangedResult} */ (data).unreadCountChanged;
            this.#update({ unreadCount: count });
            this.#link?.post({ type: "unread", count });
            if (recheck) {
              recheck = false;
              this.#loadFirstPage(session, true).catch(() => {});
            }
          },
          error: failed,
          complete: () => {},
        },
      ),
      client.subscribe(
        { query: operations.UnseenCountChanged },
        {
          next: ({ data, errors }) => {
            if (!current()) return;
            if (errors?.length || !data) return failed(null);
            const count = /** @type {import("./operations.generated.js").UnseenCountChangedResult} */ (data).countsChanged[0];
            this.#update({ unseenCount: count });
            this.#link?.post({ type: "unseen", count });
          },
          error: failed,
          complete: () => {},
        },
      ),
    ];
  }

  #unsubscribe() {
    for (const stop of this.#subscriptions.splice(0)) stop();
  }

  /** A stream that ended or failed (e.g. SERVICE_UNAVAILABLE while the database is down): start over, backing off. */
  #restart(/** @type {number | null} */ code) {
    this.#stop();
    this.#setConnection("reconnecting", code);
    this.#retryAfterBackoff();
  }

  /** Closes the socket and cancels pending work; callbacks of the old session see the new number and do nothing. */
  #stop() {
    this.#session += 1;
    this.#unsubscribe();
    // dispose() waits for a connection under way, and rejects when that one fails: nothing to do about it.
    Promise.resolve(this.#client?.dispose()).catch(() => {});
    this.#client = null;
  }

  #expire(/** @type {number | null} */ code) {
    this.#stop();
    this.#setConnection("expired", code); // a leader says so to the others, who hold the same token
    this.#leaveTabs();
    this.#emit("expired", { code });
  }

  /** Everything shown belongs to the previous user or server. */
  #forget() {
    this.#items.clear();
    this.#members.clear();
    this.#expanded.clear();
    this.#newest = null;
    this.#endCursor = null;
    const { filter, connection, closeCode, tab } = this.#state;
    this.#state = { ...EMPTY, filter, connection, closeCode, tab };
    this.#notify();
  }

  // --- requests --------------------------------------------------------------------------------------------

  /**
   * @template R, V
   * @param {import("./operations.generated.js").TypedDocument<R, V>} query
   * @param {V} variables
   * @returns {Promise<R>}
   */
  async request(query, variables, { keepalive = false } = {}) {
    const response = await this.#options.fetch(this.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.#token}` },
      body: JSON.stringify({ query, variables }),
      keepalive, // a mark-read must survive the navigation to the notification's action URL
    });
    /** @type {{ data?: R, errors?: Array<{ message: string, extensions?: { code?: string } }> }} */
    let body;
    try {
      body = await response.json();
    } catch {
      throw new RequestError(`The server answered HTTP ${response.status}.`, "HTTP_ERROR");
    }
    const error = body.errors?.[0];
    if (error) throw new RequestError(error.message, error.extensions?.code ?? "ERROR");
    if (!response.ok || !body.data) throw new RequestError(`The server answered HTTP ${response.status}.`, "HTTP_ERROR");
    return body.data;
  }

  /** The variables of a page: the filter tab as the API's NotificationFilter. */
  #page(/** @type {string | null} */ after) {
    const { unread, type, archived, grouped } = this.#state.filter;
    const filter = { status: unread ? /** @type {const} */ ("UNREAD") : /** @type {const} */ ("ALL"), types: type ? [type] : null, archived };
    return { first: /** @type {number} */ (this.#options.pageSize), after, filter, grouped };
  }

  /** `afterEmpty`: listed again after a subscribe without a cursor, so whatever it lists first is new. */
  async #loadFirstPage(session = this.#session, afterEmpty = false) {
    const marks = this.#marks;
    const filter = this.#state.filter;
    const asked = this.#newest?.id; // those that arrive while the page is asked for may not be on it
    const data = await this.request(operations.InboxPage, this.#page(null));
    if (session !== this.#session || filter !== this.#state.filter) return;
    // A change of state made here while this was in flight makes its states and counts stale: keep ours.
    const stale = marks !== this.#marks;
    const edges = data.notifications.edges;
    if (!stale && asked !== undefined) {
      // Shown here, within what the page covers, yet not on it: deleted, archived or snoozed in another tab.
      const listed = new Set(edges.map(({ node }) => node.id));
      const floor = data.notifications.pageInfo.hasNextPage ? edges.at(-1)?.node.id : undefined;
      for (const { id } of this.#state.items) {
        if (listed.has(id) || compareIds(id, asked) > 0 || (floor !== undefined && compareIds(id, floor) <= 0)) continue;
        this.#items.delete(id);
      }
    }
    // Beyond it, a refresh lists new arrivals.
    const newest = this.#state.loaded ? this.#newest?.id ?? (afterEmpty ? "0" : undefined) : undefined;
    // Oldest first, as a subscription delivers them: arrivals are announced in the order they were sent.
    for (const { node } of [...edges].reverse()) {
      const known = this.#items.get(node.id);
      const arrived = newest !== undefined && compareIds(node.id, newest) > 0;
      this.#add(stale && known ? { ...node, ...pick(known, STATES) } : node, false, arrived);
    }
    /** @type {Partial<InboxState>} */
    const patch = { loaded: true };
    // Where the list continues: this page's end, unless older notifications than its last are already held.
    const oldestHeld = this.#state.items.at(-1);
    const pageEnd = edges.at(-1)?.node;
    if (!this.#state.loaded || !oldestHeld || (pageEnd && compareIds(pageEnd.id, oldestHeld.id) <= 0)) {
      this.#endCursor = data.notifications.pageInfo.endCursor;
      patch.hasMore = data.notifications.pageInfo.hasNextPage;
    }
    if (!stale) Object.assign(patch, { unreadCount: data.unreadCount, unseenCount: data.counts[0] });
    this.#update(patch);
  }

  /** Adds or refreshes one notification; a live one seen for the first time is announced. `announce`: one that a
   *  refreshed page lists before its subscription delivers it has arrived too. */
  #add(/** @type {Notification} */ notification, /** @type {boolean} */ live, announce = live) {
    const known = this.#items.get(notification.id);
    // A new one is neither archived nor asleep: such a one is a catch-up after the newest listed, which the list
    // left out. Held (it moves the cursor on), not news, and not its group's entry.
    const hidden = notification.isArchived || (!!notification.snoozedUntil && Date.parse(notification.snoozedUntil) > Date.now());
    if (hidden) announce = false;
    if (live && !known && !hidden && this.#state.filter.grouped && notification.groupKey) {
      // The newest of a group stands for it: the entry it replaces hands on its count.
      const entry = [...this.#items.values()].find((n) => n.groupKey === notification.groupKey && !n.isArchived);
      if (entry) this.#items.delete(entry.id);
      notification = { ...notification, groupCount: (entry?.groupCount ?? 1) + (entry ? 1 : 0) };
    }
    this.#items.set(notification.id, known ? { ...known, ...notification } : notification);
    if (live && notification.groupKey && this.#expanded.has(notification.groupKey)) {
      this.#members.set(notification.id, { ...notification, groupCount: null });
    }
    if (!this.#newest || compareIds(notification.id, this.#newest.id) > 0) {
      this.#newest = { id: notification.id, cursor: notification.cursor };
    }
    this.#update({});
    if (announce && !known) this.#emit("notification", notification);
  }

  /** Changes some notifications at once, so the view reacts to the click; `run` asks the server and returns the
   *  notifications as they are now and the new count. Undone if the server refuses. A new per-item action (seen,
   *  archive, snooze) is an operation in operations.graphql and a call of this. Resolves to whether it held. */
  async #change(
    /** @type {string[]} */ ids,
    /** @type {Partial<Notification>} */ patch,
    /** @type {() => Promise<{ unreadCount: number, notifications?: Array<Partial<Notification> & { id: string }> }>} */ run,
    { always = false } = {}, // asks the server even with none of `ids` held (a change by filter)
  ) {
    const before = ids.flatMap((id) => this.#held(id) ? [/** @type {const} */ ([id, this.#items.get(id), this.#members.get(id)])] : []);
    if (!before.length && !always) return true;
    this.#marks += 1;
    for (const [id] of before) this.#patch(id, patch);
    this.#update({ error: null });
    try {
      const result = await run();
      for (const changed of result.notifications ?? []) this.#patch(changed.id, changed);
      this.#update({ unreadCount: result.unreadCount });
      return true;
    } catch (error) {
      for (const [id, item, member] of before) {
        if (item) this.#items.set(id, item);
        if (member) this.#members.set(id, member);
      }
      this.#failed(error);
      return false;
    }
  }

  /** A notification listed or in an expanded group. */
  #held(/** @type {string} */ id) {
    return this.#items.get(id) ?? this.#members.get(id);
  }

  /** Changes a notification wherever it is held: the list, an expanded group, or both (a group's newest). */
  #patch(/** @type {string} */ id, /** @type {Partial<Notification>} */ patch) {
    for (const held of [this.#items, this.#members]) {
      const item = held.get(id);
      if (item) held.set(id, { ...item, ...patch });
    }
  }

  #failed(/** @type {unknown} */ error) {
    const { message, code } = /** @type {RequestError} */ (error);
    this.#update({ error: { message: message || "Something went wrong.", code: code ?? "ERROR" } });
    if (code === "UNAUTHENTICATED") this.#expire(null);
  }

  // --- actions ---------------------------------------------------------------------------------------------

  async markRead(/** @type {string[]} */ ids) {
    const unread = ids.filter((id) => this.#held(id)?.isRead === false);
    const now = new Date().toISOString();
    await this.#change(unread, { isRead: true, readAt: now, isSeen: true }, async () =>
      (await this.request(operations.MarkRead, { ids: unread }, { keepalive: true })).markNotificationsRead);
  }

  async markUnread(/** @type {string[]} */ ids) {
    const read = ids.filter((id) => this.#held(id)?.isRead === true);
    await this.#change(read, { isRead: false, readAt: null }, async () =>
      (await this.request(operations.MarkUnread, { ids: read })).markNotificationsUnread);
  }

  /** What a bell does with what it shows when opened: the badge (unseenCount) falls, the unread count stays. */
  async markSeen(/** @type {string[]} */ ids) {
    const unseen = ids.filter((id) => this.#held(id)?.isSeen === false);
    if (!unseen.length) return;
    const count = this.#state.unseenCount;
    this.#update({ unseenCount: Math.max(0, count - unseen.length) });
    const held = await this.#change(unseen, { isSeen: true, seenAt: new Date().toISOString() }, async () =>
      (await this.request(operations.MarkSeen, { ids: unseen })).markNotificationsSeen);
    if (!held) this.#update({ unseenCount: count });
  }

  /** What a bell does when it opens or changes tab: what it shows is seen, and a grouped entry stands for its
   *  whole group (the server's countsChanged then brings the badge down for those not loaded). */
  async markShownSeen() {
    const { items } = this.#state;
    const { filter } = this.#page(null);
    const groups = new Set(items.flatMap((n) => (n.groupKey && (n.groupCount ?? 0) > 1 ? [n.groupKey] : [])));
    await Promise.all([
      this.markSeen(items.map((n) => n.id)),
      ...[...groups].map((groupKey) => this.request(operations.MarkSeenByFilter, { filter: { ...filter, groupKey, seen: false } })
        .catch((error) => this.#failed(error))),
    ]);
  }

  /** Out of the list and the counts; listed again with the `archived` filter. */
  async archive(/** @type {string[]} */ ids) {
    const chosen = ids.filter((id) => this.#held(id)?.isArchived === false);
    await this.#change(chosen, { isArchived: true }, async () =>
      (await this.request(operations.Archive, { ids: chosen })).archiveNotifications);
  }

  async unarchive(/** @type {string[]} */ ids) {
    const chosen = ids.filter((id) => this.#held(id)?.isArchived === true);
    await this.#change(chosen, { isArchived: false }, async () =>
      (await this.request(operations.Unarchive, { ids: chosen })).unarchiveNotifications);
  }

  /** Hidden until `until`; the server then sends them again, unread, and the live stream brings them back. */
  async snooze(/** @type {string[]} */ ids, /** @type {Date | string} */ until) {
    const chosen = ids.filter((id) => this.#held(id));
    const iso = new Date(until).toISOString();
    await this.#change(chosen, { snoozedUntil: iso }, async () =>
      (await this.request(operations.Snooze, { ids: chosen, until: iso })).snoozeNotifications);
  }

  /** Removes them for good, read or not. */
  async delete(/** @type {string[]} */ ids) {
    const before = ids.flatMap((id) => this.#held(id) ? [/** @type {const} */ ([id, this.#items.get(id), this.#members.get(id)])] : []);
    if (!before.length) return;
    this.#marks += 1;
    for (const [id] of before) {
      this.#items.delete(id);
      this.#members.delete(id);
    }
    this.#update({ error: null });
    try {
      const data = await this.request(operations.Delete, { ids: before.map(([id]) => id) });
      this.#update({ unreadCount: data.deleteNotifications.unreadCount });
    } catch (error) {
      for (const [id, item, member] of before) {
        if (item) this.#items.set(id, item);
        if (member) this.#members.set(id, member);
      }
      this.#failed(error);
    }
  }

  /** Marks read everything the filter (the tab) selects, loaded here or not, with the API's filter form. */
  async markFilteredRead() {
    const { filter } = this.#page(null);
    const shown = this.#state.items.filter((n) => !n.isRead).map((n) => n.id);
    const held = await this.#change(shown, { isRead: true, readAt: new Date().toISOString(), isSeen: true }, async () =>
      (await this.request(operations.MarkReadByFilter, { filter })).markNotificationsRead, { always: true });
    if (held && filter.status === "UNREAD") this.#update({ hasMore: false }); // the tab holds none now
  }

  /** Archives everything the filter (the tab) selects, loaded here or not; not in the archived tab. */
  async archiveFiltered() {
    const { filter } = this.#page(null);
    if (filter.archived) return;
    const shown = this.#state.items.map((n) => n.id);
    const held = await this.#change(shown, { isArchived: true }, async () =>
      (await this.request(operations.ArchiveByFilter, { filter })).archiveNotifications, { always: true });
    if (held) this.#update({ hasMore: false });
  }

  /** Lists the members of a group (a grouped entry's `groupKey`), as the filter selects them, in `groups`. */
  async expandGroup(/** @type {string} */ groupKey) {
    if (this.#expanded.has(groupKey)) return;
    this.#expanded.add(groupKey);
    this.#update({});
    const filter = this.#state.filter;
    try {
      const data = await this.request(operations.InboxPage, {
        first: 100, after: null, filter: { ...this.#page(null).filter, groupKey }, grouped: false,
      });
      if (!this.#expanded.has(groupKey) || filter !== this.#state.filter) return;
      for (const { node } of data.notifications.edges) this.#members.set(node.id, node);
      this.#update({});
    } catch (error) {
      this.collapseGroup(groupKey);
      this.#failed(error);
    }
  }

  collapseGroup(/** @type {string} */ groupKey) {
    if (!this.#expanded.delete(groupKey)) return;
    for (const [id, member] of this.#members) if (member.groupKey === groupKey) this.#members.delete(id);
    this.#update({});
  }

  /** Changes the filter tab (what is given; the rest stays) and lists again from the newest. */
  async setFilter(/** @type {Partial<InboxFilter>} */ change) {
    const filter = Object.freeze({ ...this.#state.filter, ...change });
    const before = /** @type {Record<string, unknown>} */ (this.#state.filter);
    if (Object.entries(filter).every(([key, value]) => before[key] === value)) return;
    this.#items.clear();
    this.#members.clear();
    this.#expanded.clear();
    this.#endCursor = null;
    this.#update({ filter, hasMore: false, error: null });
    await this.refresh();
  }

  async markAllRead() {
    const now = new Date().toISOString();
    this.#marks += 1;
    for (const held of [this.#items, this.#members]) {
      for (const item of held.values()) if (!item.isRead) held.set(item.id, { ...item, isRead: true, readAt: now, isSeen: true });
    }
    this.#update({ error: null });
    try {
      const data = await this.request(operations.MarkAllRead, {});
      this.#update({ unreadCount: data.markAllNotificationsRead.unreadCount });
    } catch (error) {
      this.#failed(error);
      await this.refresh(); // what is read now is unknown: ask
    }
  }

  /** Removes every read notification, here and on the server, for good. */
  async deleteRead() {
    try {
      const data = await this.request(operations.DeleteRead, {});
      for (const held of [this.#items, this.#members]) for (const item of [...held.values()]) if (item.isRead) held.delete(item.id);
      this.#update({ error: null });
      if (this.#items.size < this.#options.pageSize && this.#state.hasMore) await this.loadMore();
      return data.deleteReadNotifications.deletedCount;
    } catch (error) {
      this.#failed(error);
      return 0;
    }
  }

  /** The next page of older notifications, if any. */
  async loadMore() {
    if (!this.#state.hasMore || this.#state.loadingMore || !this.#token) return;
    const session = this.#session;
    this.#update({ loadingMore: true });
    try {
      const filter = this.#state.filter;
      const data = await this.request(operations.InboxPage, this.#page(this.#endCursor));
      // Another tab or connection since: this page is not theirs, but the next load more may go ahead.
      if (session !== this.#session || filter !== this.#state.filter) return this.#update({ loadingMore: false });
      for (const { node } of data.notifications.edges) if (!this.#items.has(node.id)) this.#add(node, false);
      this.#endCursor = data.notifications.pageInfo.endCursor ?? this.#endCursor;
      this.#update({ hasMore: data.notifications.pageInfo.hasNextPage, loadingMore: false });
    } catch (error) {
      this.#update({ loadingMore: false });
      this.#failed(error);
    }
  }

  /** Reads the first page again: read states change in other tabs, and the live stream only carries new
   *  notifications and counts. */
  async refresh() {
    if (!this.#token || !this.#state.loaded) return;
    try {
      await this.#loadFirstPage();
    } catch (error) {
      this.#failed(error);
    }
  }

  async loadPreferences() {
    try {
      this.#update({ preferences: (await this.request(operations.Preferences, {})).notificationPreferences });
    } catch (error) {
      this.#failed(error);
    }
  }

  /** Changes what is given, keeps the rest; the store then holds the preferences as the server has them. */
  async updatePreferences(/** @type {PreferencesChange} */ input) {
    try {
      const data = await this.request(operations.UpdatePreferences, { input });
      this.#update({ preferences: data.updateNotificationPreferences, error: null });
    } catch (error) {
      this.#failed(error);
    }
  }

  clearError() {
    if (this.#state.error) this.#update({ error: null });
  }

  // --- state -----------------------------------------------------------------------------------------------

  #setConnection(/** @type {ConnectionState} */ connection, /** @type {number | null} */ code) {
    if (connection === this.#state.connection) return;
    this.#update({ connection, closeCode: code });
    if (this.#link?.leader) this.#link.post({ type: "connection", state: connection, code });
    this.#emit("connection", { state: connection, code });
  }

  /** A new snapshot with `patch` and the items the filter shows as they are now (newest first, at most maxItems). */
  #update(/** @type {Partial<InboxState>} */ patch) {
    const { unread, type, archived } = patch.filter ?? this.#state.filter;
    const now = Date.now();
    const items = [...this.#items.values()].sort((a, b) => compareIds(b.id, a.id));
    const kept = items.slice(0, this.#options.maxItems);
    if (kept.length < items.length) {
      for (const dropped of items.slice(kept.length)) this.#items.delete(dropped.id);
      this.#endCursor = kept[kept.length - 1].cursor;
      patch = { ...patch, hasMore: true };
    }
    // Held but not shown: live ones outside the tab, and those just archived or snoozed here.
    const shows = (/** @type {Notification} */ n) => !!n.isArchived === archived && !(unread && n.isRead)
      && (!type || n.type === type) && !(n.snoozedUntil && Date.parse(n.snoozedUntil) > now);
    const members = [...this.#members.values()].filter(shows).sort((a, b) => compareIds(b.id, a.id));
    const groups = Object.fromEntries([...this.#expanded].map((key) => [key, Object.freeze(members.filter((n) => n.groupKey === key))]));
    this.#state = Object.freeze({ ...this.#state, ...patch, items: Object.freeze(kept.filter(shows)), groups: Object.freeze(groups) });
    this.#notify();
  }

  #notify() {
    for (const listener of [...this.#listeners]) listener();
  }

  /** @template {keyof StoreEvents} K @param {K} type @param {StoreEvents[K]} detail */
  #emit(type, detail) {
    for (const handler of [...(this.#handlers.get(type) ?? [])]) handler(detail);
  }
}

export const CHANNELS = /** @type {const} */ (["inApp", "email", "sms"]);

/** The change that turns `channel` on or off for one `type`: every override, that one replaced (the API replaces
 *  the whole list). */
export function typeOverride(
  /** @type {Preferences} */ preferences, /** @type {string} */ type, /** @type {typeof CHANNELS[number]} */ channel,
  /** @type {boolean} */ enabled,
) {
  const others = preferences.typeOverrides.filter((o) => o.type !== type);
  const own = preferences.typeOverrides.find((o) => o.type === type) ?? { type, inApp: null, email: null, sms: null };
  return { typeOverrides: [...others, { ...own, [channel]: enabled }] };
}

/** @param {StoreOptions} options */
export function createNotificationStore(options) {
  return new NotificationStore(options);
}
