// A small inbox server for the store's tests: the service's own schema.graphql, in-memory resolvers that keep the
// service's promises (ids grow, `after` replays what is newer then goes on live), real HTTP and real graphql-ws on a
// real socket, and a restart that closes every socket (1001) while the inbox stays.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { EventEmitter, on } from "node:events";
import { createRequire } from "node:module";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";

// graphql-ws, loaded by Node, gets graphql's CommonJS build; Vite would give us its ES build, a second copy whose
// schema graphql-ws refuses. Both sides take the one Node loads.
const { buildSchema, graphql } = createRequire(import.meta.url)("graphql");
const schema = buildSchema(readFileSync(new URL("../../../schema.graphql", import.meta.url), "utf8"));

/** A JWT-shaped token whose claims the store reads (it does not verify them; neither does this server). */
export function fakeToken(user, tenant = "acme", extra = "") {
  const claims = Buffer.from(JSON.stringify({ sub: user, tenant })).toString("base64url");
  return `header.${claims}.signature${extra}`;
}

export class InboxServer {
  notifications = []; // oldest first
  events = new EventEmitter();
  refused = new Set(); // tokens closed with 4403
  connections = 0; // websocket connections accepted, for the tests of retries
  held = null; // a promise live notifications wait for
  preferences = {
    inApp: { enabled: true, minPriority: "LOW" }, email: { enabled: false, minPriority: "HIGH" },
    sms: { enabled: false, minPriority: "URGENT" }, typeOverrides: [], quietHours: null, timeZone: "UTC",
  };
  #nextId = 1;

  constructor() {
    this.events.setMaxListeners(0);
    const unread = () => this.count({ status: "UNREAD" });
    const page = ({ first, after, filter, grouped }) => {
      let newestFirst = [...this.notifications].reverse()
        .filter((n) => (after == null || n.id < Number(after)) && this.matches(n, filter));
      if (grouped) {
        const groups = new Map();
        for (const n of [...this.notifications].reverse().filter((n) => this.matches(n, filter) && n.groupKey)) {
          groups.set(n.groupKey, (groups.get(n.groupKey) ?? 0) + 1);
        }
        const newest = new Set();
        newestFirst = [...this.notifications].reverse().filter((n) => this.matches(n, filter)).flatMap((n) => {
          if (!n.groupKey) return [n];
          if (newest.has(n.groupKey)) return [];
          newest.add(n.groupKey);
          return [{ ...n, groupCount: groups.get(n.groupKey) }];
        }).filter((n) => after == null || n.id < Number(after));
      }
      const nodes = newestFirst.slice(0, first);
      return {
        edges: nodes.map((n) => ({ cursor: n.cursor, node: n })),
        pageInfo: { hasNextPage: newestFirst.length > first, hasPreviousPage: after != null,
          startCursor: nodes[0]?.cursor ?? null, endCursor: nodes.at(-1)?.cursor ?? null },
      };
    };
    const mark = (ids, isRead) => {
      const chosen = this.notifications.filter((n) => ids.includes(String(n.id)));
      const changed = chosen.filter((n) => n.isRead !== isRead);
      for (const n of changed) Object.assign(n, { isRead, readAt: isRead ? new Date().toISOString() : null });
      for (const n of isRead ? changed : []) Object.assign(n, { isSeen: true, seenAt: n.seenAt ?? n.readAt });
      if (changed.length) this.#changed();
      return { updatedCount: changed.length, unreadCount: unread(), notifications: chosen.reverse() };
    };
    // Every other change of state by ids, as the service makes it: `fields` of each chosen one.
    const set = (ids, fields) => {
      const chosen = this.notifications.filter((n) => ids.includes(String(n.id)));
      for (const n of chosen) Object.assign(n, typeof fields === "function" ? fields(n) : fields);
      this.#changed();
      return { updatedCount: chosen.length, unreadCount: unread(), notifications: chosen.reverse() };
    };
    this.root = {
      unreadCount: unread,
      notifications: page,
      notificationPreferences: () => this.preferences,
      counts: ({ filters }) => filters.map((filter) => this.count(filter)),
      markNotificationsRead: ({ ids, filter }) => mark(ids ?? this.selected(filter), true),
      markNotificationsSeen: ({ ids, filter }) => set(ids ?? this.selected(filter), (n) => ({ isSeen: true, seenAt: n.seenAt ?? new Date().toISOString() })),
      archiveNotifications: ({ ids, filter }) => set(ids ?? this.selected(filter), { isArchived: true, archivedAt: new Date().toISOString() }),
      unarchiveNotifications: ({ ids }) => set(ids, { isArchived: false, archivedAt: null }),
      snoozeNotifications: ({ ids, until }) => {
        if (Date.parse(until) <= Date.now()) throw Object.assign(new Error("The snooze ends in the past."), { extensions: { code: "SNOOZE_IN_PAST" } });
        return set(ids, { snoozedUntil: until });
      },
      deleteNotifications: ({ ids }) => {
        const before = this.notifications.length;
        this.notifications = this.notifications.filter((n) => !ids.includes(String(n.id)));
        this.#changed();
        return { updatedCount: before - this.notifications.length, unreadCount: unread(), notifications: [] };
      },
      markNotificationsUnread: ({ ids }) => mark(ids, false),
      markAllNotificationsRead: () => mark(this.notifications.map((n) => String(n.id)), true),
      deleteReadNotifications: () => {
        const before = this.notifications.length;
        this.notifications = this.notifications.filter((n) => !n.isRead);
        return { deletedCount: before - this.notifications.length };
      },
      updateNotificationPreferences: ({ input }) => {
        for (const channel of ["inApp", "email", "sms"]) {
          for (const [key, value] of Object.entries(input[channel] ?? {})) {
            if (value != null) this.preferences[channel][key] = value; // null leaves it as it is
          }
        }
        if (input.typeOverrides) this.preferences.typeOverrides = input.typeOverrides;
        if (input.quietHours) {
          const { enabled, start, end } = input.quietHours;
          this.preferences.quietHours = enabled ? { start, end } : null;
        }
        if (input.timeZone) this.preferences.timeZone = input.timeZone;
        return this.preferences;
      },
    };
    const server = this;
    this.subscriptionRoot = {
      // Live first, then the catch-up from the store, then live beyond what the catch-up delivered: no gap, no repeat.
      async *notificationAdded({ after }) {
        const live = on(server.events, "added");
        let last = after == null ? server.#nextId - 1 : Number(after);
        const missed = server.notifications.filter((n) => n.id > last);
        if (missed.length) await server.catchUpHeld; // a test holds a catch-up back, so a page lists it first
        for (const n of missed) {
          last = n.id;
          yield { notificationAdded: n };
        }
        for await (const [n] of live) {
          await server.held; // a test holds live delivery back, to list a new one before it arrives
          if (n.id <= last) continue;
          last = n.id;
          yield { notificationAdded: n };
        }
      },
      async *countsChanged({ filters }) {
        const changes = on(server.events, "count");
        yield { countsChanged: filters.map((filter) => server.count(filter)) };
        for await (const _ of changes) yield { countsChanged: filters.map((filter) => server.count(filter)) };
      },
      async *unreadCountChanged() {
        const changes = on(server.events, "count");
        yield { unreadCountChanged: unread() };
        for await (const [count] of changes) yield { unreadCountChanged: count };
      },
    };
  }

