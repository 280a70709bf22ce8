// The admin view (admin.html): send notifications, register users and browse what was sent, with an admin or
// service token. Plain DOM, no dependencies; every value from the server or the user is set with textContent.

const ENDPOINT = new URL("../graphql", location.href); // relative, so it also works behind a path prefix

const RESULT = "delivered skipped duplicate notification { id title createdAt }";
const SEND = {
  one: `mutation AdminSend($input: SendNotificationInput!) { sendNotification(input: $input) { ${RESULT} } }`,
  several: `mutation AdminSendBulk($input: SendBulkNotificationsInput!) {
    sendBulkNotifications(input: $input) { ${RESULT} }
  }`,
  tenant: `mutation AdminSendTenant($input: SendTenantNotificationInput!) {
    sendTenantNotification(input: $input) { ${RESULT} }
  }`,
};
const REGISTER = "mutation AdminRegister($input: RegisterUsersInput!) { registerUsers(input: $input) { registered } }";
const HISTORY = `query AdminHistory($after: String, $tenantId: ID) {
  sentNotifications(first: 20, after: $after, tenantId: $tenantId) {
    edges { cursor node { senderName delivered read skipped notification { id title type priority createdAt } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const TRIGGER = `mutation AdminTrigger($input: TriggerEventInput!) { triggerEvent(input: $input) { ${RESULT} } }`;
const TEMPLATE_FIELDS = "event locale type priority title message actionUrl actionText shipped";
const TEMPLATES = `query AdminTemplates($tenantId: ID) { eventTemplates(tenantId: $tenantId) { ${TEMPLATE_FIELDS} } }`;
const UPSERT = `mutation AdminUpsertTemplate($input: EventTemplateInput!) {
  upsertEventTemplate(input: $input) { event locale }
}`;
const DELETE = `mutation AdminDeleteTemplate($event: String!, $locale: String!, $tenantId: ID) {
  deleteEventTemplate(event: $event, locale: $locale, tenantId: $tenantId) { deletedCount }
}`;
// Dates as the reader's browser writes them (its language and time zone).
const SHOWN_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

const $ = (id) => document.getElementById(id);

class RequestError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

async function graphql(query, variables) {
  const token = $("token").value.trim();
  if (!token) throw new RequestError("Paste an admin or service token first.", "NO_TOKEN");
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new RequestError(`The server answered HTTP ${response.status}.`, "HTTP_ERROR");
  }
  const error = body.errors?.[0];
  if (error) throw new RequestError(error.message, error.extensions?.code ?? "ERROR");
  if (!response.ok) throw new RequestError(`The server answered HTTP ${response.status}.`, "HTTP_ERROR");
  return body.data;
}

function show(element, text, ok) {
  element.textContent = text;
  element.className = `result ${ok ? "ok" : "error"}`;
}

function showError(element, error) {
  show(element, `${error.message} (${error.code ?? "ERROR"})`, false);
}

const optional = (value) => (value.trim() === "" ? undefined : value.trim());

// --- sending ----------------------------------------------------------------------------------------------

function syncMode() {
  const mode = $("mode").value;
  $("user-row").hidden = mode !== "one";
  $("users-row").hidden = mode !== "several";
  $("user-id").required = mode === "one";
  $("user-ids").required = mode === "several";
}

/** The mutation's input from the form; throws a RequestError for what the browser can tell is wrong. */
function sendInput(mode) {
  const input = {
    title: $("title").value,
    message: $("message").value,
    type: optional($("type").value) ?? "system",
    priority: $("priority").value,
    tenantId: optional($("send-tenant").value),
    actionUrl: optional($("action-url").value),
    actionText: optional($("action-text").value),
    idempotencyKey: optional($("idempotency-key").value),
  };
  if (mode === "one") input.userId = $("user-id").value.trim();
  if (mode === "several") input.userIds = $("user-ids").value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
  const metadata = optional($("metadata").value);
  if (metadata !== undefined) {
    try {
      input.metadata = JSON.parse(metadata);
    } catch (error) {
      throw new RequestError(`Metadata is not valid JSON: ${error.message}`, "INVALID_JSON");
    }
  }
  const expires = $("expires-at").value;
  // datetime-local is the browser's local time without a zone; the API needs one, so send it as UTC.
  if (expires) input.expiresAt = new Date(expires).toISOString();
  return input;
}

async function send(event) {
  event.preventDefault();
  const result = $("send-result");
  const mode = $("mode").value;
  const button = event.submitter;
  if (button) button.disabled = true;
  try {
    const data = await graphql(SEND[mode], { input: sendInput(mode) });
    const outcome = Object.values(data)[0];
    const parts = [`Delivered: ${outcome.delivered}`, `skipped: ${outcome.skipped}`];
    if (outcome.duplicate) parts.push("duplicate: this idempotency key was already used, nothing new was sent");
    parts.push(`notification ${outcome.notification.id}`);
    show(result, parts.join(", "), true);
    Object.assign(result.dataset, {
      delivered: outcome.delivered, skipped: outcome.skipped, duplicate: outcome.duplicate,
      id: outcome.notification.id,
    });
    await loadHistory(); // the new one on top
  } catch (error) {
    showError(result, error);
  } finally {
    if (button) button.disabled = false;
  }
}

// --- events and templates ---------------------------------------------------------------------------------

function syncTriggerMode() {
  const mode = $("trigger-mode").value;
  $("trigger-users-row").hidden = mode !== "users";
  $("trigger-topic-row").hidden = mode !== "topic";
}

function parseObject(text, what) {
  const given = optional(text);
  if (given === undefined) return undefined;
  try {
    return JSON.parse(given);
  } catch (error) {
    throw new RequestError(`${what} is not valid JSON: ${error.message}`, "INVALID_JSON");
  }
}

async function trigger(event) {
  event.preventDefault();
  const result = $("trigger-result");
  const mode = $("trigger-mode").value;
  try {
    const input = {
      event: $("event").value.trim(),
      tenantId: optional($("trigger-tenant").value),
      data: parseObject($("trigger-data").value, "Data"),
      actor: optional($("trigger-actor").value),
      locale: optional($("trigger-locale").value),
      idempotencyKey: optional($("trigger-key").value),
    };
    if (mode === "users") input.userIds = $("trigger-users").value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
    if (mode === "tenant") input.toTenant = true;
    if (mode === "topic") input.topic = $("trigger-topic").value.trim();
    const outcome = (await graphql(TRIGGER, { input })).triggerEvent;
    const parts = [`Delivered: ${outcome.delivered}`, `skipped: ${outcome.skipped}`];
    if (outcome.duplicate) parts.push("duplicate: this idempotency key was already used, nothing new was sent");
    parts.push(`"${outcome.notification.title}"`);
    show(result, parts.join(", "), true);
    result.dataset.id = outcome.notification.id;
    await loadHistory();
  } catch (error) {
    showError(result, error);
  }
}

let templatesTenant; // the tenant the templates table shows, for its edit and delete buttons

function editTemplate(t) {
  const fields = {
    "template-event": t.event, "template-locale": t.locale, "template-type": t.type,
    "template-priority": t.priority, "template-title": t.title, "template-message": t.message,
    "template-action-url": t.actionUrl ?? "", "template-action-text": t.actionText ?? "",
  };
  for (const [id, value] of Object.entries(fields)) $(id).value = value;
  $("template-event").focus();
}

async function deleteTemplate(t) {
  const result = $("templates-result");
  try {
    await graphql(DELETE, { event: t.event, locale: t.locale, tenantId: templatesTenant });
    await loadTemplates({ tenantId: templatesTenant });
    show(result, `Deleted ${t.event} (${t.locale}).`, true);
  } catch (error) {
    showError(result, error);
  }
}

async function loadTemplates({ tenantId = optional($("templates-tenant").value) } = {}) {
  const result = $("templates-result");
  try {
    const templates = (await graphql(TEMPLATES, { tenantId })).eventTemplates;
    templatesTenant = tenantId;
    const rows = templates.map((t) => {
      const tr = document.createElement("tr");
      tr.dataset.key = `${t.event}/${t.locale}`;
      for (const value of [t.event, t.locale, t.type, t.priority, t.title, t.shipped ? "shipped" : "tenant"]) {
        const td = document.createElement("td");
        td.textContent = value;
        tr.append(td);
      }
      const actions = document.createElement("td");
      const edit = document.createElement("button");
      edit.type = "button";
      edit.textContent = "Edit";
      edit.addEventListener("click", () => editTemplate(t));
      actions.append(edit);
      if (!t.shipped) {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "Delete";
        remove.className = "delete";
        remove.addEventListener("click", () => deleteTemplate(t));
        actions.append(remove);
      }
      tr.append(actions);
      return tr;
    });
    $("templates").replaceChildren(...rows);
    const names = [...new Set(templates.map((t) => t.event))].map((name) => Object.assign(
      document.createElement("option"), { value: name },
    ));
    $("event-names").replaceChildren(...names);
    result.textContent = "";
    result.className = "result";
  } catch (error) {
    showError(result, error);
  }
}

async function saveTemplate(event) {
  event.preventDefault();
  const result = $("template-result");
  const input = {
    event: $("template-event").value.trim(),
    locale: $("template-locale").value.trim(),
    type: $("template-type").value.trim(),
    priority: $("template-priority").value,
    title: $("template-title").value,
    message: $("template-message").value,
    actionUrl: optional($("template-action-url").value),
    actionText: optional($("template-action-text").value),
    tenantId: optional($("templates-tenant").value),
  };
  try {
    const saved = (await graphql(UPSERT, { input })).upsertEventTemplate;
    show(result, `Saved ${saved.event} (${saved.locale}).`, true);
    await loadTemplates({ tenantId: input.tenantId });
  } catch (error) {
    showError(result, error);
  }
}

// --- registering ------------------------------------------------------------------------------------------

async function register(event) {
  event.preventDefault();
  const result = $("register-result");
  const users = $("register-users").value.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const [userId, email, phone] = line.split(",").map((s) => s.trim());
    return { userId, email: email || undefined, phone: phone || undefined };
  });
  try {
    const data = await graphql(REGISTER, { input: { users, tenantId: optional($("register-tenant").value) } });
    show(result, `Registered: ${data.registerUsers.registered}`, true);
  } catch (error) {
    showError(result, error);
  }
}

// --- history ----------------------------------------------------------------------------------------------

let nextPage = null; // the endCursor to ask "older" from
let shownTenant; // the tenant the table shows: "older" pages through the same one, whatever the input says now

async function loadHistory({ older = false } = {}) {
  const result = $("history-result");
  const tenantId = older ? shownTenant : optional($("history-tenant").value);
  try {
    const data = await graphql(HISTORY, { after: older ? nextPage : null, tenantId });
    shownTenant = tenantId;
    const page = data.sentNotifications;
    const rows = page.edges.map(({ node }) => {
      const n = node.notification;
      const cells = [
        SHOWN_DATE.format(new Date(n.createdAt)), n.id, n.type, n.priority, n.title, node.senderName,
        node.delivered, node.read, node.skipped,
      ];
      const tr = document.createElement("tr");
      tr.dataset.id = n.id;
      cells.forEach((value, index) => {
        const td = document.createElement("td");
        td.textContent = String(value);
        if (index >= 6) td.className = "num";
        tr.append(td);
      });
      return tr;
    });
    if (older) $("history").append(...rows);
    else $("history").replaceChildren(...rows);
    nextPage = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    $("older").hidden = nextPage === null;
    result.textContent = $("history").children.length ? "" : "Nothing sent yet.";
    result.className = "result";
  } catch (error) {
    showError(result, error);
  }
}

$("mode").addEventListener("change", syncMode);
$("send-form").addEventListener("submit", send);
$("register-form").addEventListener("submit", register);
$("history-form").addEventListener("submit", (event) => {
  event.preventDefault();
  loadHistory();
});
$("older").addEventListener("click", () => loadHistory({ older: true }));
$("token").addEventListener("change", () => loadHistory());
$("trigger-mode").addEventListener("change", syncTriggerMode);
$("trigger-form").addEventListener("submit", trigger);
$("templates-form").addEventListener("submit", (event) => {
  event.preventDefault();
  loadTemplates();
});
$("template-form").addEventListener("submit", saveTemplate);
syncMode();
syncTriggerMode();
