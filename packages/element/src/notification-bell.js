/**
 * <notification-bell>: the in-app bell of the notification service, on @notifications/client.
 *
 *   <script type="module" src="https://notify.example.com/ui/notification-bell.js"></script>
 *   <notification-bell endpoint="https://notify.example.com/graphql" locale="fr"></notification-bell>
 *   <script type="module">document.querySelector("notification-bell").token = await getJwtSomehow();</script>
 *
 * Attributes: endpoint (default /graphql on this page's origin), locale (BCP 47; the browser's by default),
 * theme ("light" or "dark"; follows prefers-color-scheme by default), types (comma-separated notification types
 * shown as filter tabs beside All, Unread and Archived), grouped (present: one entry per groupKey, with its count and
 * a button that lists the group's other notifications), badge (what it counts: "unseen" by default, what was not
 * seen yet, which opening the panel clears; "unread": what was not read), shared-connection ("off": a socket of this
 * tab's own instead of one shared by the tabs of the same endpoint and token).
 * Opening the panel marks what it shows as seen. `state` is set by the element.
 * Properties: token (setting it connects; null disconnects; another user's clears what is shown), store (the
 * client's NotificationStore), connectionState, unreadCount, notifications. Methods: reconnectNow(), disconnect().
 * Events (bubbling, composed): notification (detail: one that arrived live), token-expired (set a new token),
 * connection-state (detail: { state, code? }).
 */
import {
  CHANNELS, centerStyles, createNotificationStore, localise, safeActionUrl, snoozeChoices, typeOverride,
} from "@notifications/client";

export { safeActionUrl };

/** @typedef {import("@notifications/client").Notification} Notification */
/** @typedef {import("@notifications/client").ConnectionState} ConnectionState */

const BELL_ICON = `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"
  stroke-linecap="round" stroke-linejoin="round"><path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9"/>
  <path d="M13.73 21a2 2 0 0 1-3.46 0"/></svg>`;

// Static markup only: every piece of notification data is set later with textContent or setAttribute.
const TEMPLATE = `<style>${centerStyles(":host", "theme")}</style>
<button class="bell" part="button" type="button" aria-haspopup="dialog" aria-expanded="false" aria-controls="panel">
  ${BELL_ICON}<span class="badge" part="badge" aria-hidden="true" hidden></span></button>
<div class="live" role="status" aria-live="polite"></div>
<div class="panel" id="panel" part="panel" role="dialog" tabindex="-1" hidden>
  <div class="head" part="header"><h2 id="heading"></h2><span class="state" part="state"></span>
    <button class="mark-all" part="mark-all" type="button"></button>
    <button class="prefs-toggle" part="preferences-button" type="button" aria-expanded="false" aria-controls="prefs"></button></div>
  <div class="tabs" part="tabs" role="group"></div>
  <div class="bulk" part="bulk"><button class="tab-read" type="button"></button><button class="tab-archive" type="button"></button></div>
  <div class="error" role="alert"></div>
  <div class="list" part="list"></div>
  <button class="more" part="more" type="button" hidden></button>
  <div class="prefs" id="prefs" part="preferences" hidden></div>
</div>`;

export class NotificationBell extends HTMLElement {
  static observedAttributes = ["endpoint", "locale", "theme", "types", "grouped", "badge", "shared-connection"];

