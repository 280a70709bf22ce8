// React bindings: hooks over the client's store (useSyncExternalStore, so React 18 and 19 render a consistent
// snapshot) and <NotificationCenter />, the seed's bell with the API's actions. Written with createElement so that
// the package needs no build step.
import {
  createContext, createElement as h, useCallback, useContext, useEffect, useId, useMemo, useRef, useState,
  useSyncExternalStore,
} from "react";
import {
  CHANNELS, centerStyles, createNotificationStore, localise, safeActionUrl, snoozeChoices, typeOverride,
} from "@notifications/client";

const STYLES = centerStyles(".notification-center", "data-theme");

/** @typedef {import("@notifications/client").NotificationStore} NotificationStore */
/** @typedef {import("@notifications/client").Notification} Notification */
/** @typedef {import("@notifications/client").InboxState} InboxState */
/** @typedef {import("@notifications/client").Preferences} Preferences */
/** @typedef {import("@notifications/client").PreferencesChange} PreferencesChange */
/**
 * @typedef {InboxState & {
 *   markRead(ids: string[]): Promise<void>, markUnread(ids: string[]): Promise<void>, markAllRead(): Promise<void>,
 *   deleteRead(): Promise<number>, loadMore(): Promise<void>, refresh(): Promise<void>, reconnectNow(): void,
 *   markSeen(ids: string[]): Promise<void>, archive(ids: string[]): Promise<void>, unarchive(ids: string[]): Promise<void>,
 *   snooze(ids: string[], until: Date | string): Promise<void>, delete(ids: string[]): Promise<void>,
 *   setFilter(filter: Partial<import("@notifications/client").InboxFilter>): Promise<void>,
 *   markFilteredRead(): Promise<void>, archiveFiltered(): Promise<void>, markShownSeen(): Promise<void>,
 *   expandGroup(groupKey: string): Promise<void>, collapseGroup(groupKey: string): void,
 * }} Inbox
 */

const StoreContext = createContext(/** @type {NotificationStore | null} */ (null));

/**
 * A store for `endpoint` and `token`, made once per endpoint and kept in step with the token; closed on unmount.
 * `shareConnection` (true by default): one socket for the browser's tabs of the same endpoint and token.
 * @param {{ endpoint: string, token: string | null, pageSize?: number, shareConnection?: boolean }} options
 */
export function useNotificationStore({ endpoint, token, pageSize, shareConnection = true }) {
  const store = useMemo(() => createNotificationStore({ endpoint, pageSize, shareConnection }), [endpoint, pageSize]);
  useEffect(() => store.setShareConnection(shareConnection), [store, shareConnection]);
  useEffect(() => () => store.dispose(), [store]);
  useEffect(() => {
    // "offline": disposed by an unmount that StrictMode (or a reused tree) follows with a mount.
    const { connection } = store.getSnapshot();
    if (token !== store.token || connection === "idle" || connection === "offline") store.setToken(token);
  }, [store, token]);
  return store;
}

/**
 * Gives the hooks and <NotificationCenter /> below it one store (one connection), made from endpoint and token.
 * @param {{ endpoint: string, token: string | null, shareConnection?: boolean, children?: import("react").ReactNode }} props
 */
export function NotificationsProvider({ endpoint, token, shareConnection, children }) {
  const store = useNotificationStore({ endpoint, token, shareConnection });
  return h(StoreContext.Provider, { value: store }, children);
}

function useStore(/** @type {NotificationStore | undefined} */ store) {
  const provided = useContext(StoreContext);
  const chosen = store ?? provided;
  if (!chosen) throw new Error("wrap the component in <NotificationsProvider> or pass a store");
  return chosen;
}

/**
 * The inbox as it is now, re-rendered on every change, with its actions.
 * @param {NotificationStore} [store] the provider's by default
 * @returns {Inbox}
 */
