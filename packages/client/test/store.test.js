import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import WebSocket from "ws";
import { createNotificationStore, localise, safeActionUrl, typeOverride } from "../src/index.js";
import { InboxServer, fakeToken } from "./inbox-server.js";

const fastRetry = () => new Promise((resolve) => setTimeout(resolve, 20));
const until = (check) => vi.waitFor(() => expect(check()).toBeTruthy(), { timeout: 15_000, interval: 5 });

let server;
let stores = [];

function open(options = {}) {
  const store = createNotificationStore({
    endpoint: server.endpoint, webSocketImpl: WebSocket, retryWait: fastRetry, token: fakeToken("alice"), ...options,
  });
  stores.push(store);
  const live = [];
  const states = [];
  store.on("notification", (n) => live.push(n.id));
  store.on("connection", (change) => states.push(change));
  return { store, live, states, state: () => store.getSnapshot() };
}

beforeEach(async () => {
  server = await new InboxServer().start();
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  await server.stop();
});

describe("loading and live updates", () => {
  test("the first page and the count, then live ones on top, each announced once", async () => {
    const before = [server.send("one"), server.send("two")];
    const { store, live, state } = open();
    await until(() => state().connection === "live" && state().unreadCount === 2);
    expect(state().items.map((n) => n.id)).toEqual([...before].reverse());
    expect(live).toEqual([]); // listed, not live

    const added = server.send("three", { priority: "URGENT" });
    await until(() => state().items.length === 3 && state().unreadCount === 3);
    expect(state().items[0]).toMatchObject({ id: added, title: "three", priority: "URGENT", isRead: false });
    expect(live).toEqual([added]);
    const snapshot = store.getSnapshot();
    expect(store.getSnapshot()).toBe(snapshot); // unchanged until something changes
  });

  test("an empty inbox subscribed without a cursor misses nothing sent around the subscribe", async () => {
    const { state } = open();
    const sent = server.send("just after the list");
    await until(() => state().items.some((n) => n.id === sent));
  });
});

describe("reconnecting", () => {
  test("a server restart while sends happen: every notification once, in order, none skipped", async () => {
    server.send("before");
    const { live, state, states } = open();
    await until(() => state().connection === "live");
    const expected = [];
    for (let round = 0; round < 3; round += 1) {
      expected.push(server.send(`live ${round}`));
      const stopping = server.stop();
      expected.push(server.send(`during stop ${round}`));
      await stopping;
      await until(() => state().connection === "reconnecting");
      expected.push(server.send(`while down ${round}`), server.send(`while down ${round} again`));
      await server.start(server.port);
      expected.push(server.send(`at restart ${round}`));
      await until(() => state().connection === "live" && live.length === expected.length);
    }
    expected.push(server.send("after"));
    await until(() => live.length === expected.length);
    await new Promise((resolve) => setTimeout(resolve, 100)); // a repeat would arrive now
    expect(live).toEqual(expected);
    expect(state().items.map((n) => n.id)).toEqual([...expected].reverse().concat(state().items.at(-1).id));
    expect(new Set(state().items.map((n) => n.id)).size).toBe(state().items.length);
    expect(states.filter((s) => s.state === "reconnecting").map((s) => s.code)).toEqual([1001, 1001, 1001]);
    expect(state().unreadCount).toBe(expected.length + 1);
  });

  test("reconnectNow() on a live connection, twice, replays nothing", async () => {
    server.send("listed");
    const { store, live, state } = open();
    await until(() => state().connection === "live");
    const first = server.send("first");
    await until(() => live.length === 1);
    store.reconnectNow();
    store.reconnectNow();
    await until(() => state().connection === "live");
    const second = server.send("second");
    await until(() => live.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(live).toEqual([first, second]);
  });

  test("4403 stops, says so, and does not retry until a new token", async () => {
    const token = fakeToken("alice", "acme", "-old");
    const { store, state } = open({ token });
    const expired = [];
    store.on("expired", (detail) => expired.push(detail));
    await until(() => state().connection === "live");
    server.refused.add(token);
    server.closeSockets(4403, "Forbidden");
    await until(() => state().connection === "expired");
    expect(expired).toEqual([{ code: 4403 }]);
    const connections = server.connections;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.connections).toBe(connections);
    store.setToken(token); // the refused token again: nothing
    expect(state().connection).toBe("expired");

    const missed = server.send("while expired");
    store.setToken(fakeToken("alice")); // the same user's new token resumes
    await until(() => state().connection === "live" && state().items.some((n) => n.id === missed));
  });

  test("another user's token clears what the first one saw", async () => {
    server.send("alice's");
    const { store, state } = open();
    await until(() => state().items.length === 1);
    store.setToken(fakeToken("bob"));
    expect(state().items).toEqual([]);
  });
});

