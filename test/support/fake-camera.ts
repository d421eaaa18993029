// A loopback HTTP server that answers like a Viewtron IP camera's configuration API
// (PROTOCOL.md 6), enforces Basic or Digest auth and records every request.
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { parseXml, at, child, items, type XmlNode } from "../../src/protocol/xml";
import { str } from "../../src/protocol/read";
import { FakeAuthenticator, type FakeAuth } from "./fake-camera-auth";
import {
  deviceInfoDoc, httpPostDoc, alarmStatusDoc, errorDoc, SUCCESS_DOC, HTML_PAGE,
  type FakeSlot, type FakeV1Target, type FakeAlarm,
} from "./fake-camera-docs";

export type { FakeSlot, FakeV1Target, FakeAlarm, FakeAuth };

export interface FakeCameraOptions {
  user?: string;
  password?: string;
  auth?: FakeAuth;
  /** GetDeviceInfo style: v1.9 (no apiVersion) or v2 (apiVersion 2.0.0). */
  api?: "v1" | "v2";
  /** GetHttpPostConfig style: v1 `httpPost` only, or `httpPostV2` slots (plus a mirrored `httpPost`). */
  httpPost?: "v1" | "v2";
  slots?: FakeSlot[];
  v1Target?: FakeV1Target;
  /** Name of the data-type list in slots: documented `subscribeDateType` or API 2.1 `subDataType`. */
  dataTypeElement?: string;
  alarms?: FakeAlarm[];
  /** A SetHttpPostConfig with a shorter urlList deletes the slots it leaves out (worst case). */
  setReplacesList?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** `camera` answers normally; `hang` never answers; `html` answers every path with a web page. */
export type FakeMode = "camera" | "hang" | "html";

export const FAKE_USER = "admin";
export const FAKE_PASSWORD = "S3cret-Pa55!";

export function otherServerSlot(urlId: number, domain: string, enabled = true): FakeSlot {
  return {
    urlId, switch: enabled, protocol: "http", domain, port: 8080, path: "/hook", authentication: "none",
    heatBeatSwitch: true, keepaliveTimeval: 90, dataTypes: ["smartData"], events: ["PERIMETER", "TRIPWIRE"],
  };
}

export class FakeCamera {
  readonly requests: RecordedRequest[] = [];
  mode: FakeMode = "camera";
  /** Per command: answer with `<config status="failed" errorCode=…>` instead. */
  readonly errors = new Map<string, { code: number; desc?: string }>();
  slots: FakeSlot[] | undefined;
  v1Target: FakeV1Target | undefined;
  readonly auth: FakeAuthenticator;
  private readonly options: FakeCameraOptions;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();

  private constructor(options: FakeCameraOptions) {
    this.options = options;
    this.auth = new FakeAuthenticator(options.auth ?? "basic", options.user ?? FAKE_USER, options.password ?? FAKE_PASSWORD);
    const v2 = options.httpPost === "v2";
    this.slots = v2 ? structuredClone(options.slots ?? [otherServerSlot(1, "192.168.1.50")]) : undefined;
    this.v1Target = structuredClone(options.v1Target ?? { bSwitch: false, serverIp: "", serverPort: 80, URL: "/API", keepaliveTimeval: 60 });
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  static async start(options: FakeCameraOptions = {}): Promise<FakeCamera> {
    const camera = new FakeCamera(options);
    await new Promise<void>((resolve) => camera.server.listen(0, "127.0.0.1", resolve));
    return camera;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `127.0.0.1:<port>`, as a user would type it. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Requests for one command, e.g. "SetHttpPostConfig". */
  requestsFor(command: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.split("/")[1] === command);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      this.requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      if (this.mode === "hang") return; // keep the socket open, answer nothing
      if (this.mode === "html") return send(res, 200, HTML_PAGE, "text/html; charset=utf-8");
      if (!this.auth.check(req.method ?? "", req.url ?? "", req.headers.authorization)) {
        res.setHeader("WWW-Authenticate", this.auth.challenges());
        return send(res, 401, "", "text/plain");
      }
      const command = (req.url ?? "").split("/")[1] ?? "";
      const error = this.errors.get(command);
      if (error) return send(res, 200, errorDoc(error.code, error.desc));
      send(res, 200, this.answer(command, body));
    });
  }