export function useNotifications(store) {
  const chosen = useStore(store);
  const state = useSyncExternalStore(chosen.subscribe, chosen.getSnapshot, chosen.getSnapshot);
  return useMemo(
    () => ({
      ...state,
      markRead: (/** @type {string[]} */ ids) => chosen.markRead(ids),
      markUnread: (/** @type {string[]} */ ids) => chosen.markUnread(ids),
      markAllRead: () => chosen.markAllRead(),
      deleteRead: () => chosen.deleteRead(),
      loadMore: () => chosen.loadMore(),
      refresh: () => chosen.refresh(),
      reconnectNow: () => chosen.reconnectNow(),
      markSeen: (/** @type {string[]} */ ids) => chosen.markSeen(ids),
      archive: (/** @type {string[]} */ ids) => chosen.archive(ids),
      unarchive: (/** @type {string[]} */ ids) => chosen.unarchive(ids),
      snooze: (/** @type {string[]} */ ids, /** @type {Date | string} */ until) => chosen.snooze(ids, until),
      delete: (/** @type {string[]} */ ids) => chosen.delete(ids),
      setFilter: (/** @type {Partial<import("@notifications/client").InboxFilter>} */ filter) => chosen.setFilter(filter),
      markFilteredRead: () => chosen.markFilteredRead(),
      markShownSeen: () => chosen.markShownSeen(),
      archiveFiltered: () => chosen.archiveFiltered(),
      expandGroup: (/** @type {string} */ groupKey) => chosen.expandGroup(groupKey),
      collapseGroup: (/** @type {string} */ groupKey) => chosen.collapseGroup(groupKey),
    }),
    [state, chosen],
  );
}

/** The unread count alone: a component using it re-renders only when the count changes. */
export function useUnreadCount(/** @type {NotificationStore | undefined} */ store) {
  const chosen = useStore(store);
  const count = useCallback(() => chosen.getSnapshot().unreadCount, [chosen]);
  return useSyncExternalStore(chosen.subscribe, count, count);
}

/**
 * The user's delivery preferences (loaded on first use) and the function that changes them.
 * @returns {{ preferences: Preferences | null, update: (input: PreferencesChange) => Promise<void> }}
 */
export function usePreferences(/** @type {NotificationStore | undefined} */ store) {
  const chosen = useStore(store);
  const select = useCallback(() => chosen.getSnapshot().preferences, [chosen]);
  const preferences = useSyncExternalStore(chosen.subscribe, select, select);
  useEffect(() => {
    if (!chosen.getSnapshot().preferences) void chosen.loadPreferences();
  }, [chosen]);
  const update = useCallback(
    (/** @type {import("@notifications/client").PreferencesChange} */ input) => chosen.updatePreferences(input),
    [chosen],
  );
  return { preferences, update };
}

/**
 * Calls `handler` with each notification that arrives live (for toasts).
 * @param {(notification: Notification) => void} handler @param {NotificationStore} [store]
 */
export function useLiveNotifications(handler, store) {
  const chosen = useStore(store);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => chosen.on("notification", (n) => latest.current(n)), [chosen]);
}

/**
 * @typedef {object} NotificationCenterProps
 * @property {string} [endpoint] the GraphQL URL (without a provider)
 * @property {string | null} [token] the user's JWT (without a provider)
 * @property {NotificationStore} [store] a store of your own instead
 * @property {string} [locale] BCP 47; the browser's language by default
 * @property {"light" | "dark"} [theme] follows prefers-color-scheme by default
 * @property {string[]} [types] notification types shown as filter tabs beside All, Unread and Archived
 * @property {boolean} [grouped] one entry per groupKey, the newest, with its count and a button listing the others
 * @property {"unread" | "unseen"} [badge] what the badge counts: not seen yet (the default; opening clears it), or unread
 * @property {boolean} [shareConnection] without a provider: one socket for the tabs of the same token (true by default)
 * @property {(notification: Notification, actions: { markRead: () => void, markUnread: () => void }) => import("react").ReactNode} [renderItem]
 *   what one item shows, inside the item's link or button
 */

/** The bell: badge, panel with filter tabs and their bulk read and archive, unread and read sections, mark read, mark
 *  all, archive, snooze, delete, groups that open, seen on open, live updates, preferences with quiet hours.
 *  @param {NotificationCenterProps} props */