  store = createNotificationStore({ endpoint: "/graphql", shareConnection: this.getAttribute("shared-connection") !== "off" });
  #l10n = localise(undefined);
  #announced = "";
  #renderTimer = 0;
  #tickTimer = 0;
  /** @type {Record<string, HTMLElement>} */
  #dom;
  /** @type {Array<() => void>} */
  #off = [];

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = TEMPLATE;
    const q = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
    this.#dom = {
      bell: q(".bell"), badge: q(".badge"), panel: q(".panel"), state: q(".state"), markAll: q(".mark-all"),
      error: q(".error"), list: q(".list"), more: q(".more"), heading: q("#heading"), live: q(".live"), tabs: q(".tabs"),
      prefs: q(".prefs"), prefsToggle: q(".prefs-toggle"), bulk: q(".bulk"), tabRead: q(".tab-read"), tabArchive: q(".tab-archive"),
    };
    this.#dom.tabRead.addEventListener("click", () => {
      void this.store.markFilteredRead();
      this.#render();
      this.#focusItem(0); // the button is disabled now, and a disabled button drops the focus
    });
    this.#dom.tabArchive.addEventListener("click", () => {
      void this.store.archiveFiltered();
      this.#dom.panel.focus(); // the list it was about is gone
    });
    this.#dom.prefs.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#saveQuietHours(/** @type {HTMLFormElement} */ (event.target));
    });
    this.#dom.prefsToggle.addEventListener("click", () => {
      this.#dom.prefs.hidden = !this.#dom.prefs.hidden;
      if (!this.#dom.prefs.hidden && !this.store.getSnapshot().preferences) void this.store.loadPreferences();
      this.#render();
    });
    this.#dom.prefs.addEventListener("change", (event) => this.#onPreference(/** @type {HTMLInputElement} */ (event.target)));
    this.#dom.tabs.addEventListener("click", (event) => {
      const tab = /** @type {HTMLElement} */ (event.target).closest("button")?.dataset.tab;
      if (tab === undefined) return;
      const [unread, archived] = [tab === ":unread", tab === ":archived"];
      void this.store.setFilter({ unread, archived, type: tab.startsWith(":") ? null : tab }).then(() => this.#markShownSeen());
    });
    this.#dom.panel.setAttribute("aria-labelledby", "heading");
    this.#dom.bell.addEventListener("click", () => this.#toggle());
    this.#dom.markAll.addEventListener("click", () => {
      void this.store.markAllRead();
      this.#focusItem(0); // the button is disabled once the count is 0, and a disabled button drops the focus
    });
    this.#dom.more.addEventListener("click", () => void this.store.loadMore());
    this.#dom.panel.addEventListener("keydown", (event) => this.#onKey(event));
    this.#dom.list.addEventListener("scroll", () => this.#onScroll());
    this.#dom.panel.addEventListener("scroll", () => this.#onScroll());
    // Delegated, and on auxclick too: a middle-click opens the link in a new tab and should also mark it read.
    for (const type of ["click", "auxclick"]) {
      this.#dom.list.addEventListener(type, (event) => {
        const action = /** @type {HTMLElement} */ (event.target).closest("[data-action]");
        if (action instanceof HTMLElement) return type === "click" && this.#act(action);
        const item = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest("[data-id]"));
        if (item?.dataset.id) void this.store.markRead([item.dataset.id]);
      });
    }
    this.#render();
  }

  // --- public API ------------------------------------------------------------------------------------------

  get endpoint() {
    return this.store.endpoint;
  }

  set endpoint(value) {
    this.setAttribute("endpoint", value);
  }

  get token() {
    return this.store.token;
  }

  set token(value) {
    this.#token = value || null;
    if (this.isConnected) this.store.setToken(this.#token);
  }

  #token = /** @type {string | null} */ (null);

  /** @returns {ConnectionState} */
  get connectionState() {
    return this.store.getSnapshot().connection;
  }

  get unreadCount() {
    return this.store.getSnapshot().unreadCount;
  }

  /** @returns {Notification[]} newest first, copies */
  get notifications() {
    return this.store.getSnapshot().items.map((n) => ({ ...n }));
  }

  reconnectNow() {
    this.store.reconnectNow();
  }

  disconnect() {
    this.store.disconnect();
  }

  connectedCallback() {
    window.addEventListener("online", this.#onOnline);
    this.#off = [
      this.store.subscribe(() => this.#scheduleRender()),
      this.store.on("notification", (n) => {
        this.#announced = this.#l10n.t("announce", { title: n.title });
        this.dispatchEvent(new CustomEvent("notification", { bubbles: true, composed: true, detail: { ...n } }));
      }),
      this.store.on("expired", () => this.dispatchEvent(new CustomEvent("token-expired", { bubbles: true, composed: true }))),
      this.store.on("connection", ({ state, code }) => {
        this.setAttribute("state", state);
        const detail = code === null ? { state } : { state, code };
        this.dispatchEvent(new CustomEvent("connection-state", { bubbles: true, composed: true, detail }));
      }),
    ];
    this.setAttribute("state", this.connectionState);
    if (this.#token !== this.store.token) this.store.setToken(this.#token);
    else if (this.connectionState === "offline") this.store.reconnectNow();
  }

  disconnectedCallback() {
    window.removeEventListener("online", this.#onOnline);
    if (!this.#dom.panel.hidden) this.#toggle(false); // its clock and its outside-click listener go with it
    for (const off of this.#off.splice(0)) off();
    // No socket left open by an element that is gone; a move reconnects in connectedCallback (unless expired).
    if (this.connectionState !== "expired") this.store.disconnect();
  }

  attributeChangedCallback(/** @type {string} */ name, /** @type {string | null} */ previous, /** @type {string | null} */ value) {
    if (previous === value) return;
    if (name === "endpoint") this.store.setEndpoint(value || "/graphql");
    if (name === "locale") this.#l10n = localise(value ?? undefined);
    if (name === "grouped") void this.store.setFilter({ grouped: value !== null });
    if (name === "shared-connection") this.store.setShareConnection(value !== "off");
    this.#render();
  }

  // --- view ------------------------------------------------------------------------------------------------

  #onOnline = () => {
    if (this.connectionState === "reconnecting") this.store.reconnectNow();
  };

  #toggle(open = this.#dom.panel.hidden) {
    this.#dom.panel.hidden = !open;
    this.#dom.bell.setAttribute("aria-expanded", String(open));
    clearInterval(this.#tickTimer);
    if (open) {
      document.addEventListener("click", this.#onOutside, true);
      this.#tickTimer = window.setInterval(() => this.#render(), 60_000); // keep "5 minutes ago" true
      this.store.clearError();
      // Seen once the refreshed list is in: a mark under way while it loads would have it dropped as stale.
      const refreshed = this.connectionState === "live" ? this.store.refresh() : Promise.resolve();
      this.#render();
      this.#focusItem(0);
      void refreshed.then(() => this.#markShownSeen());
    } else {
      document.removeEventListener("click", this.#onOutside, true);
      this.#render();
    }
  }

  /** Seen on open: what the panel shows is marked seen (the "unseen" badge falls; the unread count stays). */
  #markShownSeen() {
    if (!this.#dom.panel.hidden) void this.store.markShownSeen();
  }

  /** An item's button: a group opens or closes (the focus stays), or the item leaves (archive, unarchive, snooze,
   *  delete) and the focus goes to the next one. */
  #act(/** @type {HTMLElement} */ button) {
    const { action = "", for: id = "", group = "" } = button.dataset;
    if (action === "expand" || action === "collapse") {
      if (action === "expand") void this.store.expandGroup(group);
      else this.store.collapseGroup(group);
      this.#render();
      return /** @type {HTMLElement | null} */ (this.#dom.list.querySelector(`[data-group="${CSS.escape(group)}"]`))?.focus();
    }
    const at = this.#items().findIndex((item) => item.dataset.id === id);
    const done = action === "archive" ? this.store.archive([id]) : action === "unarchive" ? this.store.unarchive([id])
      : action === "delete" ? this.store.delete([id]) : this.store.snooze([id], new Date(Number(action)));
    this.#render();
    this.#focusItem(at);
    void done;
  }

  /** The quiet hours form: on or off, start and end, and the time zone they are in. */
  #saveQuietHours(/** @type {HTMLFormElement} */ form) {
    const field = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
    const enabled = field("enabled").checked;
    void this.store.updatePreferences({
      quietHours: enabled ? { enabled, start: field("start").value, end: field("end").value } : { enabled },
      timeZone: field("timeZone").value,
    });
  }

  /** A switch or a priority of the preferences centre: the change goes to the server, the store holds the result. */
  #onPreference(/** @type {HTMLInputElement} */ input) {
    const preferences = this.store.getSnapshot().preferences;
    const channel = /** @type {typeof CHANNELS[number]} */ (input.dataset.channel);
    if (!preferences || !channel) return;
    const { type } = input.dataset;
    void this.store.updatePreferences(type ? typeOverride(preferences, type, channel, input.checked)
      : { [channel]: input.type === "checkbox" ? { enabled: input.checked } : { minPriority: input.value } });
  }

  /** Channels (on, lowest priority), then channels by type for the types given, then the quiet hours. The panel
   * renders on every change of the store's state while it is open: the switches are built once per language and
   * list of types and then set in place, so that a render never replaces a switch under a key or a click. */
  #renderPreferences(/** @type {import("@notifications/client").Preferences | null} */ preferences) {
    const { t } = this.#l10n;
    const { prefs } = this.#dom;
    const el = (/** @type {string} */ tag, /** @type {Record<string, string>} */ attributes = {}, /** @type {Array<Node | string>} */ ...children) => {
      const node = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
      node.append(...children);
      return node;
    };
    if (!preferences) {
      this.#switchesFor = this.#quiet = null;
      return prefs.replaceChildren(el("p", { class: "empty" }, t("loading")));
    }
    const types = (this.getAttribute("types") ?? "").split(",").map((x) => x.trim()).filter(Boolean);
    const active = /** @type {HTMLElement | null} */ (this.shadowRoot?.activeElement ?? null);
    const shape = `${this.getAttribute("locale") ?? ""}|${types.join(",")}`;
    if (this.#switchesFor !== shape) {
      const checkbox = (/** @type {string} */ label, /** @type {Record<string, string>} */ data) =>
        el("input", { type: "checkbox", "aria-label": label, ...data });
      const channels = el("table", {}, el("caption", {}, t("channel")),
        el("tr", {}, el("th", { scope: "col" }, t("channel")), el("th", { scope: "col" }, t("enabled")), el("th", { scope: "col" }, t("minPriority"))),
        ...CHANNELS.map((channel) => {
          const name = t(channel);
          const select = el("select", {
            "data-channel": channel, "data-key": `${channel}-min`, "aria-label": t("actionsFor", { action: name, title: t("minPriority") }),
          }, ...["LOW", "NORMAL", "HIGH", "URGENT"].map((level) => el("option", { value: level }, t(/** @type {"level_LOW"} */ (`level_${level}`)))));
          return el("tr", {}, el("th", { scope: "row" }, name),
            el("td", {}, checkbox(t("actionsFor", { action: name, title: t("enabled") }), { "data-channel": channel, "data-key": `${channel}-on` })),
            el("td", {}, select));
        }));
      const byType = el("table", {}, el("caption", {}, t("byType")),
        el("tr", {}, el("th", { scope: "col" }, t("type")), ...CHANNELS.map((channel) => el("th", { scope: "col" }, t(channel)))),
        ...types.map((type) => el("tr", {}, el("th", { scope: "row" }, type), ...CHANNELS.map((channel) => el("td", {},
          checkbox(t("actionsFor", { action: type, title: t(channel) }), { "data-channel": channel, "data-type": type, "data-key": `${type}-${channel}` }))))));
      const focused = active && prefs.contains(active) ? active.dataset.key : undefined;
      prefs.replaceChildren(channels, ...(types.length ? [byType] : []));
      this.#switchesFor = shape;
      this.#quiet = null;
      if (focused) /** @type {HTMLElement | null} */ (prefs.querySelector(`[data-key="${CSS.escape(focused)}"]`))?.focus();
    }
    for (const node of prefs.querySelectorAll("[data-channel]")) {
      const input = /** @type {HTMLInputElement | HTMLSelectElement} */ (node);
      const channel = /** @type {typeof CHANNELS[number]} */ (input.dataset.channel);
      const { type } = input.dataset;
      if (input instanceof HTMLSelectElement) input.value = preferences[channel].minPriority;
      else input.checked = (type ? preferences.typeOverrides.find((o) => o.type === type)?.[channel] : null) ?? preferences[channel].enabled;
    }
    // The form is built again only when the saved preferences change: a render must not undo what is being typed.
    if (this.#quietFor !== preferences || !this.#quiet) {
      const inQuiet = active && this.#quiet?.contains(active) ? active.id : "";
      const quiet = this.#quietForm(preferences, el);
      if (this.#quiet) this.#quiet.replaceWith(quiet);
      else prefs.append(quiet);
      this.#quiet = quiet;
      if (inQuiet) /** @type {HTMLElement | null} */ (quiet.querySelector(`#${inQuiet}`))?.focus();
    }
    this.#quietFor = preferences;
  }

  /** The language and types the switches were built for (`#renderPreferences`); null: not built. */
  #switchesFor = /** @type {string | null} */ (null);
  /** @type {HTMLFormElement | null} */
  #quiet = null;
  /** @type {import("@notifications/client").Preferences | null} */
  #quietFor = null;

  #quietForm(
    /** @type {import("@notifications/client").Preferences} */ preferences,
    /** @type {(tag: string, attributes?: Record<string, string>, ...children: Array<Node | string>) => HTMLElement} */ el,
  ) {
    const { t } = this.#l10n;
    const input = (/** @type {Record<string, string>} */ attributes, /** @type {string} */ value) => {
      const node = /** @type {HTMLInputElement} */ (el("input", attributes));
      node.value = value;
      return node;
    };
    const enabled = /** @type {HTMLInputElement} */ (el("input", { type: "checkbox", name: "enabled", id: "quiet-on" }));
    enabled.checked = !!preferences.quietHours;
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    const zone = /** @type {HTMLSelectElement} */ (el("select", { name: "timeZone", id: "quiet-zone" },
      ...[...new Set([preferences.timeZone, "UTC", ...zones])].map((name) => el("option", { value: name }, name))));
    zone.value = preferences.timeZone;
    const fieldset = el("fieldset", { class: "quiet" }, el("legend", {}, t("quietHours")),
      el("p", { class: "note" }, t("quietHoursNote")),
      enabled, el("label", { for: "quiet-on" }, t("quietHoursOn")),
      el("label", { for: "quiet-start" }, t("quietFrom")),
      input({ type: "time", name: "start", id: "quiet-start" }, preferences.quietHours?.start ?? "22:00"),
      el("label", { for: "quiet-end" }, t("quietUntil")),
      input({ type: "time", name: "end", id: "quiet-end" }, preferences.quietHours?.end ?? "07:00"),
      el("label", { for: "quiet-zone" }, t("timeZone")), zone,
      el("button", { type: "submit", id: "quiet-save" }, t("save")));
    return /** @type {HTMLFormElement} */ (el("form", { part: "quiet-hours" }, fieldset));
  }

  #close() {
    this.#toggle(false);
    this.#dom.bell.focus();
  }

  #onOutside = (/** @type {Event} */ event) => {
    if (!event.composedPath().includes(this)) this.#toggle(false);
  };

  #items() {
    return /** @type {HTMLElement[]} */ ([...this.#dom.list.querySelectorAll("[data-id]")]);
  }

  /** Focus moves into the panel on open: the first item, or the panel itself when it is empty. */
  #focusItem(/** @type {number} */ index) {
    const items = this.#items();
    (items[Math.max(0, Math.min(items.length - 1, index))] ?? this.#dom.panel).focus();
  }

  #onKey(/** @type {KeyboardEvent} */ event) {
    if (event.key === "Escape") {
      event.stopPropagation();
      return this.#close();
    }
    const moves = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const items = this.#items();
    const at = items.indexOf(/** @type {HTMLElement} */ (this.shadowRoot?.activeElement));
    const step = moves[/** @type {keyof typeof moves} */ (event.key)];
    this.#focusItem(Number.isFinite(step) ? at + step : step > 0 ? items.length - 1 : 0);
  }

  /** Infinite scroll: the next page when the list is scrolled near its end. */
  #onScroll() {
    const { panel } = this.#dom;
    if (panel.scrollTop + panel.clientHeight >= panel.scrollHeight - 40) void this.store.loadMore();
  }

  // A macrotask, not a microtask: rendering replaces the clicked link, and a link removed before the click's
  // default action runs would not be followed.
  #scheduleRender() {
    if (!this.#renderTimer) this.#renderTimer = window.setTimeout(() => this.#render(), 0);
  }

  #render() {
    clearTimeout(this.#renderTimer);
    this.#renderTimer = 0;
    const state = this.store.getSnapshot();
    const { t } = this.#l10n;
    const { badge, bell, markAll, more, list, heading, live, error, tabs } = this.#dom;
    const refocus = this.#focusedControl();
    // "Load more" hidden once the last page is in (a click or the infinite scroll) drops the focus: the first
    // notification it brought takes it.
    const shownBefore = this.shadowRoot?.activeElement === more ? new Set(this.#items().map((item) => item.dataset.id)) : null;
    const unseen = this.getAttribute("badge") !== "unread";
    const count = unseen ? state.unseenCount : state.unreadCount;
    badge.hidden = count <= 0;
    badge.textContent = this.#l10n.count(count);
    const key = unseen ? "notificationsUnseen" : "notificationsUnread";
    bell.setAttribute("aria-label", count > 0 ? t(key, { count }) : t("notifications"));
    tabs.setAttribute("aria-label", t("filters"));
    const { unread, archived, type } = state.filter;
    const types = (this.getAttribute("types") ?? "").split(",").map((x) => x.trim()).filter(Boolean);
    const current = unread ? ":unread" : archived ? ":archived" : type ?? ":all";
    tabs.replaceChildren(...[[":all", t("all")], [":unread", t("unread")], ...types.map((x) => [x, x]), [":archived", t("archived")]]
      .map(([tab, label]) => {
        const button = document.createElement("button");
        Object.assign(button, { type: "button", textContent: label });
        button.dataset.tab = tab;
        button.setAttribute("aria-pressed", String(tab === current));
        return button;
      }));
    heading.textContent = t("notifications");
    this.#dom.state.dataset.state = state.connection;
    this.#dom.state.textContent = t(/** @type {"state_live"} */ (`state_${state.connection}`));
    markAll.textContent = t("markAllRead");
    /** @type {HTMLButtonElement} */ (markAll).disabled = state.unreadCount <= 0 || !this.store.token;
    more.hidden = !state.hasMore;
    more.textContent = state.loadingMore ? t("loading") : t("loadMore");
    error.textContent = state.error?.message ?? "";
    if (live.textContent !== this.#announced) live.textContent = this.#announced;
    const { prefs, prefsToggle } = this.#dom;
    prefsToggle.textContent = prefs.hidden ? t("preferences") : t("back");
    prefsToggle.setAttribute("aria-expanded", String(!prefs.hidden));
    tabs.hidden = list.hidden = !prefs.hidden;
    if (!prefs.hidden) more.hidden = true;
    const { bulk, tabRead, tabArchive } = this.#dom;
    bulk.hidden = !prefs.hidden;
    tabRead.textContent = t("markTabRead");
    tabArchive.textContent = t("archiveTab");
    /** @type {HTMLButtonElement} */ (tabRead).disabled = !state.items.some((n) => !n.isRead);
    /** @type {HTMLButtonElement} */ (tabArchive).disabled = !state.items.length;
    tabArchive.hidden = archived;
    if (this.#dom.panel.hidden) return; // the list is built when someone looks at it
    if (!prefs.hidden) return this.#renderPreferences(state.preferences);

    /** @type {Node[]} */
    const nodes = [];
    for (const [section, group] of /** @type {const} */ ([
      ["unread", state.items.filter((n) => !n.isRead)],
      ["read", state.items.filter((n) => n.isRead)],
    ])) {
      if (!group.length) continue;
      const h3 = document.createElement("h3");
      h3.textContent = t(section);
      const ul = document.createElement("ul");
      ul.className = section;
      ul.append(...group.map((n) => this.#renderItem(n)));
      nodes.push(h3, ul);
    }
    if (!nodes.length) {
      const empty = document.createElement("p");
      empty.className = "empty";
      empty.textContent = t("empty");
      nodes.push(empty);
    }
    list.replaceChildren(...nodes);
    // The item, tab or button that had the focus keeps it across the re-render (a mark, a live arrival).
    if (refocus) /** @type {HTMLElement | null} */ (this.#dom.panel.querySelector(refocus))?.focus();
    else if (shownBefore && more.hidden) this.#items().find((item) => !shownBefore.has(item.dataset.id))?.focus();
  }

  /** A selector for the focused control among those a render builds again: an item, a filter tab, an item's
   *  button (by its item and label: a snooze button's time changes) or a group's toggle (its label changes). */
  #focusedControl() {
    const active = /** @type {HTMLElement | null} */ (this.shadowRoot?.activeElement ?? null);
    const { id, tab, group, for: item } = active?.dataset ?? {};
    if (id) return `[data-id="${CSS.escape(id)}"]`;
    if (tab) return `[data-tab="${CSS.escape(tab)}"]`;
    if (group) return `[data-group="${CSS.escape(group)}"]`;
    if (item) return `[data-for="${CSS.escape(item)}"][aria-label="${CSS.escape(active?.getAttribute("aria-label") ?? "")}"]`;
    return null;
  }

  #renderItem(/** @type {Notification} */ n, member = false) {
    const li = document.createElement("li");
    const priority = ["LOW", "NORMAL", "HIGH", "URGENT"].includes(n.priority) ? n.priority : "NORMAL";
    li.className = `priority-${priority.toLowerCase()}`;
    const href = safeActionUrl(n.actionUrl);
    const item = document.createElement(href ? "a" : "button");
    item.className = "item";
    item.dataset.id = n.id;
    item.setAttribute("part", `item item-${priority.toLowerCase()}`);
    if (href) item.setAttribute("href", href);
    else /** @type {HTMLButtonElement} */ (item).type = "button";
    const parts = [
      ["priority", this.#l10n.t(/** @type {"priority_LOW"} */ (`priority_${priority}`))], ["title", n.title],
      ["message", n.message], ["meta", this.#l10n.when(n.createdAt)],
    ];
    if (href && n.actionText) parts.push(["action", n.actionText]);
    for (const [className, text] of parts) {
      const span = document.createElement("span");
      span.className = className;
      span.textContent = text;
      item.append(span);
    }
    if (n.groupCount && n.groupCount > 1 && !member) {
      const group = document.createElement("span");
      group.className = "group";
      group.textContent = this.#l10n.t("groupCount", { count: n.groupCount });
      item.append(group);
    }
    const actions = document.createElement("div");
    actions.className = "actions";
    actions.setAttribute("part", "actions");
    const { filter: { archived }, groups } = this.store.getSnapshot();
    /** @type {Array<[import("@notifications/client").MessageKey, string]>} */
    const choices = [[archived ? "unarchive" : "archive", archived ? "unarchive" : "archive"],
      ...snoozeChoices().map(([key, until]) => /** @type {[typeof key, string]} */ ([key, String(until.getTime())])),
      ["delete", "delete"]];
    const { t } = this.#l10n;
    for (const [label, action] of choices) {
      const button = document.createElement("button");
      Object.assign(button, { type: "button", textContent: t(label) });
      Object.assign(button.dataset, { action, for: n.id });
      button.setAttribute("aria-label", t("actionsFor", { action: t(label), title: n.title }));
      actions.append(button);
    }
    li.append(item, actions);
    // A grouped entry opens to the group's other notifications, listed below it.
    const members = n.groupKey ? groups[n.groupKey] : undefined;
    if (n.groupKey && n.groupCount && n.groupCount > 1 && !member) {
      const toggle = document.createElement("button");
      const label = members ? t("hideGroup") : t("showGroup", { count: n.groupCount });
      Object.assign(toggle, { type: "button", textContent: label });
      Object.assign(toggle.dataset, { action: members ? "collapse" : "expand", group: n.groupKey });
      toggle.setAttribute("aria-expanded", String(!!members));
      toggle.setAttribute("aria-label", t("actionsFor", { action: label, title: n.title }));
      actions.prepend(toggle);
      if (members) {
        const ul = document.createElement("ul");
        ul.className = "members";
        ul.setAttribute("part", "group");
        ul.setAttribute("aria-label", t("groupOf", { title: n.title }));
        ul.append(...members.filter((m) => m.id !== n.id).map((m) => this.#renderItem(m, true)));
        li.append(ul);
      }
    }
    return li;
  }
}

if (!customElements.get("notification-bell")) customElements.define("notification-bell", NotificationBell);