describe("actions", () => {
  test("mark read and unread change the item at once and take the server's count", async () => {
    const [a, b] = [server.send("a"), server.send("b")];
    const { store, state } = open();
    await until(() => state().loaded);
    const marking = store.markRead([a]);
    expect(state().items.find((n) => n.id === a).isRead).toBe(true); // before the server answered
    await marking;
    expect(state().unreadCount).toBe(1);
    expect(server.notifications.find((n) => String(n.id) === a).isRead).toBe(true);
    await store.markUnread([a]);
    expect(state().items.find((n) => n.id === a)).toMatchObject({ isRead: false, readAt: null });
    expect(state().unreadCount).toBe(2);
    await store.markAllRead();
    expect(state().items.every((n) => n.isRead)).toBe(true);
    expect(state().unreadCount).toBe(0);
    expect(b).toBeTruthy();
  });

  test("a refused mark is undone and reported", async () => {
    const a = server.send("a");
    const { store, state } = open();
    await until(() => state().loaded);
    server.failNext = "The database is down.";
    await store.markRead([a]);
    expect(state().items[0].isRead).toBe(false);
    expect(state().error).toEqual({ message: "The database is down.", code: "SERVICE_UNAVAILABLE" });
  });

  test("load more pages through the cursors; delete read removes read ones", async () => {
    const ids = Array.from({ length: 7 }, (_, i) => server.send(`n${i}`));
    const { store, state } = open({ pageSize: 3 });
    await until(() => state().loaded);
    expect(state().items.map((n) => n.id)).toEqual(ids.slice(4).reverse());
    expect(state().hasMore).toBe(true);
    await store.loadMore();
    await store.loadMore();
    expect(state().items.map((n) => n.id)).toEqual([...ids].reverse());
    expect(state().hasMore).toBe(false);

    await store.markRead([ids[6], ids[0]]);
    expect(await store.deleteRead()).toBe(2);
    expect(state().items.map((n) => n.id)).toEqual(ids.slice(1, 6).reverse());
  });

  test("a tab left open keeps at most maxItems, and says there is more", async () => {
    const { store, state } = open({ maxItems: 3, pageSize: 3 });
    await until(() => state().connection === "live");
    const ids = Array.from({ length: 5 }, (_, i) => server.send(`n${i}`));
    await until(() => state().items[0]?.id === ids[4]);
    expect(state().items.map((n) => n.id)).toEqual(ids.slice(2).reverse());
    expect(state().hasMore).toBe(true);
  });

  test("a type's switch replaces that type's override and keeps the others", async () => {
    const { store, state } = open();
    await store.updatePreferences({ typeOverrides: [{ type: "sale", inApp: false }, { type: "system", sms: true }] });
    await store.updatePreferences(typeOverride(state().preferences, "sale", "email", true));
    expect(state().preferences.typeOverrides).toEqual([
      { type: "system", inApp: null, email: null, sms: true }, { type: "sale", inApp: false, email: true, sms: null },
    ]);
    await store.updatePreferences(typeOverride(state().preferences, "inventory", "inApp", false));
    expect(state().preferences.typeOverrides.map((o) => o.type)).toEqual(["system", "sale", "inventory"]);
  });

  test("preferences are read and changed", async () => {
    const { store, state } = open();
    await store.loadPreferences();
    expect(state().preferences.email).toEqual({ enabled: false, minPriority: "HIGH" });
    await store.updatePreferences({ email: { enabled: true }, typeOverrides: [{ type: "sale", inApp: false }] });
    expect(state().error?.message ?? null).toBe(null);
    expect(state().preferences.email).toEqual({ enabled: true, minPriority: "HIGH" });
    expect(state().preferences.typeOverrides).toEqual([{ type: "sale", inApp: false, email: null, sms: null }]);
  });
});

