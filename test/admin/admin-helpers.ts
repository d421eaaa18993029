// Calling the camera admin endpoints of the test-helper runtime (its admin app, no adminAuth).
import { helper } from "../nodes/harness";

export const BASE = "/viewtron-config/camera";

export interface Reply {
  status: number;
  // JSON answers of the endpoints: read field by field in the tests.
  body: Record<string, unknown>;
}

export async function post(action: string, body: unknown): Promise<Reply> {
  const res = await helper.request().post(`${BASE}/${action}`).send(body as object).timeout(15_000);
  return { status: res.status, body: (res.body ?? {}) as Record<string, unknown> };
}

/** A raw body with a chosen content type (bad JSON, text). */
export async function postRaw(action: string, text: string, type: string): Promise<Reply> {
  const res = await helper.request().post(`${BASE}/${action}`).set("Content-Type", type).send(text).timeout(15_000);
  return { status: res.status, body: (res.body ?? {}) as Record<string, unknown> };
}

/** `body.error.code` of an error answer. */
export function errorCode(reply: Reply): string | undefined {
  return (reply.body.error as { code?: string } | undefined)?.code;
}

export function errorField(reply: Reply): string | undefined {
  return (reply.body.error as { field?: string } | undefined)?.field;
}

export interface PlanBody {
  ok: boolean;
  element: string;
  urlId?: number;
  action?: string;
  changed?: boolean;
  version?: string;
  body?: string;
  reason?: string;
  slots: Array<{ urlId: number; enabled: boolean; target: string; ours: boolean }>;
  changes?: Array<{ field: string; before: string; after: string; changed: boolean }>;
}

export interface TargetBody {
  domain: string;
  domainSource: string;
  port: number;
  path: string;
  heartbeat: number;
  dataTypes: string[];
}

export function planOf(reply: Reply): PlanBody {
  return reply.body.plan as PlanBody;
}

export function targetOf(reply: Reply): TargetBody {
  return reply.body.target as TargetBody;
}
