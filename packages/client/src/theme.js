// The bell's look, shared by the custom element (root ":host") and the React component (root
// ".notification-center"). Light by default, dark under prefers-color-scheme, either forced with the theme
// attribute (element) or prop (React, as data-theme). Every colour is a custom property a page may set.

export function centerStyles(/** @type {string} */ root, /** @type {string} */ attribute) {
  // `:host` takes its conditions in parentheses; a class selector is followed by them.
  const when = (/** @type {string} */ condition) => (root === ":host" ? `:host(${condition})` : `${root}${condition}`);
  return `
${root} { position: relative; display: inline-block; font: 14px/1.4 system-ui, sans-serif;
  --bell-accent: #0550ae; --bell-urgent: #cf222e; --bell-muted: #57606a; --bell-bg: #fff; --bell-fg: #1f2328;
  --bell-border: #d0d7de; --bell-hover: #f6f8fa; --bell-badge-bg: #cf222e; --bell-badge-fg: #fff; }
@media (prefers-color-scheme: dark) { ${when(`:not([${attribute}="light"])`)} { --bell-accent: #4493f8; --bell-urgent: #ff7b72;
  --bell-muted: #9198a1; --bell-bg: #151b23; --bell-fg: #f0f6fc; --bell-border: #3d444d; --bell-hover: #212830;
  --bell-badge-bg: #da3633; } }
${when(`[${attribute}="dark"]`)} { --bell-accent: #4493f8; --bell-urgent: #ff7b72; --bell-muted: #9198a1; --bell-bg: #151b23;
  --bell-fg: #f0f6fc; --bell-border: #3d444d; --bell-hover: #212830; --bell-badge-bg: #da3633; }
${root} button { font: inherit; cursor: pointer; }
${root} .bell { position: relative; border: 0; background: none; padding: 6px; border-radius: 50%; color: inherit; }
${root} .bell:hover, ${root} .bell:focus-visible { background: rgba(127, 127, 127, 0.15); }
${root} .bell svg { display: block; width: 24px; height: 24px; }
${root} .badge { position: absolute; top: 0; right: 0; min-width: 18px; height: 18px; padding: 0 4px; box-sizing: border-box;
  border-radius: 9px; background: var(--bell-badge-bg); color: var(--bell-badge-fg); font-size: 11px; font-weight: 600;
  line-height: 18px; text-align: center; }
${root} [hidden] { display: none !important; }
${root} .live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
${root} .panel { position: absolute; right: 0; top: calc(100% + 6px); z-index: 1000; width: 384px; max-height: 480px;
  overflow: auto; background: var(--bell-bg); color: var(--bell-fg); border: 1px solid var(--bell-border);
  border-radius: 8px; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.2); }
${root} .head { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid var(--bell-border); }
${root} .head h2 { margin: 0; font-size: 15px; flex: 1; }
${root} .state { font-size: 12px; color: var(--bell-muted); }
${root} .mark-all, ${root} .more { border: 0; background: none; color: var(--bell-accent); padding: 0; font-size: 12px; }
${root} .more { display: block; width: 100%; padding: 8px; }
${root} .mark-all:disabled { color: var(--bell-muted); cursor: default; }
${root} h3 { margin: 0; padding: 6px 12px; font-size: 12px; text-transform: uppercase; color: var(--bell-muted);
  background: var(--bell-hover); }
${root} ul { list-style: none; margin: 0; padding: 0; }
${root} .item { display: block; width: 100%; box-sizing: border-box; padding: 8px 12px; border: 0;
  border-bottom: 1px solid var(--bell-border); background: none; text-align: left; color: inherit; text-decoration: none; }
${root} .item:hover, ${root} .item:focus-visible { background: var(--bell-hover); }
${root} .unread .item { border-left: 3px solid var(--bell-accent); }
${root} .title { display: block; font-weight: 600; }
${root} .message { display: block; overflow-wrap: anywhere; }
${root} .meta, ${root} .priority { display: block; font-size: 12px; color: var(--bell-muted); }
${root} .priority-normal .priority, ${root} .priority-low .priority { position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip-path: inset(50%); }
${root} .action { color: var(--bell-accent); }
${root} .priority-low .title, ${root} .priority-low .message { color: var(--bell-muted); font-weight: normal; }
${root} .priority-high .title, ${root} .priority-high .priority { color: var(--bell-accent); }
${root} .priority-urgent .title, ${root} .priority-urgent .message, ${root} .priority-urgent .priority {
  color: var(--bell-urgent); font-weight: 700; }
${root} .empty, ${root} .error { padding: 16px 12px; color: var(--bell-muted); text-align: center; margin: 0; }
${root} .error { color: var(--bell-urgent); padding: 6px 12px; }
${root} .tabs { display: flex; flex-wrap: wrap; gap: 4px; padding: 6px 12px; border-bottom: 1px solid var(--bell-border); }
${root} .tabs button, ${root} .actions button { border: 1px solid var(--bell-border); border-radius: 12px; background: none;
  color: inherit; padding: 1px 8px; font-size: 12px; }
${root} .tabs button[aria-pressed="true"] { background: var(--bell-accent); border-color: var(--bell-accent); color: var(--bell-bg); }
${root} .actions { display: flex; gap: 4px; padding: 0 12px 6px; border-bottom: 1px solid var(--bell-border); }
${root} li:has(.actions) .item { border-bottom: 0; }
${root} .prefs { padding: 6px 12px; }
${root} .prefs table { width: 100%; border-collapse: collapse; margin-bottom: 8px; }
${root} .prefs th, ${root} .prefs td { text-align: left; padding: 3px 4px; font-size: 13px; }
${root} .prefs caption { text-align: left; font-weight: 600; padding: 4px 0; }
${root} .prefs-toggle { border: 0; background: none; color: var(--bell-accent); padding: 0; font-size: 12px; }
${root} .group { display: inline-block; font-size: 12px; color: var(--bell-muted); }
${root} .actions { flex-wrap: wrap; }
${root} .actions button { padding: 1px 6px; }
${root} .bulk { display: flex; gap: 12px; padding: 4px 12px; border-bottom: 1px solid var(--bell-border); }
${root} .bulk button { border: 0; background: none; color: var(--bell-accent); padding: 0; font-size: 12px; }
${root} .bulk button:disabled { color: var(--bell-muted); cursor: default; }
${root} .members { margin-left: 16px; border-left: 2px solid var(--bell-border); }
${root} .quiet { border: 0; padding: 0; margin: 0 0 8px; display: grid; grid-template-columns: auto 1fr; gap: 4px 8px;
  align-items: center; font-size: 13px; }
${root} .quiet legend { font-weight: 600; padding: 4px 0; }
${root} .quiet .note { grid-column: 1 / -1; margin: 0; font-size: 12px; color: var(--bell-muted); }
${root} .quiet select, ${root} .quiet input { font: inherit; }
${root} .quiet button[type="submit"] { grid-column: 2; justify-self: start; border: 1px solid var(--bell-accent);
  border-radius: 4px; background: var(--bell-accent); color: var(--bell-bg); padding: 2px 10px; }
`;
}
