import assert from "node:assert/strict";
import { compileRule, compileRules, isViewtronPayload, normalizePlate, RuleError, type FilterSubject } from "../../src/filter/rules";

const NOW = new Date(2026, 5, 1, 12, 0, 0).getTime(); // local noon

const lpr = (number: string, group?: string): FilterSubject => ({
  kind: "event",
  category: "lpr",
  smartType: "VEHICE",
  targets: [{ id: "10", type: "car" }],
  device: { name: "Gate", ip: "192.168.1.20", mac: "58:5B:69:40:F4:0D", channel: 2, remoteAddress: "192.168.1.20" },
  plate: group === undefined ? { number } : { number, group },
  timestamp: NOW,
});
const intrusion: FilterSubject = {
  kind: "event", category: "intrusion", smartType: "regionIntrusion",
  targets: [{ id: "716", type: "person" }], device: { name: "Yard", channel: 1 }, timestamp: NOW,
};
const alarmOn: FilterSubject = { kind: "alarmStatus", category: "intrusion", active: true, device: { name: "Yard" }, timestamp: NOW };
const alarmOff: FilterSubject = { ...alarmOn, active: false };
const connection: FilterSubject = { kind: "connection", device: { name: "Yard" }, timestamp: NOW };
const traject: FilterSubject = { kind: "traject", category: "traject", targets: [{ id: "1", type: "person" }], device: {}, timestamp: NOW };

