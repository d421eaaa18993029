// bin/viewtron-simulate as a child process against a loopback server: output and exit codes.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { repoPath } from "../support/paths";
import { parseMessage } from "../../src/protocol/parse";
import { startLoopback, type Loopback, type Responder } from "./loopback";

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously (the server lives in this process), killed after `limitMs`. */
function simulate(args: string[], limitMs = 8000): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [repoPath("bin", "viewtron-simulate"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("viewtron-simulate CLI", function () {
  this.timeout(15000);
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const serve = async (respond?: Responder): Promise<Loopback> => (server = await startLoopback(respond));

  it("prints usage with --help and exits 0", async () => {
    const r = await simulate(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: viewtron-simulate --url URL/);
    assert.match(r.stdout, /--scenario NAME +car-arrives \| person-at-night \| mixed/);
  });

  it("exits 0 when every answer is the success reply, one line per post and a summary", async () => {
    const s = await serve();
    const r = await simulate(["--url", s.url, "--type", "VEHICE", "--plate", "AB123CD", "--count", "3", "--cameras", "2"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    const posts = lines.filter((l) => l.startsWith("cam "));
    assert.equal(posts.length, 6);
    assert.match(posts[0], /^cam [12] {2}event VEHICE plate=AB123CD {2}\d+\.\d KB -> 200 ok {2}\d+\.\d ms$/);
    assert.match(r.stdout, /sent 6 \(0 heartbeats, [\d.]+ KB\) from 2 camera\(s\) over 2 connection\(s\)/);
    assert.match(r.stdout, /answers: 6 ok, 0 failed; latency p50 [\d.]+ ms, p99 [\d.]+ ms/);
    assert.equal(s.connections, 2);
    for (const req of s.requests) {
      const p = parseMessage(req.body);
      assert.ok(p.kind === "event" && p.plate?.number === "AB123CD");
    }
  });

  it("exits 1 when the server answers 500", async () => {
    const s = await serve(() => ({ status: 500, body: "error" }));
    const r = await simulate(["--url", s.url, "--format", "nvr", "--kind", "alarmStatus", "--quiet"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /answers: 0 ok, 1 failed/);
    assert.match(r.stdout, /1 x HTTP 500/);
    assert.doesNotMatch(r.stdout, /^cam /m, "--quiet prints the summary only");
  });

  it("exits 1 when the server is unreachable", async () => {
    const s = await serve();
    const url = s.url;
    await s.close();
    server = undefined;
    const r = await simulate(["--url", url, "--count", "20"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /server unreachable/);
  });

  it("exits 2 on bad options without posting", async () => {
    const s = await serve();
    const bad = [["--url", s.url, "--kind", "bogus"], ["--url", s.url, "--format", "nvr", "--kind", "traject"], ["--count", "1"], ["--url", s.url, "--nope"]];
    const results = await Promise.all(bad.map((args) => simulate(args)));
    results.forEach((r, i) => {
      assert.equal(r.code, 2, bad[i].join(" "));
      assert.match(r.stderr, /viewtron-simulate: /);
    });
    assert.equal(s.requests.length, 0);
  });

  it("posts files byte for byte and a scenario with images", async () => {
    const s = await serve();
    const file = repoPath("test", "fixtures", "nvr-v2", "vehicle.xml");
    const r = await simulate(["--url", s.url, "--file", file, "--count", "2"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /event vehicle plate=0042HB file=vehicle\.xml/);
    const fs = await import("node:fs");
    assert.ok(s.requests[0].body.equals(fs.readFileSync(file)));

    s.requests.length = 0;
    const scenario = await simulate([
      "--url", s.url, "--format", "nvr", "--scenario", "car-arrives", "--rate", "200", "--overview", "160x90", "--crop", "40x30",
    ]);
    assert.equal(scenario.code, 0, scenario.stderr);
    const plate = parseMessage(s.requests[0].body);
    assert.ok(plate.kind === "event" && plate.images?.source && plate.images.target);
    assert.equal(plate.images.source[0], 0xff);
  });
});
