import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import WebSocket from "ws";
import { catalogues, createNotificationStore, localise, safeActionUrl, typeOverride } from "../src/index.js";
import { InboxServer, fakeToken } from "./inbox-server.js";
import { Locks } from "./locks.js";

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

  test("one a refresh lists before the subscription delivers it is announced, once", async () => {
    server.send("before");
    const { store, live, state } = open();
    await until(() => state().connection === "live" && server.events.listenerCount("added") > 0); // subscribed
    let release;
    server.held = new Promise((resolve) => (release = resolve));
    const sent = server.send("listed first");
    await store.refresh();
    expect(state().items[0].id).toBe(sent);
    expect(live).toEqual([sent]);
    release();
    server.held = null;
    const next = server.send("next");
    await until(() => live.includes(next));
    expect(live).toEqual([sent, next]);
  });

  test("an empty inbox subscribed without a cursor misses nothing sent around the subscribe", async () => {
    const { state } = open();
    const sent = server.send("just after the list");
    await until(() => state().items.some((n) => n.id === sent));
  });

  test("an empty inbox: one sent between the list and the subscribe is announced", async () => {
    let sent = null;
    const fetchThenSend = async (...args) => {
      const response = await fetch(...args);
      if (sent === null && args[1].body.includes("query InboxPage")) sent = server.send("in the gap");
      return response;
    };
    const { live, state } = open({ fetch: fetchThenSend });
    await until(() => state().items.some((n) => n.id === sent));
    expect(live).toEqual([sent]);
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

  test("what was sent while disconnected is announced oldest first on reconnecting", async () => {
    server.send("seen");
    // As in a browser, where a tab that reconnects rejoins its tabs and lists the first page again.
    const { store, live, state } = open({ tabs: { locks: new Locks(), BroadcastChannel } });
    await until(() => state().connection === "live" && state().items.length === 1);
    store.disconnect();
    const missed = [server.send("missed 1"), server.send("missed 2"), server.send("missed 3")];
    let release;
    server.catchUpHeld = new Promise((resolve) => (release = resolve)); // the page on rejoining lists them first
    store.reconnectNow();
    await until(() => live.length === 3);
    release();
    await until(() => state().connection === "live");
    await new Promise((resolve) => setTimeout(resolve, 100)); // a repeat would arrive now
    expect(live).toEqual(missed);
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

  test("a tab changed while a page loads: the next load more still loads", async () => {
    const ids = Array.from({ length: 3 }, (_, i) => server.send(`n${i}`));
    const { store, state } = open({ pageSize: 1 });
    await until(() => state().loaded);
    const loading = store.loadMore();
    await store.setFilter({ unread: true });
    await loading;
    expect(state().loadingMore).toBe(false);
    await store.loadMore();
    expect(state().items.map((n) => n.id)).toEqual([ids[2], ids[1]]);
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

  test("one deleted, archived or snoozed in another tab leaves this tab's list when it lists again", async () => {
    const [a, b, c, d] = [server.send("a"), server.send("b"), server.send("c"), server.send("d")];
    const here = open({ pageSize: 3 });
    const there = open();
    await until(() => [here, there].every((t) => t.state().connection === "live"));
    await here.store.loadMore();
    expect(here.state().items.map((n) => n.id)).toEqual([d, c, b, a]);
    await there.store.delete([d]);
    await there.store.archive([b]);
    await there.store.snooze([a], new Date(Date.now() + 3_600_000));
    await here.store.refresh(); // as opening the bell does
    expect(here.state().items.map((n) => n.id)).toEqual([c]);
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

  test("the newest one archived before the list: its catch-up on subscribe is neither news nor the group's entry", async () => {
    const shipped = server.send("order 1 shipped", { groupKey: "order:1" });
    const delivered = server.send("order 1 delivered", { groupKey: "order:1" });
    server.notifications.find((n) => String(n.id) === delivered).isArchived = true; // in another tab, say
    const { store, state, live } = open();
    await until(() => state().connection === "live");
    await store.setFilter({ grouped: true });
    store.reconnectNow(); // a leader taking over resubscribes the same way
    await until(() => state().connection === "live");
    const next = server.send("next");
    await until(() => live.includes(next));
    expect(live).toEqual([next]);
    expect(state().items.map((n) => [n.id, n.groupCount])).toEqual([[next, null], [shipped, 1]]);
  });

  test("an expanded group lists its members; they take actions; a live one joins; collapse forgets them", async () => {
    const first = server.send("order 1 paid", { groupKey: "order:1" });
    server.send("order 2 paid", { groupKey: "order:2" });
    const second = server.send("order 1 shipped", { groupKey: "order:1" });
    const { store, state } = open();
    await until(() => state().connection === "live");
    await store.setFilter({ grouped: true });
    await store.expandGroup("order:1");
    expect(state().groups["order:1"].map((n) => n.id)).toEqual([second, first]);
    await store.markRead([first]);
    expect(state().groups["order:1"].find((n) => n.id === first).isRead).toBe(true);
    expect(server.notifications.find((n) => String(n.id) === first).isRead).toBe(true);
    await store.delete([first]);
    expect(state().groups["order:1"].map((n) => n.id)).toEqual([second]);
    expect(server.notifications.some((n) => String(n.id) === first)).toBe(false);
    const third = server.send("order 1 delivered", { groupKey: "order:1" });
    await until(() => state().groups["order:1"].length === 2);
    expect(state().groups["order:1"].map((n) => n.id)).toEqual([third, second]);
    store.collapseGroup("order:1");
    expect(state().groups).toEqual({});
  });

  test("seen on open: what is shown, and the whole group of a grouped entry; the badge follows", async () => {
    server.send("order 1 paid", { groupKey: "order:1" });
    server.send("order 2 paid", { groupKey: "order:2", type: "other" });
    server.send("order 1 shipped", { groupKey: "order:1" });
    server.send("order 2 shipped", { groupKey: "order:2", type: "other" });
    const { store, state } = open();
    await until(() => state().connection === "live" && state().unseenCount === 4);
    await store.setFilter({ grouped: true, type: "system" });
    await store.markShownSeen();
    await until(() => state().unseenCount === 2);
    expect(server.notifications.map((n) => [n.groupKey, n.isSeen])).toEqual(
      [["order:1", true], ["order:2", false], ["order:1", true], ["order:2", false]]);
  });

  test("mark read and archive by the tab's filter reach what is not loaded, and only the tab's", async () => {
    const sales = [server.send("sale 1", { type: "sale" }), server.send("sale 2", { type: "sale" })];
    const stock = server.send("stock", { type: "inventory" });
    server.send("sale 3", { type: "sale" });
    const { store, state } = open({ pageSize: 1 });
    await until(() => state().connection === "live");
    await store.setFilter({ type: "sale", unread: true });
    expect(state().items).toHaveLength(1);
    await store.markFilteredRead();
    expect(state().items).toEqual([]);
    expect(state().hasMore).toBe(false);
    expect(state().unreadCount).toBe(1);
    expect(server.notifications.filter((n) => !n.isRead).map((n) => String(n.id))).toEqual([stock]);

    await store.setFilter({ unread: false });
    await store.archiveFiltered();
    expect(state().items).toEqual([]);
    expect(server.notifications.filter((n) => n.isArchived).map((n) => n.type)).toEqual(["sale", "sale", "sale"]);
    await store.setFilter({ type: null });
    expect(state().items.map((n) => n.id)).toEqual([stock]);
    server.failNext = "The database is down.";
    await store.archiveFiltered();
    expect(state().items.map((n) => n.id)).toEqual([stock]); // put back
    expect(sales).toHaveLength(2);
  });

  test("quiet hours and the time zone are read and changed", async () => {
    const { store, state } = open();
    await store.loadPreferences();
    expect(state().preferences).toMatchObject({ quietHours: null, timeZone: "UTC" });
    await store.updatePreferences({ quietHours: { enabled: true, start: "22:00", end: "07:00" }, timeZone: "Europe/Paris" });
    expect(state().preferences).toMatchObject({ quietHours: { start: "22:00", end: "07:00" }, timeZone: "Europe/Paris" });
    await store.updatePreferences({ quietHours: { enabled: false } });
    expect(state().preferences.quietHours).toBe(null);
  });
});

describe("tabs sharing one socket", () => {
  const openSockets = () => server.wss.clients.size;

  test("one socket for the tabs of one token; a send reaches each once; the next tab takes over", async () => {
    const tabs = { locks: new Locks(), BroadcastChannel };
    server.send("before");
    const first = open({ tabs });
    await until(() => first.state().connection === "live" && first.state().tab === "leader");
    const second = open({ tabs });
    const third = open({ tabs });
    await until(() => [second, third].every((t) => t.state().connection === "live" && t.state().tab === "follower"));
    expect(openSockets()).toBe(1);
    expect(server.connections).toBe(1);

    const a = server.send("a");
    await until(() => [first, second, third].every((t) => t.live.includes(a)));
    await until(() => [first, second, third].every((t) => t.state().unreadCount === 2));

    first.store.dispose(); // the leader's tab closes
    const gap = server.send("while no tab leads");
    await until(() => second.state().tab === "leader" && second.state().connection === "live");
    const b = server.send("b");
    await until(() => [second, third].every((t) => t.live.includes(b)));
    await new Promise((resolve) => setTimeout(resolve, 100)); // a repeat would arrive now
    for (const tab of [second, third]) expect(tab.live).toEqual([a, gap, b]);
    expect(third.state().tab).toBe("follower");
    expect(openSockets()).toBe(1);
    expect(server.connections).toBe(2);
  });

  test("a 4403 at the leader expires every tab of the token", async () => {
    const tabs = { locks: new Locks(), BroadcastChannel };
    const first = open({ tabs });
    await until(() => first.state().tab === "leader" && first.state().connection === "live");
    const second = open({ tabs });
    await until(() => second.state().connection === "live");
    server.refused.add(first.store.token);
    server.closeSockets(4403);
    await until(() => second.state().connection === "expired" && first.state().connection === "expired");
    expect(second.states.at(-1)).toEqual({ state: "expired", code: 4403 });
  });

  test("a tab that joins a leader again catches up on what was sent while it was out", async () => {
    const tabs = { locks: new Locks(), BroadcastChannel };
    const old = fakeToken("alice", "acme", "-old");
    server.send("before");
    const first = open({ tabs, token: old });
    await until(() => first.state().tab === "leader" && first.state().connection === "live");
    const second = open({ tabs, token: old });
    await until(() => second.state().connection === "live");
    server.refused.add(old);
    server.closeSockets(4403);
    await until(() => [first, second].every((t) => t.state().connection === "expired"));
    const missed = server.send("while expired");
    first.store.setToken(fakeToken("alice")); // one tab refreshes its token and leads the new token's tabs
    await until(() => first.live.includes(missed) && first.state().tab === "leader");
    second.store.setToken(fakeToken("alice")); // the other follows it
    await until(() => second.state().tab === "follower" && second.state().connection === "live");
    await until(() => second.state().items.some((n) => n.id === missed));
    expect(second.live).toEqual([missed]);

    second.store.disconnect(); // an element taken out of the page and put back
    const away = server.send("while disconnected");
    second.store.reconnectNow();
    await until(() => second.state().items.some((n) => n.id === away));
    expect(second.live).toEqual([missed, away]);
  });

  test("a tab signed out (token null) leaves its tabs: another leads, and it gets no more of theirs", async () => {
    const tabs = { locks: new Locks(), BroadcastChannel };
    server.send("before");
    const first = open({ tabs });
    await until(() => first.state().tab === "leader" && first.state().connection === "live");
    const second = open({ tabs });
    const third = open({ tabs });
    await until(() => [second, third].every((t) => t.state().connection === "live"));
    first.store.setToken(null); // the leader signs out
    third.store.setToken(null); // and a follower
    await until(() => second.state().tab === "leader" && second.state().connection === "live");
    const sent = server.send("after the sign-out");
    await until(() => second.live.includes(sent));
    await new Promise((resolve) => setTimeout(resolve, 100)); // a relay would arrive now
    for (const tab of [first, third]) expect([tab.state().items, tab.state().tab, tab.live]).toEqual([[], "alone", []]);
    expect(openSockets()).toBe(1);
  });

  test("another token, shareConnection: false, or no Web Locks: a socket of its own", async () => {
    const tabs = { locks: new Locks(), BroadcastChannel };
    const first = open({ tabs });
    const bob = open({ tabs, token: fakeToken("bob") });
    const own = open({ tabs, shareConnection: false });
    const noLocks = open({ tabs: { locks: undefined, BroadcastChannel } });
    await until(() => [first, bob, own, noLocks].every((t) => t.state().connection === "live"));
    expect([first, bob, own, noLocks].map((t) => t.state().tab)).toEqual(["leader", "leader", "alone", "alone"]);
    expect(openSockets()).toBe(4);
  });
});

describe("labels and links", () => {
  test("every catalogue has every label of the English one", () => {
    for (const [language, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(catalogue).sort(), language).toEqual(Object.keys(catalogues.en).sort());
    }
  });

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