describe("filter rules", () => {
  it("recognises messages of our contract only", () => {
    assert.equal(isViewtronPayload(intrusion), true);
    assert.equal(isViewtronPayload(connection), true);
    assert.equal(isViewtronPayload({ kind: "something" }), false);
    assert.equal(isViewtronPayload("text"), false);
    assert.equal(isViewtronPayload(null), false);
  });

  it("an empty rule matches every message; no rules match everything", () => {
    assert.equal(compileRule({})(intrusion, NOW), true);
    assert.equal(compileRules([])(connection, NOW), true);
  });

  it("kind", () => {
    const rule = compileRule({ kinds: ["alarmStatus"] });
    assert.equal(rule(alarmOn, NOW), true);
    assert.equal(rule(intrusion, NOW), false);
    assert.equal(rule(connection, NOW), false);
  });

  it("category (multi-select), not satisfied by messages without one", () => {
    const rule = compileRule({ categories: ["lpr", "face"] });
    assert.equal(rule(lpr("AB123"), NOW), true);
    assert.equal(rule(intrusion, NOW), false);
    assert.equal(rule(connection, NOW), false);
    assert.equal(compileRule({ categories: ["traject"] })(traject, NOW), true);
  });

  it("raw smartType, case-insensitive, comma separated", () => {
    const rule = compileRule({ smartTypes: "vehice, VEHICLE ,vehicle" });
    assert.equal(rule(lpr("X1"), NOW), true);
    assert.equal(rule(intrusion, NOW), false);
    assert.equal(rule(alarmOn, NOW), false, "alarm status has no smartType");
  });

  it("target type: any target of the message", () => {
    assert.equal(compileRule({ targetTypes: ["person"] })(intrusion, NOW), true);
    assert.equal(compileRule({ targetTypes: ["person"] })(traject, NOW), true);
    assert.equal(compileRule({ targetTypes: ["car", "motor"] })(intrusion, NOW), false);
    assert.equal(compileRule({ targetTypes: ["person"] })(alarmOn, NOW), false, "no targets at all");
  });

  it("device by name, address, MAC in any spelling, or channel", () => {
    const m = lpr("X1");
    assert.equal(compileRule({ device: "gate" })(m, NOW), true);
    assert.equal(compileRule({ device: "192.168.1.20" })(m, NOW), true);
    assert.equal(compileRule({ device: "58-5b-69-40-f4-0d" })(m, NOW), true);
    assert.equal(compileRule({ device: "channel 2" })(m, NOW), true);
    assert.equal(compileRule({ device: "2" })(m, NOW), true);
    assert.equal(compileRule({ device: "3, Yard" })(m, NOW), false);
    assert.equal(compileRule({ device: "3, Yard" })(intrusion, NOW), true);
  });

  it("plate numbers: list, case and separator insensitive", () => {
    const rule = compileRule({ plates: "ab-12 3\nXYZ999" });
    assert.equal(rule(lpr("AB123"), NOW), true);
    assert.equal(rule(lpr("ab 12-3"), NOW), true);
    assert.equal(rule(lpr("xyz-999"), NOW), true);
    assert.equal(rule(lpr("AB1234"), NOW), false);
    assert.equal(rule(intrusion, NOW), false, "no plate");
    assert.equal(rule(lpr(""), NOW), false, "empty plate");
  });

  it("plate wildcards and regular expressions", () => {
    assert.equal(compileRule({ plates: "AB*" })(lpr("ab-9999"), NOW), true);
    assert.equal(compileRule({ plates: "AB?23" })(lpr("AB 123"), NOW), true);
    assert.equal(compileRule({ plates: "AB?23" })(lpr("AB1123"), NOW), false);
    assert.equal(compileRule({ plates: "/^[0-9]{7}$/" })(lpr("0123456"), NOW), true);
    assert.equal(compileRule({ plates: "/^ab/i" })(lpr("AB-1"), NOW), true);
    assert.equal(compileRule({ plates: "/^ab/" })(lpr("AB-1"), NOW), false);
    assert.throws(() => compileRule({ plates: "/([/" }), RuleError);
  });

  it("plate group, case-insensitive", () => {
    const rule = compileRule({ plateGroups: "whiteList, Residents" });
    assert.equal(rule(lpr("A1", "WHITELIST"), NOW), true);
    assert.equal(rule(lpr("A1", "residents"), NOW), true);
    assert.equal(rule(lpr("A1", "blackList"), NOW), false);
    assert.equal(rule(lpr("A1"), NOW), false, "unlisted plate");
  });

  it("alarm state on / off applies to alarm status only", () => {
    assert.equal(compileRule({ alarmState: "on" })(alarmOn, NOW), true);
    assert.equal(compileRule({ alarmState: "on" })(alarmOff, NOW), false);
    assert.equal(compileRule({ alarmState: "off" })(alarmOff, NOW), true);
    assert.equal(compileRule({ alarmState: "off" })(intrusion, NOW), false);
    assert.equal(compileRule({ alarmState: "any" })(intrusion, NOW), true);
  });

  it("time of day, including windows over midnight, on the event's local time", () => {
    const at = (h: number, m: number): FilterSubject => ({ ...intrusion, timestamp: new Date(2026, 5, 1, h, m).getTime() });
    const night = compileRule({ timeFrom: "22:00", timeTo: "06:30" });
    assert.equal(night(at(23, 15), NOW), true);
    assert.equal(night(at(3, 0), NOW), true);
    assert.equal(night(at(6, 30), NOW), false);
    assert.equal(night(at(12, 0), NOW), false);
    const day = compileRule({ timeFrom: "08:00", timeTo: "18:00" });
    assert.equal(day(at(8, 0), NOW), true);
    assert.equal(day(at(18, 0), NOW), false);
    // no timestamp: the clock decides
    assert.equal(day({ kind: "connection" }, NOW), true);
    assert.throws(() => compileRule({ timeFrom: "25:00" }), RuleError);
  });

  it("ANDs conditions within a rule and ORs rules", () => {
    const both = compileRule({ categories: ["lpr"], plateGroups: "whiteList" });
    assert.equal(both(lpr("A1", "whiteList"), NOW), true);
    assert.equal(both(lpr("A1", "blackList"), NOW), false);
    const either = compileRules([{ plateGroups: "whiteList" }, { categories: ["intrusion"], alarmState: "on" }]);
    assert.equal(either(lpr("A1", "whiteList"), NOW), true);
    assert.equal(either(alarmOn, NOW), true);
    assert.equal(either(alarmOff, NOW), false);
    assert.equal(either(intrusion, NOW), false);
  });

  it("normalizes plates to letters and digits", () => {
    assert.equal(normalizePlate(" ab-12 3."), "AB123");
    assert.equal(normalizePlate("München 1"), "MÜNCHEN1");
  });
});
