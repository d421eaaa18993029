// Which Node-RED the runtime tests start: the devDependency (4.1.x), or another install named by
// VIEWTRON_NODE_RED (CI runs the suite a second time against Node-RED 5 on Node 22).
import path from "node:path";

/** Path to node-red's main file, for `helper.init(...)`. */
export function redPath(): string {
  const other = process.env.VIEWTRON_NODE_RED;
  return other ? require.resolve(path.resolve(other)) : require.resolve("node-red");
}

/** Folder of the core nodes that ship with that Node-RED (`@node-red/nodes/core`). */
export function coreNodesDir(): string {
  const nodes = require.resolve("@node-red/nodes/package.json", { paths: [path.dirname(redPath())] });
  return path.join(path.dirname(nodes), "core");
}
