// Runtime entry Node-RED loads (beside viewtron-config.html); the code is compiled from src/nodes/viewtron-config.ts.
module.exports = require("../dist/src/nodes/viewtron-config.js").default;
