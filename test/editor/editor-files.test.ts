// The editor side of every node type: nodes/<type>.html (definition, defaults, validators, dialog),
// nodes/locales/en-US/<type>.json (message catalog), nodes/locales/en-US/<type>.html (help) and
// icons/. The definition scripts run in a vm sandbox with a stubbed RED, so what is checked is
// what Node-RED's editor would register.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";


function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}

const ROOT = findRoot(__dirname);
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string };
const NODES = path.join(ROOT, "nodes");
const LOCALES = path.join(NODES, "locales", "en-US");

interface Script {
  attrs: string;
  body: string;
}

function scripts(html: string): Script[] {
  const found: Script[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) !== null) found.push({ attrs: m[1], body: m[2] });
  return found;
}

function isCode(s: Script): boolean {
  const type = /\btype\s*=\s*["']([^"']+)["']/i.exec(s.attrs);
  return !type || /javascript/i.test(type[1]);
}

function readCatalog(type: string): any {
  return JSON.parse(fs.readFileSync(path.join(LOCALES, `${type}.json`), "utf8"));
}

/** The text at a dotted key of a catalog, or undefined. */
function lookup(catalog: any, key: string): unknown {
  let at: any = catalog;
  for (const part of key.split(".")) {
    if (at === null || typeof at !== "object" || !(part in at)) return undefined;
    at = at[part];
  }
  return at;
}

/** Node-RED interpolates `__name__` in catalog texts. */
function interpolate(textValue: string, options: any): string {
  return textValue.replace(/__([A-Za-z0-9_]+)__/g, (whole, name: string) =>
    options && name in options ? String(options[name]) : whole,
  );
}

interface Loaded {
  defs: Record<string, any>;
  /** Every key the definition asked RED._ for, with its namespace. */
  calls: string[];
  /** Problems found by the stubbed RED._ (wrong namespace, missing key). */
  problems: string[];
}

/** A jQuery stand-in: enough for oneditsave and friends, and it records what is set. */
function fakeJQuery(state: { checked: Record<string, boolean>; values: Record<string, unknown> }): any {
  const $: any = (selector: unknown) => {
    const key = String(selector);
    const api: any = new Proxy(
      {},
      {
        get(_target, prop: string | symbol) {
          if (prop === "prop") {
            return (name: string, value?: unknown) => {
              if (value !== undefined) {
                state.checked[key] = Boolean(value);
                return api;
              }
              return name === "checked" ? (state.checked[key] ?? false) : undefined;
            };
          }
          if (prop === "val") {
            return (value?: unknown) => {
              if (value === undefined) return state.values[key];
              state.values[key] = value;
              return api;
            };
          }
          if (prop === "editableList") {
            return (command: string) => (command === "items" ? { each: () => undefined } : api);
          }
          if (prop === "length") return 1;
          if (prop === "each") return () => api;
          if (prop === "then") return undefined;
          return () => api;
        },
      },
    );
    return api;
  };
  return $;
}

function loadDefinitions(type: string, jq: any = fakeJQuery({ checked: {}, values: {} })): Loaded {
  const html = fs.readFileSync(path.join(NODES, `${type}.html`), "utf8");
  const catalog = readCatalog(type);
  const ns = `${PKG.name}/${type}`;
  const loaded: Loaded = { defs: {}, calls: [], problems: [] };
  const RED = {
    nodes: {
      registerType(name: string, def: any) {
        loaded.defs[name] = def;
      },
      getType: () => undefined,
      node: () => null,
    },
    validators: {
      number: () => (v: unknown) => !Number.isNaN(Number(v)),
      regex: (re: RegExp) => (v: unknown) => re.test(String(v)),
      typedInput: () => () => true,
    },
    settings: {},
    utils: {},
    _(full: string, options?: any): string {
      loaded.calls.push(full);
      const at = full.indexOf(":");
      const keyNs = at === -1 ? "" : full.slice(0, at);
      const key = at === -1 ? full : full.slice(at + 1);
      if (keyNs !== ns) {
        loaded.problems.push(`RED._("${full}"): namespace should be "${ns}"`);
        return `WRONG-NAMESPACE:${full}`;
      }
      const found = lookup(catalog, key);
      if (typeof found !== "string") {
        loaded.problems.push(`RED._("${full}"): no text in ${type}.json`);
        return `MISSING:${key}`;
      }
      return interpolate(found, options);
    },
  };
  const sandbox = { RED, $: jq, jQuery: jq, window: { location: { hostname: "192.0.2.10" } }, console };
  const code = scripts(html).filter(isCode);
  assert.ok(code.length > 0, `${type}.html has no script to run`);
  for (const [i, s] of code.entries()) {
    vm.runInNewContext(s.body, sandbox, { filename: `nodes/${type}.html#script${i}` });
  }
  return loaded;
}

