#!/usr/bin/env node
// `npm start`: a local Node-RED (the devDependency) with this package loaded and a demo flow
// deployed, in its own user directory (.node-red-demo/, git-ignored).
//   --port N         editor port (default 1880, or $PORT)
//   --host H         editor address (default 127.0.0.1, or $HOST)
//   --camera-port N  where cameras post (default 5002): rewrites the demo flow's viewtron-config
//   --user-dir DIR   Node-RED user directory (default .node-red-demo)
//   --fresh          replace the user directory's flow with the shipped demo flow
//   --simulate       also run the camera simulator against the demo (events every 2 s)
"use strict";
const fs = require("fs");
const net = require("net");
const path = require("path");
const { spawn } = require("child_process");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const port = Number(option("port", process.env.PORT || 1880));
const host = option("host", process.env.HOST || "127.0.0.1");
const cameraPort = Number(option("camera-port", 5002));
const userDir = path.resolve(option("user-dir", path.join(root, ".node-red-demo")));

if (!fs.existsSync(path.join(root, "dist", "src", "nodes", "viewtron-in.js"))) {
  console.error("The package is not built: run `npm run build` (npm start does it for you).");
  process.exit(2);
}

// Node-RED finds packages in <userDir>/node_modules: link this checkout there.
const modules = path.join(userDir, "node_modules");
fs.mkdirSync(modules, { recursive: true });
const link = path.join(modules, "node-red-contrib-viewtron-events");
fs.rmSync(link, { recursive: true, force: true });
fs.symlinkSync(root, link, "dir");
fs.writeFileSync(
  path.join(userDir, "package.json"),
  JSON.stringify({ name: "viewtron-demo", private: true, dependencies: { "node-red-contrib-viewtron-events": "*" } }, null, 2),
);

const flowFile = path.join(userDir, "flows.json");
if (args.includes("--fresh") || !fs.existsSync(flowFile)) {
  const demo = JSON.parse(fs.readFileSync(path.join(root, "scripts", "demo-flow.json"), "utf8"));
  for (const node of demo) if (node.type === "viewtron-config") node.port = String(cameraPort);
  fs.writeFileSync(flowFile, JSON.stringify(demo, null, 2));
}

const settings = {
  uiHost: host,
  uiPort: port,
  flowFile: "flows.json",
  credentialSecret: false,
  logging: { console: { level: "info" } },
  editorTheme: { tours: false },
};
fs.writeFileSync(path.join(userDir, "settings.js"), `module.exports = ${JSON.stringify(settings, null, 2)};\n`);

const red = require.resolve("node-red/red.js", { paths: [root] });
const children = [];
const nodeRed = spawn(process.execPath, [red, "--userDir", userDir, "--settings", path.join(userDir, "settings.js")], {
  stdio: "inherit",
});
children.push(nodeRed);
console.log(`Editor: http://${host}:${port}/   cameras post to http://<this machine>:${cameraPort}/API`);

if (args.includes("--simulate")) startSimulator();

function startSimulator() {
  // Wait for the demo's listener, then feed it like a camera would.
  const deadline = Date.now() + 60_000;
  const tryConnect = () => {
    const socket = net.connect(cameraPort, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      const sim = spawn(
        process.execPath,
        [path.join(root, "bin", "viewtron-simulate"), "--url", `http://127.0.0.1:${cameraPort}/API`,
          "--scenario", "mixed", "--images", "--overview", "640x360", "--crop", "160x120", "--rate", "0.5",
          "--heartbeat", "30"],
        { stdio: "inherit" },
      );
      children.push(sim);
    });
    socket.once("error", () => {
      socket.destroy();
      if (Date.now() < deadline) setTimeout(tryConnect, 500);
      else console.error(`No listener on port ${cameraPort}: simulator not started.`);
    });
  };
  tryConnect();
}

const stop = () => {
  for (const child of children) child.kill("SIGINT");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
nodeRed.on("exit", (code) => {
  for (const child of children) if (child !== nodeRed) child.kill("SIGINT");
  process.exit(code ?? 0);
});
