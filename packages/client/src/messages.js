// Every label the bell shows, per language; `{name}` is filled in by translate(). Dates and counts go through Intl.

export const catalogues = {
  en: {
    notifications: "Notifications",
    notificationsUnread: "Notifications, {count} unread",
    markAllRead: "Mark all read",
    markRead: "Mark read",
    markUnread: "Mark unread",
    deleteRead: "Delete read",
    unread: "Unread",
    read: "Read",
    all: "All",
    empty: "No notifications yet.",
    loadMore: "Load more",
    loading: "Loading…",
    preferences: "Preferences",
    back: "Back",
    channel: "Channel",
    enabled: "On",
    minPriority: "Lowest priority",
    inApp: "In the app",
    email: "Email",
    sms: "Text message",
    priority_LOW: "Low priority",
    priority_NORMAL: "Normal priority",
    priority_HIGH: "High priority",
    priority_URGENT: "Urgent",
    level_LOW: "Low",
    level_NORMAL: "Normal",
    level_HIGH: "High",
    level_URGENT: "Urgent",
    state_idle: "Signed out",
    state_connecting: "Connecting…",
    state_live: "Live",
    state_reconnecting: "Reconnecting…",
    state_offline: "Offline",
    state_expired: "Session expired",
    justNow: "just now",
    announce: "New notification: {title}",
    error: "Something went wrong.",
    archive: "Archive",
    unarchive: "Unarchive",
    archived: "Archived",
    snoozeHour: "Snooze 1 h",
    snoozeTomorrow: "Snooze until tomorrow",
    filters: "Show",
    groupCount: "{count} in this group",
    actionsFor: "{action}: {title}",
    notificationsUnseen: "Notifications, {count} new",
    type: "Type",
    byType: "By type",
    delete: "Delete",
    markTabRead: "Mark all in this tab read",
    archiveTab: "Archive all in this tab",
    showGroup: "Show all {count}",
    hideGroup: "Hide the group",
    groupOf: "The group of {title}",
    quietHours: "Quiet hours",
    quietHoursNote: "Email and text messages wait until they end; the app and urgent ones do not.",
    quietHoursOn: "Quiet hours on",
    quietFrom: "From",
    quietUntil: "Until",
    timeZone: "Time zone",
    save: "Save",
  },
  fr: {
    notifications: "Notifications",
    notificationsUnread: "Notifications, {count} non lues",
    markAllRead: "Tout marquer comme lu",
    markRead: "Marquer comme lu",
    markUnread: "Marquer comme non lu",
    deleteRead: "Supprimer les lues",
    unread: "Non lues",
    read: "Lues",
    all: "Toutes",
    empty: "Aucune notification pour l’instant.",
    loadMore: "Charger plus",
    loading: "Chargement…",
    preferences: "Préférences",
    back: "Retour",
    channel: "Canal",
    enabled: "Activé",
    minPriority: "Priorité minimale",
    inApp: "Dans l’application",
    email: "E-mail",
    sms: "SMS",
    priority_LOW: "Priorité basse",
    priority_NORMAL: "Priorité normale",
    priority_HIGH: "Priorité haute",
    priority_URGENT: "Urgent",
    level_LOW: "Basse",
    level_NORMAL: "Normale",
    level_HIGH: "Haute",
    level_URGENT: "Urgente",
    state_idle: "Déconnecté",
    state_connecting: "Connexion…",
    state_live: "En direct",
    state_reconnecting: "Reconnexion…",
    state_offline: "Hors ligne",
    state_expired: "Session expirée",
    justNow: "à l’instant",
    announce: "Nouvelle notification : {title}",
    error: "Une erreur est survenue.",
    archive: "Archiver",
    unarchive: "Désarchiver",
    archived: "Archivées",
    snoozeHour: "Reporter d’1 h",
    snoozeTomorrow: "Reporter à demain",
    filters: "Afficher",
    groupCount: "{count} dans ce groupe",
    actionsFor: "{action} : {title}",
    notificationsUnseen: "Notifications, {count} nouvelles",
    type: "Type",
    byType: "Par type",
    delete: "Supprimer",
    markTabRead: "Tout marquer comme lu dans cet onglet",
    archiveTab: "Tout archiver dans cet onglet",
    showGroup: "Afficher les {count}",
    hideGroup: "Masquer le groupe",
    groupOf: "Le groupe de {title}",
    quietHours: "Heures calmes",
    quietHoursNote: "Les e-mails et SMS attendent leur fin ; l’application et l’urgent, non.",
    quietHoursOn: "Heures calmes activées",
    quietFrom: "De",
    quietUntil: "À",
    timeZone: "Fuseau horaire",
    save: "Enregistrer",
  },
};

/** @typedef {keyof typeof catalogues.en} MessageKey */

/** The catalogue for a BCP 47 locale ("fr-CA" -> fr), English when there is none. */
export function catalogueFor(/** @type {string | undefined} */ locale) {
  const language = /** @type {keyof typeof catalogues} */ ((locale ?? "en").toLowerCase().split("-")[0]);
  return catalogues[language] ?? catalogues.en;
}

/** Labels and formats for one locale. */
export function localise(/** @type {string | undefined} */ locale) {
  const catalogue = catalogueFor(locale);
  const numbers = new Intl.NumberFormat(locale);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return {
    /** @param {MessageKey} key @param {Record<string, string | number>} [values] */
    t(key, values = {}) {
      return catalogue[key].replace(/\{(\w+)\}/g, (_, name) =>
        typeof values[name] === "number" ? numbers.format(/** @type {number} */ (values[name])) : String(values[name] ?? ""));
    },
    /** The badge's text: the count, capped at 99+. */
    count(/** @type {number} */ n) {
      return n > 99 ? `${numbers.format(99)}+` : numbers.format(n);
    },
    /** "5 minutes ago", or the date beyond a week. */
    when(/** @type {string} */ iso, now = Date.now()) {
      const seconds = (Date.parse(iso) - now) / 1000;
      if (!Number.isFinite(seconds)) return "";
      if (Math.abs(seconds) >= 7 * 86400) return dates.format(new Date(iso));
      for (const [unit, size] of /** @type {const} */ ([["day", 86400], ["hour", 3600], ["minute", 60]])) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      }
      return catalogue.justNow;
    },
  };
}
