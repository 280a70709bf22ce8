// The bell's weight beside other notification clients, each measured the same way: its entry bundled with every
// runtime dependency by esbuild for the browser, minified, then gzipped (level 9). Others are installed from npm
// into a temporary directory (`node size.mjs`, needs the registry); ours are bundled from this checkout.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const OTHERS = { "@novu/js": "3.19.2", "@knocklabs/client": "0.22.2" };
const ENTRIES = {
  "<notification-bell> with its client (ours)": "export * from '@notifications/element';",
  "@notifications/client, headless (ours)": "export * from '@notifications/client';",
  "@novu/js, headless": "export * from '@novu/js';",
  "@novu/js/ui, its UI with the client": "export * from '@novu/js/ui';",
  "@knocklabs/client, headless": "export * from '@knocklabs/client';",
};

async function measure(source, directory) {
  const entry = join(directory, `entry-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry], bundle: true, format: "esm", platform: "browser", target: "es2022", minify: true,
    write: false, legalComments: "none", logLevel: "silent", nodePaths: [join(directory, "node_modules")],
  });
  rmSync(entry);
  const text = result.outputFiles[0].contents;
  return { minified: text.length, gzipped: gzipSync(text, { level: 9 }).length };
}

const others = mkdtempSync(join(tmpdir(), "bell-size-"));
try {
  writeFileSync(join(others, "package.json"), "{}");
  const specs = Object.entries(OTHERS).map(([name, version]) => `${name}@${version}`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", ...specs], { cwd: others, stdio: "ignore" });
  const here = fileURLToPath(new URL(".", import.meta.url));
  for (const [label, source] of Object.entries(ENTRIES)) {
    const directory = source.includes("@notifications/") ? here : others;
    const { minified, gzipped } = await measure(source, directory);
    console.log(`| ${label} | ${(minified / 1024).toFixed(1)} KB | ${(gzipped / 1024).toFixed(1)} KB |`);
  }
} finally {
  rmSync(others, { recursive: true, force: true });
}
