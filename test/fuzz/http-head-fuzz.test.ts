// Fuzz of the request head (method, target, version, header lines, line ends) in front of every
// fixture, to a real Node-RED flow with small timeouts. The listener's design: a request it
// accepts gets 200 and its message; a refused one gets a 4xx and no message; a reply with
// `Connection: close` is followed by the close (the camera reconnects), any other reply leaves
// the connection usable. Either way the next good event is delivered.
import { strict as assert } from "node:assert";
import { defaultRegistry } from "../../src/server";
import { helper } from "../nodes/harness";
import { RawConnection, freePort, requestBytes, type RawResponse } from "../support/raw-http";
import { corpus, requireShared } from "./corpus";
import { Inbox, expectedFor, startFlow } from "./flow";
import { ProcessGuard, PrototypeWatch } from "./guards";
import { makeHeadCase, type HeadCase } from "./mutate-head";
import { FailureLog } from "./report";
import { fuzzCases, fuzzOnly, fuzzSeed, selected } from "./rng";

const HEAD_CASES_PER_FIXTURE = 10;
const TIMEOUTS = { headersMs: 1500, requestMs: 3000, checkIntervalMs: 100 };
/** 408: a head that never ends; 417: an Expect Node does not know; 431: over the header limit. */
const STATUSES = new Set([200, 400, 404, 405, 408, 413, 417, 431]);

async function finalReply(conn: RawConnection): Promise<RawResponse> {
  for (;;) {
    const res = await conn.response(TIMEOUTS.headersMs + 3000);
    if (res.status >= 200) return res; // 100 Continue precedes the real reply
  }
}

describe("fuzz: damaged request heads over HTTP to a real Node-RED flow", function () {
  this.timeout(240_000);
  const seed = fuzzSeed();
  const perFixture = Math.max(1, Math.round((fuzzCases(200) / 200) * HEAD_CASES_PER_FIXTURE));
  const only = fuzzOnly();
  const guard = new ProcessGuard();
  let prototypes: PrototypeWatch;
  let port: number;
  const conns: RawConnection[] = [];
  const connect = async (): Promise<RawConnection> => {
    const conn = await RawConnection.open(port);
    conns.push(conn);
    return conn;
  };

  before(async () => {
    requireShared();
    prototypes = new PrototypeWatch();
    guard.install();
    defaultRegistry.setTimeouts(TIMEOUTS);
    port = await freePort();
    await startFlow(port);
    assert.equal(defaultRegistry.stats(port)?.headersTimeout, TIMEOUTS.headersMs, "the flow runs on the test's timeouts");
  });
  after(async () => {
    for (const conn of conns) conn.destroy();
    await helper.unload();
    defaultRegistry.setTimeouts();
    guard.uninstall();
    assert.deepEqual(defaultRegistry.ports(), [], "the port stayed open after the flow stopped");
  });

  it(`sends every fixture behind ${perFixture} damaged heads; every reply per design, the next good event delivered`, async () => {
    const seeds = corpus();
    const good = seeds.map((s) => ({ s, e: expectedFor(s.bytes) })).find(({ s, e }) => e.status === 200 && e.message?.kind === "event" && s.bytes.length < 8192);
    assert.ok(good !== undefined && good.e.status === 200 && good.e.message !== undefined, "no good event fixture");
    const goodMessage = good.e.message;
    const inbox = new Inbox("out");
    const log = new FailureLog(seed, "dist/test/fuzz/http-head-fuzz.test.js", 1);
    const tally = new Map<string, number>();
    const started = Date.now();
    let conn = await connect();
    let total = 0;

    const runCase = async (headCase: HeadCase, body: Buffer): Promise<void> => {
      const expected = expectedFor(body);
      conn.send(headCase.body);
      const res = await finalReply(conn);
      assert.ok(STATUSES.has(res.status), `status ${res.status} ${res.text.slice(0, 60)}`);
      const closes = res.headers.connection === "close";
      if (res.status === 200 || (res.status === 400 && !closes)) {
        // The head was accepted, so the body decides, exactly as for an undamaged request.
        assert.equal(res.status, expected.status, "the body's own outcome");
        if (expected.status === 400) assert.equal(res.text, `${expected.error.message}\n`);
        else if (expected.message !== undefined) await inbox.expect(expected.message, "accepted post");
      }
      if (closes) {
        assert.equal(await conn.closesWithin(1000), true, `${res.status} said Connection: close but the socket stayed open`);
        conn = await connect();
      } else {
        assert.equal(conn.isClosed, false, `${res.status} without Connection: close, yet the socket closed`);
      }
      conn.send(requestBytes(good.s.bytes));
      const next = await conn.response(5000);
      assert.equal(next.status, 200, `good event after the case: ${next.status} ${next.text.slice(0, 60)}`);
      await inbox.expect(goodMessage, "good event");
      assert.equal(inbox.pending, 0, "a refused request delivered a message");
      const key = `${res.status}${closes ? "+close" : ""}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    };

    for (const fixture of seeds) {
      for (let i = 0; i < perFixture; i++) {
        if (!selected(`${fixture.id}#${i}`, only)) continue;
        const headCase = makeHeadCase(seed, fixture.id, fixture.bytes, i);
        total++;
        try {
          await runCase(headCase, fixture.bytes);
        } catch (err) {
          log.add(headCase, err);
          log.throwIfAny(total);
        }
      }
    }
    prototypes.check("after the head fuzz");
    await guard.check("during the head fuzz");
    if (process.env.VIEWTRON_REPORT_TIMINGS) {
      const counts = [...tally].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
      console.log(`      ${total} damaged heads in ${Date.now() - started} ms (seed ${seed}): ${counts}`);
    }
  });
});
