// The example app bundled twice, with React 19 and with React 18 (example-react18's), for the end-to-end tests.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const react18 = { react: here("../example-react18/node_modules/react"), "react-dom": here("../example-react18/node_modules/react-dom") };

for (const [name, alias] of [["react19", {}], ["react18", react18]]) {
  await build({
    entryPoints: [here("src/app.js")], bundle: true, format: "esm", target: "es2022", minify: true, alias,
    outfile: here(`dist/app-${name}.js`), define: { "process.env.NODE_ENV": '"production"' }, logLevel: "warning",
  });
}
