// The package's main entry: what users' function nodes and scripts get from require().
import assert from "node:assert/strict";
import * as entry from "../../src/index";

describe("package entry", () => {
  it("exports parseMessage, ViewtronParseError and the success reply", () => {
    assert.equal(typeof entry.parseMessage, "function");
    assert.equal(typeof entry.ViewtronParseError, "function");
    assert.equal(
      entry.SUCCESS_REPLY,
      '<?xml version="1.0" encoding="UTF-8"?>\n<config version="1.0" xmlns="http://www.ipc.com/ver10">\n' +
        "  <status>success</status>\n</config>\n",
    );
  });

  it("is what package.json's main points at", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require("../../.."); // dist/test/protocol -> package root
    assert.equal(main.parseMessage, entry.parseMessage);
  });

  it("parses an empty body as a heartbeat and throws a coded error on garbage", () => {
    assert.equal(entry.parseMessage("").kind, "keepalive");
    assert.throws(
      () => entry.parseMessage(Buffer.from([0x00, 0xff, 0x13])),
      (err: unknown) => err instanceof entry.ViewtronParseError && err.code === "not-xml",
    );
  });
});
