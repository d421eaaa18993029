// Alarm status posts: which alarms are on or off (PROTOCOL.md 2.6).
//   v1: <alarmStatusInfo><perimeterAlarm type="boolean" id="1">true</perimeterAlarm>
//   v2: <alarmStatusInfo><perimeterAlarm><item id="1">true</item></perimeterAlarm>
import * as tree from "./xml";
import { attr, child, groups, items, XmlEl } from "./xml-el";
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

/** One entry (the alarm element or one of its items), or undefined without a boolean value. */
function alarmOf(name: string, text: string | undefined, id: string | undefined): AlarmState | undefined {
  const active = toActive(text);
  if (active === undefined) return undefined;
  const alarm: AlarmState = { alarmType: name, active, category: alarmCategoryOf(name) };
  if (id !== undefined && id !== "") alarm.id = id;
  return alarm;
}

/**
 * Every alarm of the block: names in order of first appearance, repeated names together;
 * entries without a boolean value are skipped. Reads webhook bodies (element tree) and the
 * camera API's GetAlarmStatus reply (plain tree).
 */
export function readAlarms(info: XmlEl | tree.XmlElement): AlarmState[] {
  const alarms: AlarmState[] = [];
  const add = (alarm: AlarmState | undefined): void => {
    if (alarm !== undefined) alarms.push(alarm);
  };
  if (info instanceof XmlEl) {
    for (const [name, nodes] of groups(info)) {
      for (const node of nodes) {
        for (const entry of child(node, "item") !== undefined ? items(node) : [node]) add(alarmOf(name, str(entry), attr(entry, "id")));
      }
    }
    return alarms;
  }
  for (const name of tree.childNames(info)) {
    const value = info[name];
    for (const node of Array.isArray(value) ? value : [value]) {
      const list = tree.isElement(node) && tree.child(node, "item") !== undefined ? tree.items(node) : [node];
      for (const entry of list) add(alarmOf(name, str(entry), tree.attr(entry, "id")));
    }
  }
  return alarms;
}
