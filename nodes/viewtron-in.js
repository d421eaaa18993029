// Runtime entry Node-RED loads (beside viewtron-in.html); the code is compiled from src/nodes/viewtron-in.ts.
module.exports = require("../dist/src/nodes/viewtron-in.js").default;
