// Alarm status posts: which alarms are on or off (PROTOCOL.md 2.6).
//   v1: <alarmStatusInfo><perimeterAlarm type="boolean" id="1">true</perimeterAlarm>
//   v2: <alarmStatusInfo><perimeterAlarm><item id="1">true</item></perimeterAlarm>
import { attr, child, childNames, isElement, items, type XmlElement } from "./xml";
import { str } from "./read";
import { alarmCategoryOf } from "./categories";
import type { AlarmState } from "./types";

function toActive(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const value = text.toLowerCase();
  if (value === "true" || value === "1" || value === "on") return true;
  if (value === "false" || value === "0" || value === "off") return false;
  return undefined;
}

/** Every alarm of the block, in document order; entries without a boolean value are skipped. */
export function readAlarms(info: XmlElement): AlarmState[] {
  const alarms: AlarmState[] = [];
  for (const name of childNames(info)) {
    const value = info[name];
    for (const node of Array.isArray(value) ? value : [value]) {
      const list = isElement(node) && child(node, "item") !== undefined ? items(node) : [node];
      for (const entry of list) {
        const active = toActive(str(entry));
        if (active === undefined) continue;
        const alarm: AlarmState = { alarmType: name, active, category: alarmCategoryOf(name) };
        const id = attr(entry, "id");
        if (id !== undefined && id !== "") alarm.id = id;
        alarms.push(alarm);
      }
    }
  }
  return alarms;
}
