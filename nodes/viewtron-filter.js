// Runtime entry Node-RED loads (beside viewtron-filter.html); the code is compiled from src/nodes/viewtron-filter.ts.
module.exports = require("../dist/src/nodes/viewtron-filter.js").default;