export function NotificationCenter(props) {
  const provided = useContext(StoreContext);
  if (props.store || provided) return h(Center, { ...props, store: props.store ?? /** @type {NotificationStore} */ (provided) });
  return h(OwnStore, props);
}

function OwnStore(/** @type {NotificationCenterProps} */ props) {
  const store = useNotificationStore({
    endpoint: props.endpoint ?? "/graphql", token: props.token ?? null, shareConnection: props.shareConnection,
  });
  return h(Center, { ...props, store });
}

function Center(/** @type {NotificationCenterProps & { store: NotificationStore }} */ { store, locale, theme, renderItem, types = [], grouped = false, badge = "unseen" }) {
  const inbox = useNotifications(store);
  const l10n = useMemo(() => localise(locale ?? (typeof navigator === "undefined" ? "en" : navigator.language)), [locale]);
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const panelId = useId();
  const button = useRef(/** @type {HTMLButtonElement | null} */ (null));
  const panel = useRef(/** @type {HTMLDivElement | null} */ (null));
  const root = useRef(/** @type {HTMLDivElement | null} */ (null));

  useLiveNotifications((n) => setAnnouncement(l10n.t("announce", { title: n.title })), store);
  useEffect(() => void store.setFilter({ grouped }), [store, grouped]);
  const markShownSeen = () => void store.markShownSeen();
  useEffect(() => {
    if (!open) return;
    // Seen once the refreshed list is in: a mark under way while it loads would have it dropped as stale.
    void store.refresh().then(markShownSeen);
    // Focus moves into the panel: its newest item, or the panel itself when it is empty.
    (panel.current?.querySelector(/** @type {"a"} */ ("[data-id]")) ?? panel.current)?.focus();
    const outside = (/** @type {MouseEvent} */ event) => {
      if (!root.current?.contains(/** @type {Node} */ (event.target))) setOpen(false);
    };
    document.addEventListener("click", outside, true);
    return () => document.removeEventListener("click", outside, true);
  }, [open, store]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (/** @type {import("react").KeyboardEvent} */ event) => {
    if (event.key === "Escape") return close();
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
    const items = /** @type {HTMLElement[]} */ ([...(panel.current?.querySelectorAll("[data-id]") ?? [])]);
    if (!items.length) return;
    event.preventDefault();
    const at = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key] ?? 0;
    items[Math.max(0, Math.min(items.length - 1, next))].focus();
  };

  const unread = inbox.items.filter((n) => !n.isRead);
  const read = inbox.items.filter((n) => n.isRead);
  const unseen = badge !== "unread";
  const count = unseen ? inbox.unseenCount : inbox.unreadCount;
  const label = count > 0 ? l10n.t(unseen ? "notificationsUnseen" : "notificationsUnread", { count }) : l10n.t("notifications");
  const { archived } = inbox.filter;
  const current = inbox.filter.unread ? ":unread" : archived ? ":archived" : inbox.filter.type ?? ":all";
  /** The focus on the list's first item, or the panel when it is empty, once React has rendered. */
  const focusList = () =>
    requestAnimationFrame(() => (panel.current?.querySelector(/** @type {"a"} */ ("[data-id]")) ?? panel.current)?.focus());
  /** An archive or snooze takes the item away: the focus goes to the next one. */
  const act = (/** @type {Promise<void>} */ done, /** @type {string} */ id) => {
    const items = /** @type {HTMLElement[]} */ ([...(panel.current?.querySelectorAll("[data-id]") ?? [])]);
    const at = items.findIndex((item) => item.dataset.id === id);
    requestAnimationFrame(() => {
      const left = /** @type {HTMLElement[]} */ ([...(panel.current?.querySelectorAll("[data-id]") ?? [])]);
      (left[Math.min(at, left.length - 1)] ?? panel.current)?.focus();
    });
    void done;
  };
  const tabs = h(
    "div",
    { className: "tabs", role: "group", "aria-label": l10n.t("filters") },
    [[":all", l10n.t("all")], [":unread", l10n.t("unread")], ...types.filter(Boolean).map((x) => [x, x]), [":archived", l10n.t("archived")]].map(([tab, text]) =>
      h("button", {
        key: tab, type: "button", "data-tab": tab, "aria-pressed": tab === current,
        onClick: () => void store.setFilter({ unread: tab === ":unread", archived: tab === ":archived", type: tab.startsWith(":") ? null : tab })
          .then(() => open && markShownSeen()),
      }, text)),
  );
  const section = (/** @type {"unread" | "read"} */ name, /** @type {Notification[]} */ group) =>
    group.length
      ? [h("h3", { key: `${name}-h` }, l10n.t(name)), h("ul", { key: name, className: name }, group.map((n) => item(n)))]
      : [];
  /** @returns {import("react").ReactElement} */
  const item = (/** @type {Notification} */ n, member = false) => {
    const href = safeActionUrl(n.actionUrl);
    const actions = { markRead: () => void inbox.markRead([n.id]), markUnread: () => void inbox.markUnread([n.id]) };
    const body = renderItem
      ? renderItem(n, actions)
      : [
          h("span", { key: "p", className: "priority" }, l10n.t(/** @type {"priority_LOW"} */ (`priority_${n.priority}`))),
          h("span", { key: "t", className: "title" }, n.title),
          h("span", { key: "m", className: "message" }, n.message),
          h("span", { key: "w", className: "meta" }, l10n.when(n.createdAt)),
          href && n.actionText ? h("span", { key: "a", className: "action" }, n.actionText) : null,
          n.groupCount && n.groupCount > 1 && !member ? h("span", { key: "g", className: "group" }, l10n.t("groupCount", { count: n.groupCount })) : null,
        ];
    /** @type {Array<[import("@notifications/client").MessageKey, () => Promise<void>]>} */
    const choices = [
      archived ? ["unarchive", () => store.unarchive([n.id])] : ["archive", () => store.archive([n.id])],
      ...snoozeChoices().map(([key, until]) => /** @type {[typeof key, () => Promise<void>]} */ ([key, () => store.snooze([n.id], until)])),
      ["delete", () => store.delete([n.id])],
    ];
    // A grouped entry opens to the group's other notifications, listed below it.
    const members = n.groupKey && !member ? inbox.groups[n.groupKey] : undefined;
    const groupKey = n.groupKey;
    const toggleLabel = members ? l10n.t("hideGroup") : l10n.t("showGroup", { count: n.groupCount ?? 0 });
    const toggle = groupKey && n.groupCount && n.groupCount > 1 && !member
      ? h("button", {
          key: "group", type: "button", "data-action": members ? "collapse" : "expand", "aria-expanded": !!members,
          "aria-label": l10n.t("actionsFor", { action: toggleLabel, title: n.title }),
          onClick: () => (members ? store.collapseGroup(groupKey) : void store.expandGroup(groupKey)),
        }, toggleLabel)
      : null;
    const buttons = h(
      "div",
      { className: "actions" },
      toggle,
      choices.map(([key, run]) => h("button", {
        key, type: "button", "data-action": key, onClick: () => act(run(), n.id),
        "aria-label": l10n.t("actionsFor", { action: l10n.t(key), title: n.title }),
      }, l10n.t(key))),
    );
    const common = { className: "item", "data-id": n.id, onClick: actions.markRead, onAuxClick: actions.markRead };
    return h(
      "li",
      { key: n.id, className: `priority-${n.priority.toLowerCase()}` },
      href ? h("a", { ...common, href }, body) : h("button", { ...common, type: "button" }, body),
      buttons,
      members
        ? h("ul", { className: "members", "aria-label": l10n.t("groupOf", { title: n.title }) },
            members.filter((m) => m.id !== n.id).map((m) => item(m, true)))
        : null,
    );
  };

  return h(
    "div",
    { ref: root, className: "notification-center", "data-theme": theme, "data-state": inbox.connection },
    h("style", null, STYLES),
    h(
      "button",
      {
        ref: button, type: "button", className: "bell", "aria-haspopup": "dialog", "aria-expanded": open,
        "aria-controls": panelId, "aria-label": label, onClick: () => setOpen(!open),
      },
      h(BellIcon),
      count > 0 ? h("span", { className: "badge", "aria-hidden": true }, l10n.count(count)) : null,
    ),
    h("div", { className: "live", "aria-live": "polite", role: "status" }, announcement),
    open
      ? h(
          "div",
          { ref: panel, id: panelId, className: "panel", role: "dialog", tabIndex: -1, "aria-label": l10n.t("notifications"), onKeyDown },
          h(
            "div",
            { className: "head" },
            h("h2", null, l10n.t("notifications")),
            h("span", { className: "state", "data-state": inbox.connection }, l10n.t(/** @type {"state_live"} */ (`state_${inbox.connection}`))),
            h("button", {
              type: "button", className: "mark-all", disabled: inbox.unreadCount <= 0,
              onClick: () => {
                void inbox.markAllRead();
                focusList(); // the button is disabled once the count is 0, and a disabled button drops the focus
              },
            }, l10n.t("markAllRead")),
            h("button", { type: "button", className: "prefs-toggle", "aria-expanded": settings, onClick: () => setSettings(!settings) },
              l10n.t(settings ? "back" : "preferences")),
          ),
          settings ? null : tabs,
          settings ? null : h(
            "div",
            { className: "bulk" },
            h("button", {
              type: "button", disabled: !unread.length,
              onClick: () => {
                void inbox.markFilteredRead();
                focusList(); // the button is disabled now, and a disabled button drops the focus
              },
            }, l10n.t("markTabRead")),
            archived ? null : h("button", {
              type: "button", disabled: !inbox.items.length,
              onClick: () => {
                void inbox.archiveFiltered();
                panel.current?.focus(); // the list it was about is gone
              },
            }, l10n.t("archiveTab")),
          ),
          inbox.error ? h("div", { className: "error", role: "alert" }, inbox.error.message) : null,
          settings ? h(PreferencesCentre, { store, l10n, types }) : h(
            "div",
            { className: "list" },
            inbox.items.length ? [...section("unread", unread), ...section("read", read)] : h("p", { className: "empty" }, l10n.t("empty")),
            inbox.hasMore
              ? h("button", {
                  // Not disabled while loading (a disabled button drops the focus); loadMore() then does nothing.
                  type: "button", className: "more", "aria-disabled": inbox.loadingMore,
                  onClick: () => {
                    const shown = new Set(inbox.items.map((n) => n.id));
                    // The last page in, the button goes and the focus with it: the first one it brought takes it.
                    void inbox.loadMore().then(() => requestAnimationFrame(() => {
                      if (panel.current?.contains(document.activeElement)) return;
                      /** @type {HTMLElement | undefined} */ ([...(panel.current?.querySelectorAll("[data-id]") ?? [])]
                        .find((item) => !shown.has(/** @type {HTMLElement} */ (item).dataset.id ?? "")))?.focus();
                    }));
                  },
                },
                  inbox.loadingMore ? l10n.t("loading") : l10n.t("loadMore"))
              : null,
          ),
        )
      : null,
  );
}

