// Bundles the element with its client and graphql-ws into web/notification-bell.js, the file the service serves at
// /ui/ (committed, so that running the service needs no build). `--check` fails when that file is not what the
// sources build to; `--size` prints the minified and gzipped size.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const entry = fileURLToPath(new URL("src/notification-bell.js", import.meta.url));
const served = fileURLToPath(new URL("../../web/notification-bell.js", import.meta.url));
const BANNER = "// Built by packages/element/build.mjs from packages/element and packages/client: do not edit.";

export async function bundle({ minify = false } = {}) {
  const result = await build({
    entryPoints: [entry], bundle: true, format: "esm", target: "es2022", minify, write: false,
    legalComments: minify ? "none" : "inline", banner: { js: BANNER }, logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await bundle();
  if (process.argv.includes("--check")) {
    if (readFileSync(served, "utf8") !== text) {
      console.error("web/notification-bell.js is out of date: run `npm run build` in packages/ and commit it");
      process.exit(1);
    }
  } else if (process.argv.includes("--size")) {
    const minified = await bundle({ minify: true });
    console.log(JSON.stringify({ minified: minified.length, gzipped: gzipSync(minified, { level: 9 }).length }));
  } else {
    writeFileSync(served, text);
  }
}