describe("seen, archive, snooze, delete, filter tabs, groups", () => {
  test("markSeen lowers the badge (unseen) and not the unread count; other tabs get it live", async () => {
    const [a, b, c] = [server.send("a"), server.send("b"), server.send("c")];
    const { store, state } = open();
    const other = open();
    await until(() => state().connection === "live" && other.state().connection === "live");
    expect(state().unseenCount).toBe(3);
    const marking = store.markSeen([a, b]);
    expect(state().unseenCount).toBe(1); // before the server answered
    expect(state().items.find((n) => n.id === a).isSeen).toBe(true);
    await marking;
    expect(state().unreadCount).toBe(3);
    expect(server.notifications.filter((n) => n.isSeen).map((n) => String(n.id))).toEqual([a, b]);
    await until(() => other.state().unseenCount === 1);
    await store.markRead([c]);
    expect(state().items.find((n) => n.id === c).isSeen).toBe(true);
    await until(() => state().unseenCount === 0 && state().unreadCount === 2);
  });

  test("a refused markSeen gives the badge back", async () => {
    const a = server.send("a");
    const { store, state } = open();
    await until(() => state().loaded);
    server.failNext = "The database is down.";
    await store.markSeen([a]);
    expect(state().unseenCount).toBe(1);
    expect(state().items[0].isSeen).toBe(false);
    expect(state().error.code).toBe("SERVICE_UNAVAILABLE");
  });

  test("archive leaves the list and the count; the archived tab lists it, unarchive brings it back", async () => {
    const [a, b] = [server.send("a"), server.send("b")];
    const { store, state } = open();
    await until(() => state().loaded);
    const archiving = store.archive([a]);
    expect(state().items.map((n) => n.id)).toEqual([b]); // at once
    await archiving;
    expect(state().unreadCount).toBe(1);
    expect(server.notifications.find((n) => String(n.id) === a).isArchived).toBe(true);

    await store.setFilter({ archived: true });
    expect(state().items.map((n) => n.id)).toEqual([a]);
    await store.unarchive([a]);
    expect(state().items).toEqual([]);
    expect(state().unreadCount).toBe(2);
    await store.setFilter({ archived: false });
    expect(state().items.map((n) => n.id)).toEqual([b, a]);
  });

  test("a refused archive puts the item back", async () => {
    const a = server.send("a");
    const { store, state } = open();
    await until(() => state().loaded);
    server.failNext = "The database is down.";
    await store.archive([a]);
    expect(state().items.map((n) => n.id)).toEqual([a]);
  });

  test("snooze hides it until then; a time in the past is refused with the server's code", async () => {
    const [a, b] = [server.send("a"), server.send("b")];
    const { store, state } = open();
    await until(() => state().loaded);
    const until_ = new Date(Date.now() + 3_600_000);
    await store.snooze([a], until_);
    expect(state().items.map((n) => n.id)).toEqual([b]);
    expect(server.notifications.find((n) => String(n.id) === a).snoozedUntil).toBe(until_.toISOString());
    expect(state().unreadCount).toBe(1);
    await store.refresh();
    expect(state().items.map((n) => n.id)).toEqual([b]);

    await store.snooze([b], new Date(Date.now() - 1000));
    expect(state().error.code).toBe("SNOOZE_IN_PAST");
    expect(state().items.map((n) => n.id)).toEqual([b]);
  });

  test("delete removes any notification for good, read or not", async () => {
    const [a, b] = [server.send("a"), server.send("b")];
    const { store, state } = open();
    await until(() => state().loaded);
    await store.delete([b]);
    expect(state().items.map((n) => n.id)).toEqual([a]);
    expect(server.notifications.map((n) => String(n.id))).toEqual([a]);
    expect(state().unreadCount).toBe(1);
    server.failNext = "The database is down.";
    await store.delete([a]);
    expect(state().items.map((n) => n.id)).toEqual([a]);
  });

  test("filter tabs list again with the filter; live ones outside the tab are held, not shown", async () => {
    const sale = server.send("sale", { type: "sale" });
    const stock = server.send("stock", { type: "inventory" });
    const read = server.send("read sale", { type: "sale", isRead: true });
    const { store, state, live } = open({ pageSize: 1 });
    await until(() => state().connection === "live");
    await store.setFilter({ type: "sale" });
    expect(state().filter).toEqual({ unread: false, type: "sale", archived: false, grouped: false });
    expect(state().items.map((n) => n.id)).toEqual([read]);
    await store.loadMore();
    expect(state().items.map((n) => n.id)).toEqual([read, sale]);
    expect(state().hasMore).toBe(false);

    await store.setFilter({ unread: true });
    expect(state().items.map((n) => n.id)).toEqual([sale]);
    const other = server.send("more stock", { type: "inventory" });
    const next = server.send("next sale", { type: "sale" });
    await until(() => state().items[0]?.id === next);
    expect(state().items.map((n) => n.id)).toEqual([next, sale]);
    expect(live).toEqual([other, next]); // both announced

    await store.setFilter({ unread: false, type: null });
    await store.loadMore();
    await store.loadMore();
    await store.loadMore();
    await store.loadMore();
    expect(state().items.map((n) => n.id)).toEqual([next, other, read, stock, sale]);
  });

  test("grouped: one entry per group with its count; a live one of the group takes its place", async () => {
    server.send("order 1 paid", { groupKey: "order:1" });
    const lone = server.send("lone");
    const last = server.send("order 1 shipped", { groupKey: "order:1" });
    const { store, state } = open();
    await until(() => state().connection === "live");
    await store.setFilter({ grouped: true });
    expect(state().items.map((n) => [n.id, n.groupCount])).toEqual([[last, 2], [lone, null]]);
    const newest = server.send("order 1 delivered", { groupKey: "order:1" });
    await until(() => state().items[0]?.id === newest);
    expect(state().items.map((n) => [n.id, n.groupCount])).toEqual([[newest, 3], [lone, null]]);
  });
});

describe("labels and links", () => {
  test("messages, counts and dates follow the locale", () => {
    const fr = localise("fr-FR");
    expect(fr.t("notificationsUnread", { count: 1234 })).toBe("Notifications, 1\u202f234 non lues");
    expect(localise("en").t("notificationsUnread", { count: 1234 })).toBe("Notifications, 1,234 unread");
    expect(localise("de").t("markAllRead")).toBe("Mark all read"); // no catalogue: English
    expect(localise("en").count(100)).toBe("99+");
    const now = Date.parse("2030-01-10T12:00:00Z");
    expect(fr.when("2030-01-10T11:55:00Z", now)).toBe("il y a 5 minutes");
    expect(localise("en").when("2030-01-10T11:59:50Z", now)).toBe("just now");
  });

  test("only http(s) URLs and local paths are links", () => {
    const verdicts = ["javascript:alert(1)", "//evil.example", "/\\evil", "https://example.com/x", "/orders/7", null]
      .map(safeActionUrl);
    expect(verdicts).toEqual([null, null, null, "https://example.com/x", "/orders/7", null]);
  });
});