/** Channels (on, lowest priority), then channels by type for the types given. */
function PreferencesCentre(/** @type {{ store: NotificationStore, l10n: ReturnType<typeof localise>, types: string[] }} */ { store, l10n, types }) {
  const { preferences, update } = usePreferences(store);
  const { t } = l10n;
  if (!preferences) return h("div", { className: "prefs" }, h("p", { className: "empty" }, t("loading")));
  const labelled = (/** @type {string} */ action, /** @type {string} */ title) => t("actionsFor", { action, title });
  return h(
    "div",
    { className: "prefs" },
    h("table", null, h("caption", null, t("channel")), h("tbody", null,
      h("tr", null, h("th", { scope: "col" }, t("channel")), h("th", { scope: "col" }, t("enabled")), h("th", { scope: "col" }, t("minPriority"))),
      CHANNELS.map((channel) => h("tr", { key: channel },
        h("th", { scope: "row" }, t(channel)),
        h("td", null, h("input", {
          type: "checkbox", checked: preferences[channel].enabled, "aria-label": labelled(t(channel), t("enabled")),
          onChange: (/** @type {any} */ event) => void update({ [channel]: { enabled: event.target.checked } }),
        })),
        h("td", null, h("select", {
          value: preferences[channel].minPriority, "aria-label": labelled(t(channel), t("minPriority")),
          onChange: (/** @type {any} */ event) => void update({ [channel]: { minPriority: event.target.value } }),
        }, ["LOW", "NORMAL", "HIGH", "URGENT"].map((level) => h("option", { key: level, value: level }, t(/** @type {"level_LOW"} */ (`level_${level}`)))))),
      )))),
    types.length
      ? h("table", null, h("caption", null, t("byType")), h("tbody", null,
          h("tr", null, h("th", { scope: "col" }, t("type")), CHANNELS.map((channel) => h("th", { key: channel, scope: "col" }, t(channel)))),
          types.map((type) => {
            const own = preferences.typeOverrides.find((o) => o.type === type);
            return h("tr", { key: type }, h("th", { scope: "row" }, type), CHANNELS.map((channel) => h("td", { key: channel },
              h("input", {
                type: "checkbox", checked: own?.[channel] ?? preferences[channel].enabled, "aria-label": labelled(type, t(channel)),
                onChange: (/** @type {any} */ event) => void update(typeOverride(preferences, type, channel, event.target.checked)),
              }))));
          })))
      : null,
    h(QuietHours, { preferences, update, t }),
  );
}

