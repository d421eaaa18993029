// The listener's pure parts: allow-list, basic auth, address/path normalisation, device tracking and matching.
import assert from "node:assert/strict";
import { Socket } from "node:net";
import { parseAllowList } from "../../src/server/allow-list";
import { basicAuth, parseBasic, sameCredentials } from "../../src/server/auth";
import { normalizeAddress, normalizeMac, requestPathKey, requestPathname, routePathKey } from "../../src/server/addresses";
import { DeviceTracker, identityKey } from "../../src/server/device-tracker";
import { deviceMatcher } from "../../src/server/device-filter";
import { DeviceWatch } from "../../src/server/device-watch";
import type { ConnectionChange } from "../../src/server";

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("server units", () => {
  describe("allow-list", () => {
    it("is open when empty", () => {
      const list = parseAllowList("  ");
      assert.equal(list.open, true);
      assert.equal(list.allows("203.0.113.9"), true);
    });

    it("matches IPv4 addresses and CIDRs, separated by commas, spaces or newlines", () => {
      const list = parseAllowList("192.168.1.0/24, 10.0.0.7\n172.16.0.0/12");
      assert.equal(list.allows("192.168.1.200"), true);
      assert.equal(list.allows("192.168.2.1"), false);
      assert.equal(list.allows("10.0.0.7"), true);
      assert.equal(list.allows("10.0.0.8"), false);
      assert.equal(list.allows("172.31.255.1"), true);
    });

    it("treats IPv4-mapped IPv6 peers and entries as IPv4", () => {
      const list = parseAllowList("192.168.1.0/24 ::ffff:10.1.2.3");
      assert.equal(list.allows("::ffff:192.168.1.5"), true);
      assert.equal(list.allows("10.1.2.3"), true);
      assert.equal(list.allows("::FFFF:10.1.2.3"), true);
      assert.equal(parseAllowList("::ffff:10.0.0.0/104").allows("10.9.9.9"), true);
    });

    it("matches IPv6 addresses and prefixes", () => {
      const list = parseAllowList("fd00::/8;2001:db8::1");
      assert.equal(list.allows("fd12:3456::1"), true);
      assert.equal(list.allows("2001:db8::1"), true);
      assert.equal(list.allows("2001:db8::2"), false);
      assert.equal(list.allows("fe80::1%eth0"), false);
      assert.equal(list.allows(""), false);
    });

    it("lists invalid entries and ignores them", () => {
      const list = parseAllowList("camera.local, 10.0.0.0/33, 10.0.0.1");
      assert.deepEqual(list.invalid, ["camera.local", "10.0.0.0/33"]);
      assert.equal(list.allows("10.0.0.1"), true);
    });
  });

  describe("basic auth", () => {
    const auth = basicAuth({ user: "cam", password: "s3:cret" });
    it("accepts the right pair, passwords with colons included", () => {
      assert.equal(auth.check(basic("cam", "s3:cret")), "ok");
      assert.equal(auth.check(`  basic ${Buffer.from("cam:s3:cret").toString("base64")} `), "ok");
    });
    it("tells missing from wrong credentials", () => {
      assert.equal(auth.check(undefined), "missing");
      assert.equal(auth.check("Bearer abc"), "missing");
      assert.equal(auth.check(basic("cam", "s3:creT")), "wrong");
      assert.equal(auth.check(basic("Cam", "s3:cret")), "wrong");
      assert.equal(auth.check(`Basic ${Buffer.from("nocolon").toString("base64")}`), "missing");
    });
    it("parses and compares credentials", () => {
      assert.deepEqual(parseBasic(basic("a", "")), { user: "a", password: "" });
      assert.equal(sameCredentials(undefined, undefined), true);
      assert.equal(sameCredentials({ user: "a", password: "b" }, undefined), false);
      assert.equal(sameCredentials({ user: "a", password: "b" }, { user: "a", password: "c" }), false);
    });
  });

  describe("addresses and paths", () => {
    it("normalises peers and MACs", () => {
      assert.equal(normalizeAddress("::ffff:192.168.0.56"), "192.168.0.56");
      assert.equal(normalizeAddress("FE80::1%eth0"), "fe80::1");
      assert.equal(normalizeMac("58-5B-69-40-F4-0D"), "585b6940f40d");
      assert.equal(normalizeMac("58:5b:69:40:f4"), "");
    });
    it("takes the pathname of origin- and absolute-form targets", () => {
      assert.equal(requestPathname("/API?x=1"), "/API");
      assert.equal(requestPathname("http://192.168.0.56:5002/API"), "/API");
      assert.equal(requestPathname("http://[::1"), undefined);
      assert.equal(requestPathKey("/API/"), "/api");
      assert.equal(routePathKey("API"), "/api");
      assert.equal(routePathKey(""), undefined);
      assert.equal(routePathKey("*"), undefined);
      assert.equal(routePathKey(undefined), "/api");
    });
  });

  describe("device tracker", () => {
    it("keys by MAC, else serial, ignoring placeholder MACs", () => {
      assert.equal(identityKey({ mac: "58:5B:69:40:F4:0D" }), "mac:585b6940f40d");
      assert.equal(identityKey({ mac: "00:00:00:00:00:00", serial: "N1" }), "sn:N1");
      assert.equal(identityKey({ name: "x" }), undefined);
    });

    it("tracks first/last seen, interval and posts, and merges identity", () => {
      const tracker = new DeviceTracker();
      const socket = new Socket();
      const a = tracker.observe({ mac: "58:5B:69:40:F4:0D", name: "Gate" }, "10.0.0.5", socket, 1000);
      const b = tracker.observe({ channel: 2 }, "10.0.0.5", socket, 31_000); // no identity: same socket
      assert.equal(a, b);
      assert.equal(b.posts, 2);
      assert.equal(b.firstSeen, 1000);
      assert.equal(b.lastSeen, 31_000);
      assert.equal(b.intervalMs, 30_000);
      assert.deepEqual(b.identity, { mac: "58:5B:69:40:F4:0D", name: "Gate" });
      // A reconnect from the same address without identity is still the same device.
      assert.equal(tracker.observe(undefined, "10.0.0.5", new Socket(), 32_000), a);
      assert.equal(tracker.size, 1);
    });

    it("adopts a first anonymous post once the device identifies itself", () => {
      const tracker = new DeviceTracker();
      const socket = new Socket();
      const anonymous = tracker.observe(undefined, "10.0.0.6", socket, 1000);
      assert.equal(anonymous.key, "addr:10.0.0.6");
      const known = tracker.observe({ serial: "N9" }, "10.0.0.6", socket, 2000);
      assert.equal(known.key, "sn:N9");
      assert.equal(known.posts, 2);
      assert.equal(known.firstSeen, 1000);
      assert.equal(tracker.get("addr:10.0.0.6"), undefined);
    });

    it("matches devices against a configured identity", () => {
      const tracker = new DeviceTracker();
      const device = tracker.observe({ mac: "58:5b:69:40:f4:0d", serial: "N1", name: "Gate", ip: "192.168.1.50" }, "10.0.0.5", new Socket(), 0);
      assert.equal(deviceMatcher({})(device), true);
      assert.equal(deviceMatcher({ mac: "58-5B-69-40-F4-0D" })(device), true);
      assert.equal(deviceMatcher({ mac: "58-5B-69-40-F4-0E" })(device), false);
      assert.equal(deviceMatcher({ address: "10.0.0.5", name: " gate " })(device), true);
      assert.equal(deviceMatcher({ address: "::ffff:192.168.1.50" })(device), true);
      assert.equal(deviceMatcher({ serial: "n1", name: "Door" })(device), false);
    });

    it("watchdog: up on first post, down when silent, up again on return", () => {
      const tracker = new DeviceTracker();
      const changes: ConnectionChange[] = [];
      const watch = new DeviceWatch(tracker, 1000, (change) => changes.push(change));
      try {
        const device = tracker.observe({ serial: "N1" }, "10.0.0.5", new Socket(), 0);
        watch.seen(device, 0);
        watch.seen(device, 10);
        watch.check(900);
        assert.deepEqual(changes.map((c) => c.state), ["up"]);
        watch.check(1001);
        assert.deepEqual(changes.map((c) => c.state), ["up", "down"]);
        assert.equal(watch.silent().length, 1);
        assert.equal(watch.connected().length, 0);
        tracker.observe({ serial: "N1" }, "10.0.0.5", new Socket(), 5000);
        watch.seen(device, 5000);
        assert.deepEqual(changes.map((c) => c.state), ["up", "down", "up"]);
        assert.equal(watch.connected().length, 1);
      } finally {
        watch.stop();
      }
    });
  });
});
