// A tiny line-per-element XML writer for the simulator: the cameras put one element per line
// (IPC: no indentation; NVR: four spaces per level). Text is escaped, CDATA split where needed.

export type Attrs = Readonly<Record<string, string | number>>;

function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}

/** `<![CDATA[...]]>`, with any `]]>` in the value split across two sections. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

function attrText(attrs: Attrs | undefined): string {
  if (!attrs) return "";
  return Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${escapeAttr(String(value))}"`)
    .join("");
}

export class XmlWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  constructor(private readonly indentUnit = "") {}

  private push(text: string): this {
    this.lines.push(this.indentUnit.repeat(this.depth) + text);
    return this;
  }

  /** A line as given (declaration, comment). */
  raw(text: string): this {
    return this.push(text);
  }

  open(name: string, attrs?: Attrs): this {
    this.push(`<${name}${attrText(attrs)}>`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    return this.push(`</${name}>`);
  }

  /** `<name attrs>value</name>`, escaped; an empty value gives `<name attrs/>` when `selfClose`. */
  text(name: string, value: string | number, attrs?: Attrs, selfClose = false): this {
    const text = escapeText(String(value));
    if (text === "" && selfClose) return this.push(`<${name}${attrText(attrs)}/>`);
    return this.push(`<${name}${attrText(attrs)}>${text}</${name}>`);
  }

  /** `<name attrs><![CDATA[value]]></name>`. */
  cdata(name: string, value: string, attrs?: Attrs): this {
    return this.push(`<${name}${attrText(attrs)}>${cdata(value)}</${name}>`);
  }

  /** `<name attrs/>` (IPC keeps some values in attributes: `<PlateConfidence count="9900"/>`). */
  empty(name: string, attrs?: Attrs): this {
    return this.push(`<${name}${attrText(attrs)}/>`);
  }

  /** `<name attrs>raw</name>` without escaping (base64 is already XML-safe). */
  verbatim(name: string, value: string, attrs?: Attrs): this {
    return this.push(`<${name}${attrText(attrs)}>${value}</${name}>`);
  }

  toString(): string {
    return this.lines.join("\n") + "\n";
  }
}