/** Quiet hours and their time zone: edited here, saved with the button (or Enter). */
function QuietHours(/** @type {{ preferences: Preferences, update: (input: PreferencesChange) => Promise<void>, t: ReturnType<typeof localise>["t"] }} */ { preferences, update, t }) {
  const id = useId();
  const saved = () => ({
    enabled: !!preferences.quietHours, start: preferences.quietHours?.start ?? "22:00",
    end: preferences.quietHours?.end ?? "07:00", timeZone: preferences.timeZone,
  });
  const [draft, setDraft] = useState(saved);
  useEffect(() => setDraft(saved()), [preferences]);
  const zones = useMemo(() => [...new Set([preferences.timeZone, "UTC",
    ...(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [])])], [preferences.timeZone]);
  const set = (/** @type {string} */ name) => (/** @type {any} */ event) =>
    setDraft({ ...draft, [name]: event.target.type === "checkbox" ? event.target.checked : event.target.value });
  const onSubmit = (/** @type {import("react").FormEvent} */ event) => {
    event.preventDefault();
    const { enabled, start, end, timeZone } = draft;
    void update({ quietHours: enabled ? { enabled, start, end } : { enabled }, timeZone });
  };
  return h("form", { onSubmit }, h("fieldset", { className: "quiet" },
    h("legend", null, t("quietHours")),
    h("p", { className: "note" }, t("quietHoursNote")),
    h("input", { type: "checkbox", id: `${id}-on`, checked: draft.enabled, onChange: set("enabled") }),
    h("label", { htmlFor: `${id}-on` }, t("quietHoursOn")),
    h("label", { htmlFor: `${id}-start` }, t("quietFrom")),
    h("input", { type: "time", id: `${id}-start`, value: draft.start, onChange: set("start") }),
    h("label", { htmlFor: `${id}-end` }, t("quietUntil")),
    h("input", { type: "time", id: `${id}-end`, value: draft.end, onChange: set("end") }),
    h("label", { htmlFor: `${id}-zone` }, t("timeZone")),
    h("select", { id: `${id}-zone`, value: draft.timeZone, onChange: set("timeZone") },
      zones.map((zone) => h("option", { key: zone, value: zone }, zone))),
    h("button", { type: "submit" }, t("save")),
  ));
}

function BellIcon() {
  return h(
    "svg",
    { viewBox: "0 0 24 24", "aria-hidden": true, fill: "none", stroke: "currentColor", strokeWidth: 2, width: 24, height: 24 },
    h("path", { d: "M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" }),
    h("path", { d: "M13.73 21a2 2 0 0 1-3.46 0" }),
  );
}