/** `this` for definition functions: a node with the given properties and the node's `_`. */
function nodeWith(loaded: Loaded, type: string, props: any): any {
  const def = loaded.defs[type];
  const node: any = { type, _def: def, ...props };
  node._ = (key: string, options?: any) => {
    const found = lookup(readCatalog(type), key);
    if (typeof found !== "string") loaded.problems.push(`this._("${key}"): no text in ${type}.json`);
    return typeof found === "string" ? interpolate(found, options) : `MISSING:${key}`;
  };
  return node;
}

/** Runs a property's validator the way Node-RED 4 does (validate.call(node, value, opt)). */
function validate(loaded: Loaded, type: string, prop: string, value: unknown, props: any = {}): unknown {
  const def = loaded.defs[type].defaults[prop];
  assert.equal(typeof def.validate, "function", `${type}.${prop} has no validator`);
  return def.validate.call(nodeWith(loaded, type, props), value, {});
}

function assertValid(loaded: Loaded, type: string, prop: string, values: unknown[]): void {
  for (const v of values) {
    assert.equal(validate(loaded, type, prop, v), true, `${type}.${prop} should accept ${JSON.stringify(v)}`);
  }
}

function assertInvalid(loaded: Loaded, type: string, prop: string, values: unknown[]): void {
  for (const v of values) {
    const result = validate(loaded, type, prop, v);
    const ok =
      (typeof result === "string" && result.length > 0) ||
      (Array.isArray(result) && result.length > 0 && result.every((r) => typeof r === "string"));
    assert.ok(ok, `${type}.${prop} should reject ${JSON.stringify(v)} with a message, got ${JSON.stringify(result)}`);
    const texts: string[] = Array.isArray(result) ? result : [result as string];
    for (const t of texts) assert.doesNotMatch(t, /MISSING:|WRONG-NAMESPACE:/, `message of ${type}.${prop}: ${t}`);
  }
}

/** The groups of a node type's catalog: the editor's four, then the runtime's. */
const SUBKEYS = ["label", "placeholder", "tip", "validation", "status", "errors", "warnings"];

/** Every i18n key the editor file uses, from the templates and the code. */
function keysUsed(type: string): string[] {
  const html = fs.readFileSync(path.join(NODES, `${type}.html`), "utf8");
  const keys = new Set<string>();
  for (const s of scripts(html)) {
    if (isCode(s)) {
      // _("key"), this._("key"), RED._("ns:key"): a whole literal argument.
      const call = /(?:^|[^\w$])(?:[\w$]+\.)?_\(\s*(["'])([^"'\n]+)\1\s*[,)]/g;
      let m: RegExpExecArray | null;
      while ((m = call.exec(s.body)) !== null) keys.add(m[2]);
      // Keys written as data, e.g. option tables: "viewtron-filter.label.category.lpr".
      const literal = new RegExp(
        `(["'])(${type.replace(/-/g, "\\-")}\\.(?:${SUBKEYS.join("|")})\\.[A-Za-z0-9_.\\-]*[A-Za-z0-9_\\-])\\1`,
        "g",
      );
      while ((m = literal.exec(s.body)) !== null) keys.add(m[2]);
    } else {
      const attr = /data-i18n\s*=\s*["']([^"']+)["']/g;
      let m: RegExpExecArray | null;
      while ((m = attr.exec(s.body)) !== null) {
        for (const part of m[1].split(";")) keys.add(part.replace(/^\s*\[[^\]]*\]/, "").trim());
      }
    }
  }
  return [...keys].filter((k) => k !== "");
}

function templateOf(type: string): string {
  const html = fs.readFileSync(path.join(NODES, `${type}.html`), "utf8");
  const t = scripts(html).find((s) => new RegExp(`data-template-name\\s*=\\s*["']${type}["']`).test(s.attrs));
  assert.ok(t, `${type}.html has no <script type="text/html" data-template-name="${type}">`);
  return t.body;
}

function helpOf(type: string): string {
  const file = path.join(LOCALES, `${type}.html`);
  assert.ok(fs.existsSync(file), `missing help file ${path.relative(ROOT, file)}`);
  const html = fs.readFileSync(file, "utf8");
  const help = scripts(html).find((s) => new RegExp(`data-help-name\\s*=\\s*["']${type}["']`).test(s.attrs));
  assert.ok(help, `${type} help has no <script type="text/html" data-help-name="${type}">`);
  return help.body;
}

/** The names documented in <dt> elements of a help text. */
function documentedNames(help: string): Set<string> {
  const names = new Set<string>();
  const re = /<dt\b[^>]*>\s*([^<\s]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(help)) !== null) names.add(m[1].replace(/^payload\./, ""));
  return names;
}

function defaultsOf(def: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries<any>(def.defaults)) {
    out[k] = v.type !== undefined ? { type: v.type, required: v.required === true } : v.value;
  }
  return out;
}

