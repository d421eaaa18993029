// Which HTTP POST data types the camera should send, from the choices of the viewtron-in nodes
// that use a config (PROTOCOL.md 6.3: smartData, alarmStatus, traject, sourceImage, targetImage).
import { DEFAULT_DATA_TYPES, type DataType } from "../../camera";

/** The viewtron-in properties that matter here (flow JSON; booleans may be strings). */
export interface InChoices {
  events?: unknown;
  alarmStatus?: unknown;
  traject?: unknown;
  images?: unknown;
}

// The same defaults as viewtron-in: events, alarm status and images on, traject off.
const flag = (value: unknown, fallback: boolean): boolean =>
  value === undefined || value === null || value === "" ? fallback : value === true || value === "true";

/**
 * The union over all nodes, in the documented order. No nodes, or nodes that only want
 * connection messages: the defaults (events, alarm status, images), so a later node has data.
 */
export function wantedDataTypes(inputs: readonly InChoices[]): DataType[] {
  const wanted = new Set<DataType>();
  for (const input of inputs) {
    const events = flag(input.events, true);
    if (events) wanted.add("smartData");
    if (events && flag(input.images, true)) {
      wanted.add("sourceImage");
      wanted.add("targetImage");
    }
    if (flag(input.alarmStatus, true)) wanted.add("alarmStatus");
    if (flag(input.traject, false)) wanted.add("traject");
  }
  if (wanted.size === 0) return [...DEFAULT_DATA_TYPES];
  const order: DataType[] = ["smartData", "alarmStatus", "traject", "sourceImage", "targetImage"];
  return order.filter((type) => wanted.has(type));
}
