// A small loopback HTTP server for the simulator tests: records every request and the socket it
// came on, answers with the success reply unless told otherwise.
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { SUCCESS_REPLY } from "../../src/protocol/reply";

export interface Recorded {
  method: string;
  /** The request target as sent (origin-form or absolute-form). */
  target: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** 1-based number of the connection it came on. */
  connection: number;
}

export interface Answer {
  status: number;
  body: string;
}

export type Responder = (request: Recorded) => Answer;

export interface Loopback {
  url: string;
  port: number;
  requests: Recorded[];
  /** `connection` events seen. */
  readonly connections: number;
  close(): Promise<void>;
}

export const success: Responder = () => ({ status: 200, body: SUCCESS_REPLY });

export function startLoopback(respond: Responder = success, keepAliveTimeoutMs = 30_000): Promise<Loopback> {
  const requests: Recorded[] = [];
  const ids = new WeakMap<Socket, number>();
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded: Recorded = {
        method: req.method ?? "",
        target: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
        connection: ids.get(req.socket) ?? 0,
      };
      requests.push(recorded);
      const answer = respond(recorded);
      res.writeHead(answer.status, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(answer.body) });
      res.end(answer.body);
    });
  });
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.on("connection", (socket: Socket) => ids.set(socket, ++connections));
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/API`,
        port,
        requests,
        get connections() {
          return connections;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
