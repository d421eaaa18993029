#!/usr/bin/env node
// `npm start`: a local Node-RED (the devDependency) with this package loaded and a demo flow,
// in its own user directory (.node-red-demo/, git-ignored). Options: --port N (editor, default
// 1880), --host H (default 127.0.0.1), --fresh (replace the demo flow with the shipped one).
"use strict";
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(option("port", process.env.PORT || 1880));
const host = option("host", process.env.HOST || "127.0.0.1");
const userDir = path.resolve(option("user-dir", path.join(root, ".node-red-demo")));

// Node-RED finds packages in <userDir>/node_modules: link this checkout there.
const modules = path.join(userDir, "node_modules");
fs.mkdirSync(modules, { recursive: true });
const link = path.join(modules, "node-red-contrib-viewtron-events");
try {
  fs.rmSync(link, { recursive: true, force: true });
} catch {}
fs.symlinkSync(root, link, "dir");
fs.writeFileSync(
  path.join(userDir, "package.json"),
  JSON.stringify({ name: "viewtron-demo", private: true, dependencies: { "node-red-contrib-viewtron-events": "*" } }, null, 2),
);

const flows = path.join(userDir, "flows.json");
const demo = path.join(root, "scripts", "demo-flow.json");
if (args.includes("--fresh") || !fs.existsSync(flows)) fs.copyFileSync(demo, flows);

fs.writeFileSync(
  path.join(userDir, "settings.js"),
  `module.exports = ${JSON.stringify(
    { uiHost: host, uiPort: port, flowFile: "flows.json", credentialSecret: false, logging: { console: { level: "info" } } },
    null,
    2,
  )};\n`,
);

const red = require.resolve("node-red/red.js", { paths: [root] });
const child = spawn(process.execPath, [red, "--userDir", userDir, "--settings", path.join(userDir, "settings.js")], {
  stdio: "inherit",
});
const stop = () => child.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));