  private answer(command: string, body: string): string {
    const identity = { model: "LPR-IP4", mac: "00:18:ae:12:34:56", serial: "FAKE0001", firmware: "5.3.1.0-fake" };
    switch (command) {
      case "GetDeviceInfo":
        return deviceInfoDoc(this.options.api ?? "v1", identity);
      case "GetHttpPostConfig":
        return httpPostDoc(this.v1View(), this.slots, this.options.dataTypeElement ?? "subscribeDateType");
      case "SetHttpPostConfig":
        return this.store(body) ? SUCCESS_DOC : errorDoc(3, "Invalid Content");
      case "GetAlarmStatus":
        return alarmStatusDoc(this.options.alarms ?? [
          { name: "motionAlarm", id: "1", active: true },
          { name: "perimeterAlarm", active: false },
          { name: "vehicleAlarm", id: "1", active: false },
        ]);
      default:
        return errorDoc(1, "Invalid Request");
    }
  }

  /** v2 cameras mirror slot 1 into `httpPost`, as the documented reply does. */
  private v1View(): FakeV1Target | undefined {
    if (!this.slots) return this.v1Target;
    const first = this.slots.find((s) => s.urlId === 1);
    return first && { bSwitch: first.switch, serverIp: first.domain, serverPort: first.port, URL: first.path, keepaliveTimeval: first.keepaliveTimeval };
  }

  /** Applies a SetHttpPostConfig body; false when it is not understood. */
  private store(body: string): boolean {
    let root: XmlNode;
    try {
      root = parseXml(body).root;
    } catch {
      return false;
    }
    const v1 = child(root, "httpPost");
    if (v1 !== undefined) {
      const text = (name: string): string => str(child(v1, name)) ?? "";
      this.v1Target = {
        bSwitch: text("bSwitch") === "true", serverIp: text("serverIp"), serverPort: Number(text("serverPort")),
        URL: text("URL"), keepaliveTimeval: Number(text("keepaliveTimeval")),
      };
    }
    const list = at(root, "httpPostV2", "postUrlConf", "urlList");
    if (list !== undefined) {
      const sent = items(list).map((item) => this.readSlot(item));
      if (sent.some((s) => s === undefined)) return false;
      const kept = this.options.setReplacesList ? [] : (this.slots ?? []).filter((s) => !sent.some((n) => n?.urlId === s.urlId));
      this.slots = [...kept, ...(sent as FakeSlot[])].sort((a, b) => a.urlId - b.urlId);
    }
    return v1 !== undefined || list !== undefined;
  }

  private readSlot(item: XmlNode): FakeSlot | undefined {
    const text = (...path: string[]): string => str(at(item, ...path)) ?? "";
    const values = (name: string): string[] => items(child(item, name)).map((i) => str(i) ?? "");
    const urlId = Number(text("urlId"));
    if (!Number.isInteger(urlId) || urlId < 1 || urlId > 3) return undefined;
    return {
      urlId, switch: text("switch") === "true", protocol: text("url", "protocol"), domain: text("url", "domain"),
      port: Number(text("url", "port")), path: text("url", "path"), authentication: text("url", "authentication"),
      heatBeatSwitch: text("heatBeatSwitch") === "true", keepaliveTimeval: Number(text("keepaliveTimeval")),
      dataTypes: values(this.options.dataTypeElement ?? "subscribeDateType"), events: values("subscriptionEvents"),
    };
  }
}

function send(res: http.ServerResponse, status: number, body: string, type = "application/xml; charset=utf-8"): void {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/** A loopback port with nothing listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
