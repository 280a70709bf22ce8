// End to end, driven by tests/test_frontend_e2e.py: Debian's Chromium under playwright-core against a real server.
// SCENARIO is "element" (the /ui/ page's <notification-bell>) or "react19"/"react18" (the example app, served at
// /example/ on the server's origin by request interception). It fails (exit code 1) at the first broken
// expectation and prints one JSON line of what it measured.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const { BASE, USER, USER_TOKEN, ADMIN_TOKEN, SCENARIO, SCREENSHOTS } = process.env;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const react = SCENARIO.startsWith("react");
const ROOT = react ? ".notification-center" : "notification-bell";
const WAIT = { timeout: 20_000 };

async function send(title, fields = {}) {
  const response = await fetch(`${BASE}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      query: "mutation($input: SendNotificationInput!) { sendNotification(input: $input) { notification { id } } }",
      variables: { input: { userId: USER, title, message: `about ${title}`, ...fields } },
    }),
  });
  const body = await response.json();
  assert.ok(body.data, JSON.stringify(body));
  return body.data.sendNotification.notification.id;
}

/** A query or mutation as the user. */
async function asUser(query, variables = {}) {
  const response = await fetch(`${BASE}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${USER_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert.ok(body.data, JSON.stringify(body));
  return body.data;
}

/** The websockets the pages of this run hold open, each with its page. */
const sockets = new Set();

async function openBell(context, { locale = "en", types = "", badge = "", grouped = false } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  // The page's running intervals, to find one left behind by a bell taken out of the page.
  await page.addInitScript(() => {
    const running = (window.__intervals = new Set());
    const [set, clear] = [window.setInterval.bind(window), window.clearInterval.bind(window)];
    window.setInterval = (...args) => {
      const id = set(...args);
      running.add(id);
      return id;
    };
    window.clearInterval = (id) => {
      running.delete(id);
      clear(id);
    };
  });
  page.on("websocket", (socket) => {
    const held = { page, socket };
    sockets.add(held);
    socket.on("close", () => sockets.delete(held));
  });
  page.on("close", () => {
    for (const held of sockets) if (held.page === page) sockets.delete(held);
  });
  if (react) {
    const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Example</title></head>
      <body><div id="root"></div><script type="module" src="/example/app.js"></script></body></html>`;
    await page.route(`${BASE}/example/**`, (route) =>
      route.request().url().endsWith("/app.js")
        ? route.fulfill({ contentType: "text/javascript", body: readFileSync(here(`../example/dist/app-${SCENARIO}.js`)) })
        : route.fulfill({ contentType: "text/html", body: html }));
    const hash = new URLSearchParams({ token: USER_TOKEN, endpoint: `${BASE}/graphql`, locale, types, badge });
    if (grouped) hash.set("grouped", "");
    await page.goto(`${BASE}/example/#${hash}`);
  } else {
    await page.goto(`${BASE}/ui/`);
    await page.evaluate(([token, locale, types, badge, grouped]) => {
      const bell = document.querySelector("notification-bell");
      bell.setAttribute("locale", locale);
      if (types) bell.setAttribute("types", types);
      if (badge) bell.setAttribute("badge", badge);
      if (grouped) bell.setAttribute("grouped", "");
      bell.token = token;
    }, [USER_TOKEN, locale, types, badge, grouped]);
  }
  await page.locator(`${ROOT} .bell`).waitFor(WAIT);
  return { page, errors };
}

const badge = (page) => page.locator(`${ROOT} .badge`);
/** The accessible label of the element that has the focus, through shadow roots. */
const activeLabel = (page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute("aria-label") ?? active?.textContent ?? "";
  });
/** The element that has the focus, through shadow roots. */
const focused = (page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { className: active?.className ?? "", id: active?.dataset?.id ?? null };
  });

async function axeScan(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async (root) => {
    const node = document.querySelector(root);
    const { violations } = await window.axe.run(node, { resultTypes: ["violations"] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  }, ROOT);
  return result;
}

// A page fulfilled by interception has no address, so Chromium's Local Network Access checks treat it as public and
// block its websocket to 127.0.0.1; a real deployment serves the app from an address of its own.
const args = ["--no-sandbox", "--disable-gpu", "--disable-features=LocalNetworkAccessChecks"];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
const report = {};
if (process.env.RESTART) {
  // The server is restarted by the test while it sends: the bell must end with each notification once.
  try {
    const { page, errors } = await openBell(await browser.newContext());
    await page.locator(`${ROOT}[data-state="live"], ${ROOT}[state="live"]`).waitFor(WAIT);
    console.log(JSON.stringify({ ready: true }));
    const lines = (await import("node:readline")).createInterface({ input: process.stdin });
    const ids = JSON.parse(await new Promise((resolve) => lines.once("line", resolve)));
    await badge(page).filter({ hasText: new RegExp(`^${ids.length}$`) }).waitFor({ timeout: 60_000 });
    await page.locator(`${ROOT} .bell`).click();
    await page.locator(`${ROOT} [data-id="${ids.at(-1)}"]`).waitFor(WAIT);
    report.shown = await page.locator(`${ROOT} [data-id]`).evaluateAll((items) => items.map((i) => i.dataset.id));
    report.errors = errors;
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report));
  process.exit(0);
}
if (process.env.INBOX) {
  // Seen on open, archive from the keyboard, the archived tab, and a type tab, against the real server.
  try {
    const { page, errors } = await openBell(await browser.newContext(), { types: "sale,inventory" });
    const sale = await send("Sale 1", { type: "sale" });
    const stock = await send("Stock low", { type: "inventory" });
    const newest = await send("Sale 2", { type: "sale" });
    await badge(page).filter({ hasText: /^3$/ }).waitFor(WAIT);
    const unseen = async () => (await asUser("{ counts(filters: [{seen: false}]) }")).counts[0];
    assert.equal(await unseen(), 3);

    await page.locator(`${ROOT} .bell`).click();
    await page.locator(`${ROOT} [data-id="${newest}"]`).waitFor(WAIT);
    for (let i = 0; i < 50 && (await unseen()) !== 0; i += 1) await new Promise((r) => setTimeout(r, 100));
    report.unseenAfterOpen = await unseen();
    await badge(page).waitFor({ state: react ? "detached" : "hidden", ...WAIT }); // the badge counts unseen ones
    report.unreadAfterOpen = (await asUser("{ unreadCount }")).unreadCount;

    // Keyboard only: the focus is on the newest item; Tab reaches its archive button, Enter archives it.
    assert.equal((await focused(page)).id, newest);
    await page.keyboard.press("Tab");
    assert.match(await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.getAttribute("aria-label") ?? "";
    }), /^Archive: Sale 2$/);
    await page.keyboard.press("Enter");
    await page.locator(`${ROOT} [data-id="${newest}"]`).waitFor({ state: "detached", ...WAIT });
    const listed = async () => page.locator(`${ROOT} [data-id]`).evaluateAll((items) => items.map((i) => i.dataset.id));
    report.afterArchive = await listed();
    const archivedQuery = "{ notifications(filter: {archived: true}) { edges { node { id } } } }";
    for (let i = 0; i < 50 && !report.archivedOnServer?.length; i += 1) {
      if (i) await new Promise((r) => setTimeout(r, 100));
      report.archivedOnServer = (await asUser(archivedQuery)).notifications.edges.map((e) => e.node.id);
    }
    report.shownError = await page.locator(`${ROOT} [role="alert"]`).allTextContents();

    const tab = (name) => page.locator(`${ROOT} .tabs button`, { hasText: new RegExp(`^${name}$`) });
    // From the keyboard: the example app's panel opens leftwards from a bell at the page's left edge.
    const choose = async (name) => {
      await tab(name).focus();
      await page.keyboard.press("Enter");
    };
    await choose("Archived");
    await page.locator(`${ROOT} [data-id="${sale}"]`).waitFor({ state: "detached", ...WAIT });
    await page.locator(`${ROOT} [data-id="${newest}"]`).waitFor(WAIT); // listed again, with the archived filter
    report.archivedTab = await listed();
    report.focusAfterTab = await activeLabel(page);
    assert.equal(await tab("Archived").getAttribute("aria-pressed"), "true");
    await choose("inventory");
    await page.locator(`${ROOT} [data-id="${stock}"]`).waitFor(WAIT);
    report.inventoryTab = await listed();
    await choose("sale");
    await page.locator(`${ROOT} [data-id="${sale}"]`).waitFor(WAIT);
    report.saleTab = await listed();
    report.ids = { sale, stock, newest };

    // The preferences centre, from the keyboard: email on, and in-app off for the inventory type.
    await page.locator(`${ROOT} .prefs-toggle`).focus();
    await page.keyboard.press("Enter");
    const emailOn = page.getByLabel("Email: On", { exact: true });
    await emailOn.waitFor(WAIT);
    const inventoryInApp = page.getByLabel("inventory: In the app", { exact: true });
    const inventorySwitch = await inventoryInApp.elementHandle();
    await emailOn.focus();
    await page.keyboard.press("Space");
    if (!react) {
      // Once the answer to the first change is rendered, the other switches are the ones that were there: a switch
      // built again by the render would lose a key or a click on its way (the answer may come in the middle of one).
      const answered = () => document.querySelector("notification-bell").store.getSnapshot().preferences?.email.enabled;
      await page.waitForFunction(answered, null, WAIT);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 0))); // after the render the answer scheduled
      report.switchKept = await inventorySwitch.evaluate((box) => box.isConnected);
    }
    await inventoryInApp.focus();
    await page.keyboard.press("Space");
    const preferences = "{ notificationPreferences { email { enabled } typeOverrides { type inApp } } }";
    for (let i = 0; i < 50; i += 1) {
      report.preferences = (await asUser(preferences)).notificationPreferences;
      if (report.preferences.email.enabled && report.preferences.typeOverrides.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    report.axePreferences = await axeScan(page);
    report.axe = await axeScan(page);

    // "Load more" from the keyboard: the last page loaded, the button goes, and the focus stays in the panel.
    await page.locator(`${ROOT} .prefs-toggle`).focus();
    await page.keyboard.press("Enter");
    for (let i = 0; i < 21; i += 1) await send(`Filler ${i}`);
    await choose("All");
    await page.locator(`${ROOT} .more`).waitFor(WAIT); // the All tab's first page is in
    await page.locator(`${ROOT} .more`).focus();
    await page.keyboard.press("Enter");
    await page.locator(`${ROOT} [data-id="${sale}"]`).waitFor(WAIT); // the oldest, on the second page
    await new Promise((r) => setTimeout(r, 100));
    report.focusInPanelAfterMore = await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return !!active?.closest(".panel");
    });
    report.errors = errors;
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report));
  process.exit(0);
}
if (process.env.MORE) {
  // Grouped entries opened and closed, a delete, the tab's bulk actions and quiet hours, from the keyboard.
  try {
    const { page, errors } = await openBell(await browser.newContext(), { grouped: true });
    const paid = await send("Order paid", { groupKey: "order:1" });
    const lone = await send("Lone");
    const shipped = await send("Order shipped", { groupKey: "order:1" });
    const delivered = await send("Order delivered", { groupKey: "order:1" });
    await badge(page).filter({ hasText: /^4$/ }).waitFor(WAIT);
    await page.locator(`${ROOT} .bell`).click();
    await page.locator(`${ROOT} [data-id="${delivered}"]`).waitFor(WAIT);
    const listed = async () => page.locator(`${ROOT} [data-id]`).evaluateAll((items) => items.map((i) => i.dataset.id));
    report.collapsed = await listed();
    // Seen on open: the grouped entry stands for its group, so the badge of unseen ones falls to none.
    await badge(page).waitFor({ state: react ? "detached" : "hidden", ...WAIT });
    report.unseenAfterOpen = (await asUser("{ counts(filters: [{seen: false}]) }")).counts[0];
    const press = async (locator, key = "Enter") => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    const toggle = page.getByRole("button", { name: "Show all 3: Order delivered", exact: true });
    await press(toggle);
    await page.locator(`${ROOT} .members [data-id="${paid}"]`).waitFor(WAIT);
    await new Promise((r) => setTimeout(r, 100)); // a render that loses the focus would have run
    report.expanded = await listed();
    report.focusAfterExpand = await activeLabel(page);
    report.toggleExpanded = await page.getByRole("button", { name: "Hide the group: Order delivered", exact: true })
      .getAttribute("aria-expanded");
    report.axeExpanded = await axeScan(page);

    await press(page.getByRole("button", { name: "Delete: Order shipped", exact: true }));
    await page.locator(`${ROOT} [data-id="${shipped}"]`).waitFor({ state: "detached", ...WAIT });
    const group = "{ notifications(filter: {groupKey: \"order:1\"}) { edges { node { id } } } }";
    for (let i = 0; i < 50; i += 1) {
      report.groupOnServer = (await asUser(group)).notifications.edges.map((e) => e.node.id);
      if (report.groupOnServer.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await press(page.getByRole("button", { name: "Hide the group: Order delivered", exact: true }));
    await page.locator(`${ROOT} .members`).waitFor({ state: "detached", ...WAIT });

    await press(page.getByRole("button", { name: "Mark all in this tab read", exact: true }));
    for (let i = 0; i < 50 && (report.unreadAfterBulk = (await asUser("{ unreadCount }")).unreadCount) !== 0; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 100));
    report.focusInPanelAfterBulk = await page.evaluate((root) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return !!active?.closest(".panel") || active?.classList.contains("panel");
    }, ROOT);
    await press(page.getByRole("button", { name: "Archive all in this tab", exact: true }));
    await page.locator(`${ROOT} [data-id]`).first().waitFor({ state: "detached", ...WAIT });
    const archived = "{ notifications(filter: {archived: true}) { edges { node { id } } } }";
    for (let i = 0; i < 50; i += 1) {
      report.archivedOnServer = (await asUser(archived)).notifications.edges.map((e) => e.node.id);
      if (report.archivedOnServer.length === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    await press(page.locator(`${ROOT} .prefs-toggle`));
    const quietOn = page.getByLabel("Quiet hours on", { exact: true });
    await quietOn.waitFor(WAIT);
    await press(quietOn, "Space");
    await page.getByLabel("From", { exact: true }).fill("21:30");
    await page.getByLabel("Until", { exact: true }).fill("06:45");
    await page.getByLabel("Time zone", { exact: true }).selectOption("Europe/Paris");
    await press(page.getByRole("button", { name: "Save", exact: true }));
    const quiet = "{ notificationPreferences { quietHours { start end } timeZone } }";
    for (let i = 0; i < 50; i += 1) {
      report.quietHours = (await asUser(quiet)).notificationPreferences;
      if (report.quietHours.quietHours) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    report.axePreferences = await axeScan(page);
    report.ids = { paid, lone, shipped, delivered };
    report.errors = errors;
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report));
  process.exit(0);
}
if (process.env.TABS) {
  // Two tabs of one token hold one websocket; the leader's tab closes and the other takes over, missing nothing.
  try {
    const context = await browser.newContext();
    const live = (page) => page.locator(`${ROOT}[data-state="live"], ${ROOT}[state="live"]`).waitFor(WAIT);
    const first = await openBell(context);
    await live(first.page);
    const second = await openBell(context);
    await live(second.page);
    const one = await send("Shared");
    await badge(first.page).filter({ hasText: /^1$/ }).waitFor(WAIT);
    await badge(second.page).filter({ hasText: /^1$/ }).waitFor(WAIT);
    report.socketsWithTwoTabs = sockets.size;
    report.leaderIsFirst = [...sockets].every((held) => held.page === first.page);

    await first.page.close(); // the leader's tab: the other takes over
    const two = await send("While the leader closes");
    await badge(second.page).filter({ hasText: /^2$/ }).waitFor(WAIT);
    for (let i = 0; i < 100 && sockets.size !== 1; i += 1) await new Promise((r) => setTimeout(r, 100));
    await live(second.page);
    report.socketsAfterClose = sockets.size;
    report.leaderIsSecond = [...sockets].every((held) => held.page === second.page);
    const three = await send("After the takeover");
    await badge(second.page).filter({ hasText: /^3$/ }).waitFor(WAIT);
    await second.page.locator(`${ROOT} .bell`).click();
    await second.page.locator(`${ROOT} [data-id="${three}"]`).waitFor(WAIT);
    report.shown = await second.page.locator(`${ROOT} [data-id]`).evaluateAll((items) => items.map((i) => i.dataset.id));
    report.ids = [one, two, three];
    if (!react) {
      // The bell taken out of the page with its panel open leaves nothing running behind it.
      report.intervalsLeft = await second.page.evaluate(() => {
        document.querySelector("notification-bell").remove();
        return window.__intervals.size;
      });
    }
    report.errors = [...first.errors, ...second.errors];
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report));
  process.exit(0);
}
try {
  const context = await browser.newContext();
  // The unread count, opted into: the unseen one (the default) falls to nothing when the panel opens.
  const first = await openBell(context, { badge: "unread" });
  const second = await openBell(context, { badge: "unread" });

  // A send raises the badge in both tabs with no reload.
  const older = await send("Older");
  await badge(first.page).filter({ hasText: /^1$/ }).waitFor(WAIT);
  const urgent = await send("Server on fire", { priority: "URGENT", actionUrl: "/incidents/1", actionText: "Open" });
  await badge(first.page).filter({ hasText: /^2$/ }).waitFor(WAIT);
  await badge(second.page).filter({ hasText: /^2$/ }).waitFor(WAIT);

  // Keyboard only: Tab to the bell, Enter opens and moves the focus in, arrows move, Escape closes and returns.
  const page = first.page;
  await page.locator("body").focus();
  for (let i = 0; i < 5 && !(await focused(page)).className.includes("bell"); i += 1) await page.keyboard.press("Tab");
  assert.match((await focused(page)).className, /bell/);
  assert.equal(await page.locator(`${ROOT} .bell`).getAttribute("aria-haspopup"), "dialog");
  await page.keyboard.press("Enter");
  await page.locator(`${ROOT} [data-id="${urgent}"]`).waitFor(WAIT);
  await page.waitForFunction(() => true);
  assert.equal((await focused(page)).id, urgent, "the newest item has the focus on open");
  assert.equal(await page.locator(`${ROOT} .bell`).getAttribute("aria-expanded"), "true");
  await page.keyboard.press("ArrowDown");
  assert.equal((await focused(page)).id, older);
  await page.keyboard.press("ArrowUp");
  assert.equal((await focused(page)).id, urgent);
  // Priority is text, not only colour.
  assert.equal(await page.locator(`${ROOT} [data-id="${urgent}"] .priority`).textContent(), "Urgent");

  // The axe-core scan of the open panel, light and dark.
  report.axe = { light: await axeScan(page) };
  await page.emulateMedia({ colorScheme: "dark" });
  report.axe.dark = await axeScan(page);
  if (SCREENSHOTS && !react) {
    await page.setViewportSize({ width: 900, height: 560 });
    await page.evaluate(() => document.querySelector(".bar").style.setProperty("justify-content", "flex-end"));
    await page.screenshot({ path: `${SCREENSHOTS}/bell-dark.png`, clip: { x: 420, y: 0, width: 480, height: 440 } });
    await page.emulateMedia({ colorScheme: "light" });
    await page.screenshot({ path: `${SCREENSHOTS}/bell-light.png`, clip: { x: 420, y: 0, width: 480, height: 440 } });
  }
  await page.emulateMedia({ colorScheme: "light" });

  await page.keyboard.press("Escape");
  await page.locator(`${ROOT} .panel`).waitFor({ state: react ? "detached" : "hidden", ...WAIT });
  assert.match((await focused(page)).className, /bell/, "Escape returns the focus to the bell");

  // A click marks read: the badge falls here and in the second tab.
  await page.keyboard.press("Enter");
  await page.locator(`${ROOT} [data-id="${older}"]`).click();
  await badge(page).filter({ hasText: /^1$/ }).waitFor(WAIT);
  await badge(second.page).filter({ hasText: /^1$/ }).waitFor(WAIT);
  assert.equal(await page.locator(`${ROOT} ul.read [data-id="${older}"]`).count(), 1);

  // The live region announces a new one, politely.
  await send("Announced");
  const live = page.locator(`${ROOT} [aria-live="polite"]`);
  await live.filter({ hasText: "New notification: Announced" }).waitFor(WAIT);

  // Another language: labels and counts from the French catalogue.
  const french = await openBell(context, { locale: "fr", badge: "unread" });
  await badge(french.page).filter({ hasText: /^2$/ }).waitFor(WAIT);
  report.frenchLabel = await french.page.locator(`${ROOT} .bell`).getAttribute("aria-label");

  // "Mark all read" from the keyboard disables itself: the focus stays in the panel, where Escape works.
  await page.bringToFront(); // the French tab came in front, and a tab behind gets no animation frames
  await page.locator(`${ROOT} .mark-all`).focus();
  await page.keyboard.press("Enter");
  await badge(page).waitFor({ state: react ? "detached" : "hidden", ...WAIT });
  await page.locator(`${ROOT} .mark-all:disabled`).waitFor(WAIT);
  await page.keyboard.press("Escape");
  await page.locator(`${ROOT} .panel`).waitFor({ state: react ? "detached" : "hidden", ...WAIT });

  report.errors = [...first.errors, ...second.errors, ...french.errors];
  await context.close();
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