  /** Stores a notification and announces it to the open subscriptions. */
  send(title, fields = {}) {
    const id = this.#nextId++;
    const n = {
      id, cursor: String(id), type: "system", title, message: `about ${title}`, priority: "NORMAL", isRead: false,
      readAt: null, isSeen: false, seenAt: null, isArchived: false, archivedAt: null, snoozedUntil: null, groupKey: null,
      groupCount: null, actionUrl: null, actionText: null, metadata: {}, createdAt: new Date().toISOString(),
      expiresAt: null, ...fields,
    };
    this.notifications.push(n);
    this.events.emit("added", n);
    this.#changed();
    return String(id);
  }

  /** Whether a NotificationFilter (the schema's defaults filled in, or null) selects `n`; snoozed ones never. */
  matches(n, filter) {
    const f = { status: "ALL", archived: false, ...filter };
    const priorities = ["LOW", "NORMAL", "HIGH", "URGENT"];
    return !(n.snoozedUntil && Date.parse(n.snoozedUntil) > Date.now())
      && (f.status === "ALL" || (f.status === "UNREAD") !== n.isRead)
      && (f.seen == null || n.isSeen === f.seen)
      && (f.archived == null || n.isArchived === f.archived)
      && (f.types == null || f.types.includes(n.type))
      && (f.minPriority == null || priorities.indexOf(n.priority) >= priorities.indexOf(f.minPriority))
      && (f.groupKey == null || n.groupKey === f.groupKey);
  }

  /** The ids a change by filter selects. */
  selected(filter) {
    return this.notifications.filter((n) => this.matches(n, filter)).map((n) => String(n.id));
  }

  count(filter) {
    return this.notifications.filter((n) => this.matches(n, filter)).length;
  }

  /** Pushes every count subscription: the unread count alone, and `countsChanged` recomputes what it was asked. */
  #changed() {
    this.events.emit("count", this.count({ status: "UNREAD" }));
  }

  /** Listens on `port` (0: any); the same port again after stop() for a restart. */
  async start(port = 0) {
    this.http = createServer((request, response) => this.#answer(request, response));
    this.wss = new WebSocketServer({ server: this.http, path: "/graphql" });
    this.graphqlWs = useServer(
      {
        schema,
        roots: { query: this.root, mutation: this.root, subscription: this.subscriptionRoot },
        onConnect: ({ connectionParams }) => {
          if (this.refused.has(String(connectionParams?.Authorization).replace("Bearer ", ""))) return false;
          this.connections += 1;
          return true;
        },
      },
      this.wss,
    );
    await new Promise((resolve) => this.http.listen(port, "127.0.0.1", resolve));
    this.port = this.http.address().port;
    return this;
  }

  get endpoint() {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  /** As a server shutting down: every websocket closed with 1001, nothing listening until start() again. */
  async stop() {
    for (const socket of this.wss.clients) socket.close(1001, "Going away");
    await this.graphqlWs.dispose();
    await new Promise((resolve) => this.wss.close(resolve));
    this.http.closeAllConnections();
    await new Promise((resolve) => this.http.close(resolve));
  }

  /** Closes every open websocket with `code`, as the real server does at a token's expiry (4403). */
  closeSockets(code, reason = "") {
    for (const socket of this.wss.clients) socket.close(code, reason);
  }

  async #answer(request, response) {
    let body = "";
    for await (const chunk of request) body += chunk;
    const token = (request.headers.authorization ?? "").replace("Bearer ", "");
    let result;
    if (this.refused.has(token)) {
      result = { errors: [{ message: "The token was refused.", extensions: { code: "UNAUTHENTICATED" } }] };
    } else if (this.failNext) {
      result = { errors: [{ message: this.failNext, extensions: { code: "SERVICE_UNAVAILABLE" } }] };
      this.failNext = null;
    } else {
      const { query, variables } = JSON.parse(body);
      result = await graphql({ schema, source: query, rootValue: this.root, variableValues: variables });
    }
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify(result));
  }
}
