// The example app bundled with React 19 and with React 18 (example-react18's), for the end-to-end tests; and with
// React 19's development build, where StrictMode mounts, unmounts and mounts again.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const react18 = { react: here("../example-react18/node_modules/react"), "react-dom": here("../example-react18/node_modules/react-dom") };

for (const [name, alias, mode] of [["react19", {}, "production"], ["react18", react18, "production"], ["react19-dev", {}, "development"]]) {
  await build({
    entryPoints: [here("src/app.js")], bundle: true, format: "esm", target: "es2022", minify: true, alias,
    outfile: here(`dist/app-${name}.js`), define: { "process.env.NODE_ENV": JSON.stringify(mode) }, logLevel: "warning",
  });
}
