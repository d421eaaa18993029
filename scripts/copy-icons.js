// Node-RED serves palette icons from an "icons" folder beside each node's runtime .js file.
// The design card keeps them at the top level, so the build copies them into nodes/icons.
"use strict";
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const from = path.join(root, "icons");
const to = path.join(root, "nodes", "icons");
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from)) {
  if (name.endsWith(".svg")) fs.copyFileSync(path.join(from, name), path.join(to, name));
}
