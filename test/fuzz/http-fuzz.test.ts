// Fuzz over HTTP (issue 6, part 2): mutated fixtures posted over one real keep-alive socket to a
// real Node-RED flow. Per the listener's design (src/server/handle-request.ts), a body the parser
// refuses gets 400 and the connection stays usable (the body was read); any other body gets the
// success reply and, unless it is a heartbeat or no webhook, exactly its message in the flow; a
// body over the limit gets 413 and the connection is closed. After every case a good fixture is
// posted on the same socket (a new one only after a deliberate close) and must be delivered.
import { strict as assert } from "node:assert";
import { SUCCESS_REPLY } from "../../src/protocol/reply";
import type { ParsedMessage } from "../../src/protocol/types";
import { defaultRegistry } from "../../src/server";
import { helper, watch, type Watched } from "../nodes/harness";
import { RawConnection, freePort, requestBytes, type RawResponse } from "../support/raw-http";
import { corpus, requireShared } from "./corpus";
import { Inbox, expectedFor, startFlow } from "./flow";
import { ProcessGuard, PrototypeWatch } from "./guards";
import { makeCase, type FuzzCase } from "./mutate";
import { FailureLog } from "./report";
import { fuzzCases, fuzzOnly, fuzzSeed, selected } from "./rng";

/** HTTP cases per fixture: a fraction of the parse fuzz's count (each costs two round trips). */
const HTTP_CASES_PER_FIXTURE = 40;
const MAX_BODY_MB = 2;
const LIMIT = MAX_BODY_MB * 1024 * 1024;
const HEADERS = { "Content-Type": "application/xml; charset=utf-8" };

interface Good {
  id: string;
  bytes: Buffer;
  parsed: ParsedMessage;
}

/** Writes a whole request (a refused upload may be cut mid-write) and reads the reply. */
async function post(conn: RawConnection, body: Buffer): Promise<RawResponse> {
  conn.write(requestBytes(body, { headers: HEADERS })).catch(() => undefined);
  return conn.response(10_000);
}

describe("fuzz: mutated fixtures over HTTP to a real Node-RED flow", function () {
  this.timeout(240_000);
  const seed = fuzzSeed();
  const perFixture = Math.max(1, Math.round(fuzzCases(HTTP_CASES_PER_FIXTURE * 5) / 5));
  const only = fuzzOnly();
  const guard = new ProcessGuard();
  let prototypes: PrototypeWatch;
  let port: number;
  let conns: RawConnection[] = [];
  let inWatch: Watched;

  const connect = async (): Promise<RawConnection> => {
    const conn = await RawConnection.open(port);
    conns.push(conn);
    return conn;
  };

  before(async () => {
    requireShared();
    prototypes = new PrototypeWatch();
    guard.install();
    port = await freePort();
    await startFlow(port, MAX_BODY_MB);
    inWatch = watch("in");
  });
  after(async () => {
    for (const conn of conns) conn.destroy();
    await helper.unload();
    guard.uninstall();
    assert.deepEqual(defaultRegistry.ports(), [], "the port stayed open after the flow stopped");
  });

  it(`posts every fixture with ${perFixture} mutations each; replies per design, exact messages, the next good event delivered`, async () => {
    const seeds = corpus();
    const goods: Good[] = [];
    for (const s of seeds) {
      const expected = expectedFor(s.bytes);
      if (expected.status === 200 && expected.message !== undefined && s.bytes.length < 64 * 1024) goods.push({ id: s.id, bytes: s.bytes, parsed: expected.message });
    }
    assert.ok(goods.length >= 20, `only ${goods.length} good fixtures`);
    const inbox = new Inbox("out");
    const log = new FailureLog(seed, "dist/test/fuzz/http-fuzz.test.js", 1);
    const tally = new Map<string, number>();
    const started = Date.now();
    let conn = await connect();
    let total = 0;

    const runCase = async (fuzzCase: FuzzCase, good: Good): Promise<void> => {
      const expected = expectedFor(fuzzCase.body);
      const res = await post(conn, fuzzCase.body);
      let outcome: string;
      if (fuzzCase.body.length > LIMIT) {
        assert.equal(res.status, 413, "oversized body");
        assert.equal(res.headers.connection, "close", "413 closes the connection (the body was not read)");
        assert.equal(await conn.closesWithin(2000), true, "closed after 413");
        conn = await connect(); // the server closed it deliberately: the camera reconnects
        outcome = "413+reconnect";
      } else if (expected.status === 400) {
        assert.equal(res.status, 400, `expected 400 (${expected.error.code}), got ${res.status} ${res.text.slice(0, 80)}`);
        assert.equal(res.text, `${expected.error.message}\n`, "the reply names the reason");
        assert.ok(res.body.length <= 256, `a short reason, not ${res.body.length} bytes`);
        assert.notEqual(res.headers.connection, "close", "a refused body that was read keeps the connection");
        outcome = `400 ${expected.error.code}`;
      } else {
        assert.equal(res.status, 200, `expected 200, got ${res.status} ${res.text.slice(0, 80)}`);
        assert.equal(res.text, SUCCESS_REPLY);
        if (expected.message !== undefined) await inbox.expect(expected.message, "mutated body");
        outcome = expected.message === undefined ? "200 no message" : `200 ${expected.message.kind}`;
      }
      assert.equal(conn.isClosed, false, "the connection is still open");
      const port0 = conn.localPort;
      const next = await conn.request(good.bytes, { headers: HEADERS }, 5000);
      assert.equal(next.status, 200, `good fixture ${good.id} after the case`);
      assert.equal(conn.localPort, port0, "the good event went over the same socket");
      await inbox.expect(good.parsed, `good fixture ${good.id}`);
      assert.equal(inbox.pending, 0, "no other message was delivered");
      tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
    };

    for (const fixture of seeds) {
      for (let i = 0; i < perFixture; i++) {
        if (!selected(`${fixture.id}#${i}`, only)) continue;
        const fuzzCase = makeCase(seed, "http", fixture.id, fixture.bytes, i, []);
        total++;
        try {
          await runCase(fuzzCase, goods[total % goods.length]);
        } catch (err) {
          log.add(fuzzCase, err);
          log.throwIfAny(total); // the socket and inbox are in an unknown state: stop at the first
        }
      }
      prototypes.check(`after posting ${fixture.id}`);
    }
    await guard.check("during the HTTP fuzz");
    assert.equal(defaultRegistry.stats(port)?.sockets, 1, "only the camera's current connection is open");
    const internal = inWatch.errors.map((args) => String(args[0])).filter((key) => /parse-failure|client-error/.test(key));
    assert.deepEqual(internal, [], "the parser failed unexpectedly or the listener hit an internal error");
    if (process.env.VIEWTRON_REPORT_TIMINGS) {
      const counts = [...tally].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
      console.log(`      ${total} mutated posts (+${total} good) in ${Date.now() - started} ms (seed ${seed}): ${counts}`);
    }
    assert.ok(only !== undefined || total === seeds.length * perFixture, "every fixture visited");
  });
});