function checkCommon(type: string, options: { category: string; icon: string }): void {
  const loaded = loadDefinitions(type);
  const def = loaded.defs[type];
  assert.ok(def, `${type}.html does not register ${type}`);
  assert.equal(def.category, options.category);
  assert.equal(def.icon, options.icon);
  assert.ok(fs.existsSync(path.join(ROOT, "icons", options.icon)), `icons/${options.icon} is missing`);
  const svg = fs.readFileSync(path.join(ROOT, "icons", options.icon), "utf8");
  assert.match(svg, /^<svg\b[^>]*\bviewBox="0 0 40 60"/, `icons/${options.icon} is not a 40x60 SVG`);
  assert.doesNotMatch(svg, /<script|href=["']http/i, `icons/${options.icon} must be a plain drawing`);

  // Node-RED 4 shows a validator's text only when it is declared with two parameters; a
  // one-parameter validator that returns text is silently taken as "valid".
  for (const [prop, d] of Object.entries<any>(def.defaults)) {
    if (d.validate) assert.equal(d.validate.length, 2, `${type}.${prop}: validate must take (value, opt)`);
  }
  // The defaults pass their own validation: a node dropped on the canvas is ready to deploy.
  for (const [prop, d] of Object.entries<any>(def.defaults)) {
    if (d.validate) {
      assert.equal(d.validate.call(nodeWith(loaded, type, {}), d.value, {}), true, `default of ${type}.${prop}`);
    }
    if (d.required && d.type === undefined) assert.notEqual(d.value, "", `${type}.${prop} is required but empty`);
  }
  // Every default and credential has its input in the dialog, so that Node-RED saves it.
  const template = templateOf(type);
  const prefix = options.category === "config" ? "node-config-input" : "node-input";
  const own = Object.keys(def.defaults).filter((p) => !(type === "viewtron-filter" && p === "rules"));
  for (const prop of [...own, ...Object.keys(def.credentials ?? {})]) {
    assert.match(template, new RegExp(`id=["']${prefix}-${prop}["']`), `${type}: no input #${prefix}-${prop}`);
  }
  assert.deepEqual(loaded.problems, [], `${type}: catalog problems at registration`);
}

function checkCatalog(type: string): void {
  const catalog = readCatalog(type);
  assert.ok(catalog[type] && typeof catalog[type] === "object", `${type}.json has no top-level "${type}"`);
  for (const sub of ["label", "placeholder", "tip", "validation"]) {
    assert.equal(typeof catalog[type][sub], "object", `${type}.json has no "${type}.${sub}"`);
  }
  const missing = keysUsed(type).filter((k) => {
    if (k.startsWith("node-red:")) return false; // core catalog, not ours
    const key = k.includes(":") ? k.slice(k.indexOf(":") + 1) : k;
    if (k.includes(":") && k.slice(0, k.indexOf(":")) !== `${PKG.name}/${type}`) return true;
    return typeof lookup(catalog, key) !== "string";
  });
  assert.deepEqual(missing, [], `${type}.html uses keys that ${type}.json lacks`);
}

describe("editor files", function () {
  it("every node type in package.json has its editor file, catalog, help and a registration of that type", function () {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const types = Object.keys(pkg["node-red"]?.nodes ?? {});
    for (const type of types) {
      assert.ok(fs.existsSync(path.join(NODES, `${type}.html`)), `nodes/${type}.html`);
      assert.ok(loadDefinitions(type).defs[type], `nodes/${type}.html registers ${type}`);
      checkCatalog(type);
      helpOf(type);
    }
  });

  describe("viewtron-config", function () {
    const type = "viewtron-config";

    it("registers a config node with the agreed defaults and credentials", function () {
      checkCommon(type, { category: "config", icon: "viewtron-config.svg" });
      const def = loadDefinitions(type).defs[type];
      assert.deepEqual(defaultsOf(def), {
        name: "",
        port: 5002,
        path: "/API",
        bind: "",
        maxBody: 5,
        allow: "",
        deviceAddress: "",
        deviceMac: "",
        deviceSerial: "",
        deviceName: "",
        watchdog: 300,
        cameraAddress: "",
        serverAddress: "",
        heartbeat: 60,
      });
      assert.equal(def.defaults.port.required, true);
      assert.deepEqual(JSON.parse(JSON.stringify(def.credentials)), {
        user: { type: "text" },
        password: { type: "password" },
        cameraUser: { type: "text" },
        cameraPassword: { type: "password" },
      });
    });

    it("validates port, path, bind, max body, watchdog", function () {
      const loaded = loadDefinitions(type);
      assertValid(loaded, type, "port", [5002, "5002", 1, 65535, " 8080 "]);
      assertInvalid(loaded, type, "port", [0, 65536, "abc", "50.2", -1, "", "80 80"]);
      assertValid(loaded, type, "path", ["/API", "", "*", "/", "/cameras/gate"]);
      assertInvalid(loaded, type, "path", ["API", "/a b", "/API?x=1", "/API#top", "**"]);
      assertValid(loaded, type, "bind", ["", "0.0.0.0", "127.0.0.1", "192.168.1.20", "::", "::1", "fe80::1%eth0", "localhost"]);
      assertInvalid(loaded, type, "bind", ["256.1.1.1", "192.168.1", "my host", "1:2:3:4:5:6:7:8:9"]);
      assertValid(loaded, type, "maxBody", [5, "5", 1, 100, "2.5"]);
      assertInvalid(loaded, type, "maxBody", [0, "0.5", 101, "five", ""]);
      assertValid(loaded, type, "watchdog", [0, 300, "600"]);
      assertInvalid(loaded, type, "watchdog", [-1, "1.5", "never", ""]);
    });

    it("validates each entry of the allow list as an address or CIDR range", function () {
      const loaded = loadDefinitions(type);
      assertValid(loaded, type, "allow", [
        "",
        "192.168.1.108",
        "192.168.1.0/24, 10.0.0.7",
        "10.0.0.0/8\n172.16.0.0/12 ::1\r\nfd00::/8",
        "::ffff:192.0.2.1, 2001:db8::/32",
      ]);
      assertInvalid(loaded, type, "allow", [
        "192.168.1.300",
        "192.168.1.0/33",
        "10.0.0.1, camera.local",
        "2001:db8::/129",
        "1::2::3",
        "010.0.0.1",
      ]);
      const message = validate(loaded, type, "allow", "10.0.0.1, nonsense");
      assert.match(String(message), /nonsense/, "the message names the bad entry");
    });

    it("validates the device identity loosely", function () {
      const loaded = loadDefinitions(type);
      assertValid(loaded, type, "deviceMac", ["", "58:5B:69:12:34:56", "58-5b-69-12-34-56", "585B69123456", "585b.6912.3456"]);
      assertInvalid(loaded, type, "deviceMac", ["58:5B:69:12:34", "58:5B:69:12:34:5G", "camera"]);
      assertValid(loaded, type, "deviceAddress", ["", "192.168.1.108", "fd00::20"]);
      assertInvalid(loaded, type, "deviceAddress", ["192.168.1", "gate camera"]);
    });

    it("validates the camera set-up: camera address, Node-RED address, heartbeat", function () {
      const loaded = loadDefinitions(type);
      assertValid(loaded, type, "cameraAddress", [
        "", "192.168.1.108", "192.168.1.108:8080", "http://cam.local", "https://192.168.1.108:443/", "HTTP://Cam-1.lan:80",
        "[fd00::20]", "https://[fe80::1%eth0]:443", "camera",
      ]);
      assertInvalid(loaded, type, "cameraAddress", [
        "ftp://192.168.1.108", "http://admin:pw@192.168.1.108", "192.168.1.108/API", "fd00::20", "192.168.1.108:0",
        "192.168.1.108:70000", "cam era", "http://", "192.168.1.108?x=1",
      ]);
      assertValid(loaded, type, "serverAddress", ["", "192.168.1.5", "fd00::5", "nodered.lan"]);
      assertInvalid(loaded, type, "serverAddress", ["http://192.168.1.5", "node red", "1.2.3.4:1880"]);
      assertValid(loaded, type, "heartbeat", [30, 60, "120"]);
      assertInvalid(loaded, type, "heartbeat", [29, 121, "", "1m"]);
    });

    it("has the camera buttons and result areas with stable ids", function () {
      const template = templateOf(type);
      for (const id of [
        "node-config-viewtron-test", "node-config-viewtron-plan", "node-config-viewtron-alarms",
        "viewtron-test-result", "viewtron-plan-result", "viewtron-apply-result", "viewtron-alarms-result",
      ]) {
        assert.match(template, new RegExp(`id="${id}"`), id);
      }
      assert.doesNotMatch(template, /<button(?![^>]*type="button")/, "buttons must not submit the dialog");
    });

    it("has a text for every answer of the camera actions (codes, fields, notes)", function () {
      const catalog = readCatalog(type);
      const families: Record<string, string[]> = {
        errors: [
          "unreachable", "timeout", "auth", "not-viewtron", "unsupported", "api-error", "bad-response", "invalid-input",
          "no-stored-password", "no-server-address", "no-slot", "busy", "permission", "no-address", "mismatch", "other",
        ],
        field: ["enabled", "protocol", "server", "port", "path", "authentication", "heartbeatSwitch", "heartbeat", "dataTypes", "events"],
        device: ["model", "name", "firmware", "apiVersion", "serial", "mac"],
        target: ["setting", "listen", "route"],
        notes: ["reboot", "traject", "any-path", "listener-auth", "rules"],
        button: ["test", "plan", "alarms", "apply", "replace", "close"],
      };
      for (const [family, keys] of Object.entries(families)) {
        for (const key of keys) {
          assert.equal(typeof lookup(catalog, `${type}.camera.${family}.${key}`), "string", `${type}.camera.${family}.${key}`);
        }
      }
      // Every error code the editor recognises has its text.
      const html = fs.readFileSync(path.join(NODES, `${type}.html`), "utf8");
      const codes = /var ERROR_CODES = \[([^\]]*)\]/.exec(html);
      assert.ok(codes, "ERROR_CODES list in the editor");
      for (const code of codes[1].match(/"[^"]+"/g) ?? []) {
        assert.ok(families.errors.includes(JSON.parse(code) as string), `no text for error ${code}`);
      }
    });

    it("labels itself by name, else by device name, port and path", function () {
      const loaded = loadDefinitions(type);
      const label = loaded.defs[type].label;
      assert.equal(label.call({ name: "", port: 5002, path: "/API" }), ":5002/API");
      assert.equal(label.call({ name: "", port: "8080", path: "" }), ":8080/*");
      assert.equal(label.call({ name: "", port: 5002, path: "*" }), ":5002/*");
      assert.equal(label.call({ name: "Gate", port: 5002, path: "/API" }), "Gate");
      assert.equal(label.call({ name: "", deviceName: "LPR-1", port: 5002, path: "/API" }), "LPR-1 :5002/API");
    });

    it("has every label, placeholder and tip in its catalog", function () {
      checkCatalog(type);
    });

    it("has help describing each setting and the camera set-up", function () {
      const help = helpOf(type);
      for (const section of ["Details", "References"]) assert.match(help, new RegExp(`<h3>${section}</h3>`));
      for (const word of ["Port", "Path", "Listen on", "Max. body", "User", "Allow from", "MAC", "Silent after", "HTTP POST", "/API", "5002", "heartbeat",
        "Camera user", "Node-RED address", "Test connection", "Configure camera to post here", "Show alarm status", "Apply"]) {
        assert.ok(help.includes(word), `viewtron-config help should mention ${word}`);
      }
    });
  });

  describe("viewtron-in", function () {
    const type = "viewtron-in";

    it("registers an input node in the Viewtron category with the agreed defaults", function () {
      checkCommon(type, { category: "viewtron", icon: "viewtron-in.svg" });
      const def = loadDefinitions(type).defs[type];
      assert.deepEqual(defaultsOf(def), {
        name: "",
        config: { type: "viewtron-config", required: true },
        events: true,
        alarmStatus: true,
        traject: false,
        connection: false,
        images: true,
        raw: false,
      });
      assert.equal(def.inputs, 0);
      assert.equal(def.outputs, 1);
      assert.equal(typeof def.color, "string");
      assert.equal(def.paletteLabel, "viewtron in");
      assert.equal(def.label.call({ name: "" }), "viewtron in");
      assert.equal(def.label.call({ name: "Gate" }), "Gate");
      const catalog = readCatalog(type);
      assert.equal(lookup(catalog, "palette.label.viewtron"), "Viewtron", "palette category label");
    });

    it("has a checkbox with a short tip for each boolean", function () {
      const template = templateOf(type);
      for (const prop of ["events", "alarmStatus", "traject", "connection", "images", "raw"]) {
        assert.match(template, new RegExp(`<input type="checkbox" id="node-input-${prop}">`), prop);
        assert.match(template, new RegExp(`data-i18n="${type}\\.tip\\.${prop}"`), `tip for ${prop}`);
      }
      const catalog = readCatalog(type);
      assert.match(String(lookup(catalog, `${type}.tip.traject`)), /7 posts/);
    });

    it("has every label, placeholder and tip in its catalog", function () {
      checkCatalog(type);
    });

    it("has help documenting topic, payload, every payload field and raw", function () {
      const help = helpOf(type);
      for (const section of ["Outputs", "Details", "References"]) assert.match(help, new RegExp(`<h3>${section}</h3>`));
      assert.match(help, /<dl class="message-properties">/);
      const names = documentedNames(help);
      const fields = [
        "topic", "payload", "raw",
        "kind", "format", "protocolVersion", "smartType", "category", "device", "time", "timestamp",
        "timeSource", "eventId", "targets", "plate", "vehicle", "face", "count", "region", "line",
        "active", "alarmType", "alarms", "images", "extra",
        // device.*
        "name", "ip", "mac", "serial", "model", "channel", "channelName", "remoteAddress",
        // plate.*
        "number", "group", "color", "direction", "confidence",
      ];
      const undocumented = fields.filter((f) => !names.has(f));
      assert.deepEqual(undocumented, [], "fields without a <dt> in the viewtron-in help");
      for (const sub of ["source", "target"]) assert.match(help, new RegExp(`<code>${sub}</code>`), `images.${sub}`);
      assert.match(help, /Buffer/);
      for (const word of ["HTTP POST", "/API", "5002", "Persistent Connection", "heartbeat", "7 posts"]) {
        assert.ok(help.includes(word), `viewtron-in help should mention ${word}`);
      }
    });
  });

  describe("viewtron-filter", function () {
    const type = "viewtron-filter";
    const emptyRule = {
      kinds: [], categories: [], smartTypes: "", targetTypes: [], device: "", plates: "",
      plateGroups: "", alarmState: "any", timeFrom: "", timeTo: "",
    };

    it("registers a filter node in the Viewtron category with the agreed defaults", function () {
      checkCommon(type, { category: "viewtron", icon: "viewtron-filter.svg" });
      const def = loadDefinitions(type).defs[type];
      const defaults = defaultsOf(def);
      assert.deepEqual(Object.keys(defaults).sort(), ["dedupe", "dedupeSeconds", "name", "otherwise", "outputs", "rules"]);
      assert.equal(defaults.name, "");
      assert.equal(defaults.otherwise, false);
      assert.equal(defaults.dedupe, "none");
      assert.equal(defaults.dedupeSeconds, 30);
      assert.equal(defaults.outputs, 1);
      assert.deepEqual(JSON.parse(JSON.stringify(defaults.rules)), [{ ...emptyRule, categories: ["lpr"] }]);
      assert.equal(def.inputs, 1);
      assert.equal(def.outputs, 1);
      assert.equal(def.paletteLabel, "viewtron filter");
      assert.equal(lookup(readCatalog(type), "palette.label.viewtron"), "Viewtron", "palette category label");
    });

    it("sets outputs to 2 with the otherwise output and back to 1 without", function () {
      assert.match(templateOf(type), /<input type="hidden" id="node-input-outputs">/);
      for (const [checked, outputs] of [[true, 2], [false, 1]] as const) {
        const state = { checked: { "#node-input-otherwise": checked }, values: {} as Record<string, unknown> };
        const loaded = loadDefinitions(type, fakeJQuery(state));
        const node = nodeWith(loaded, type, { rules: [], otherwise: !checked });
        loaded.defs[type].oneditsave.call(node);
        assert.equal(Number(state.values["#node-input-outputs"]), outputs);
      }
    });

    it("validates rules: choices, times, plate expressions", function () {
      const loaded = loadDefinitions(type);
      assertValid(loaded, type, "rules", [
        [],
        [emptyRule],
        [{ categories: ["lpr"] }],
        [{ ...emptyRule, kinds: ["event", "alarmStatus"], categories: ["face", "traject"], targetTypes: ["person", "motor"] }],
        [{ ...emptyRule, plates: "ABC123, AB*\nX?Z, /^X\\d+$/i", timeFrom: "22:00", timeTo: "06:00" }],
        [{ ...emptyRule, alarmState: "on", timeFrom: "7:30", timeTo: "24:00" }],
      ]);
      assertInvalid(loaded, type, "rules", [
        [{ ...emptyRule, categories: ["plates"] }],
        [{ ...emptyRule, kinds: ["keepalive"] }],
        [{ ...emptyRule, targetTypes: ["bike"] }],
        [{ ...emptyRule, alarmState: "maybe" }],
        [{ ...emptyRule, timeFrom: "25:00" }],
        [{ ...emptyRule, timeTo: "7pm" }],
        [{ ...emptyRule, plates: "/[unclosed/" }],
        [emptyRule, { ...emptyRule, plates: "/(/" }],
      ]);
      const result = validate(loaded, type, "rules", [emptyRule, { ...emptyRule, timeFrom: "99:99" }]);
      assert.ok(Array.isArray(result) && /Rule 2/.test(result[0]), `names the rule: ${JSON.stringify(result)}`);
      assertValid(loaded, type, "dedupe", ["none", "plate", "target", "device-category"]);
      assertInvalid(loaded, type, "dedupe", ["", "plates"]);
      assertValid(loaded, type, "dedupeSeconds", [30, "5", 0]);
      assertInvalid(loaded, type, "dedupeSeconds", ["", "-1", "half a minute"]);
    });

    it("labels its outputs and itself", function () {
      const loaded = loadDefinitions(type);
      const def = loaded.defs[type];
      assert.equal(def.label.call({ name: "Gate plates" }), "Gate plates");
      assert.equal(def.label.call({ name: "", rules: [{ categories: ["lpr"] }] }), "viewtron filter: lpr");
      assert.equal(def.label.call({ name: "", rules: [] }), "viewtron filter");
      assert.equal(def.outputLabels.call(nodeWith(loaded, type, {}), 0), "matched");
      assert.equal(def.outputLabels.call(nodeWith(loaded, type, {}), 1), "no rule matched");
      assert.deepEqual(loaded.problems, []);
    });

    it("has a label for every choice a rule offers, and every key it uses", function () {
      checkCatalog(type);
      const catalog = readCatalog(type);
      const choices: Record<string, string[]> = {
        kind: ["event", "alarmStatus", "traject", "connection"],
        category: [
          "lpr", "face", "intrusion", "lineCrossing", "zoneEntry", "zoneExit", "loitering",
          "illegalParking", "counting", "metadata", "motion", "other", "traject",
        ],
        target: ["person", "car", "motor", "face", "plate", "other"],
        alarmState: ["any", "on", "off"],
        dedupeMode: ["none", "plate", "target", "device-category"],
      };
      for (const [group, values] of Object.entries(choices)) {
        for (const v of values) {
          assert.equal(typeof lookup(catalog, `${type}.label.${group}.${v}`), "string", `${type}.label.${group}.${v}`);
        }
      }
    });

    it("has help with inputs, both outputs, each rule condition and repeats", function () {
      const help = helpOf(type);
      for (const section of ["Inputs", "Outputs", "Details", "References"]) assert.match(help, new RegExp(`<h3>${section}</h3>`));
      assert.match(help, /<ol class="node-ports">/);
      const names = documentedNames(help);
      for (const condition of ["Kind", "Category", "Target", "Plates", "Groups", "Device", "smartType", "Alarm", "Time"]) {
        assert.ok(names.has(condition), `help documents ${condition}`);
      }
      assert.match(help, /Repeats/);
    });
  });
});
