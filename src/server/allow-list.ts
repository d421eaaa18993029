// Source-address allow-list: IPv4 / IPv6 addresses and CIDRs; IPv4-mapped IPv6 counts as IPv4.
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { normalizeAddress } from "./addresses";

export interface AllowList {
  /** True when no entry was given: every address is allowed. */
  readonly open: boolean;
  /** Entries that are no address or CIDR (ignored). */
  readonly invalid: readonly string[];
  allows(remoteAddress: string): boolean;
}

/** Splits on commas, semicolons and whitespace (the editor field allows one entry a line). */
export function parseAllowList(text: string | undefined): AllowList {
  const entries = (text ?? "").split(/[\s,;]+/).filter((entry) => entry !== "");
  const list = new BlockList(); // used as an allow set: "blocked" here means "listed"
  const invalid: string[] = [];
  for (const entry of entries) {
    if (!addEntry(list, entry)) invalid.push(entry);
  }
  const open = entries.length === 0;
  return {
    open,
    invalid,
    allows(remoteAddress: string): boolean {
      if (open) return true;
      const address = normalizeAddress(remoteAddress);
      if (isIPv4(address)) return list.check(address, "ipv4");
      if (isIPv6(address)) return list.check(address, "ipv6");
      return false;
    },
  };
}

function addEntry(list: BlockList, entry: string): boolean {
  const slash = entry.indexOf("/");
  const rawAddress = slash >= 0 ? entry.slice(0, slash) : entry;
  const address = normalizeAddress(rawAddress);
  const mappedToV4 = address !== rawAddress.trim().toLowerCase() && isIPv4(address);
  const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : undefined;
  if (family === undefined) return false;
  if (slash < 0) {
    list.addAddress(address, family);
    return true;
  }
  const prefixText = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return false;
  // `::ffff:10.0.0.0/104` is the IPv4 range 10.0.0.0/8.
  const prefix = Number(prefixText) - (mappedToV4 ? 96 : 0);
  if (prefix < 0 || prefix > (family === "ipv4" ? 32 : 128)) return false;
  list.addSubnet(address, prefix, family);
  return true;
}
