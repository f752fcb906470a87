/** The forms of a server-rendered page as a browser would submit them (no JavaScript needed). */

export interface HtmlField {
  name: string;
  value: string;
  /** input type, "textarea" or "select" */
  type: string;
}

export interface HtmlForm {
  action: string | null;
  method: string;
  multipart: boolean;
  fields: HtmlField[];
}

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
};
const has = (tag: string, name: string) => new RegExp(`\\s${name}(?:=|\\s|>|/)`).test(tag);

/** Every <form> in the HTML with the fields it would submit (submit buttons give their name only when pressed). */
export function htmlForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [open, body] = [m[1]!, m[2]!];
    const fields: HtmlField[] = [];
    let submitIntent: HtmlField | null = null;
    for (const el of body.matchAll(/<(textarea|select|button)\b([^>]*)>([\s\S]*?)<\/\1>|<(input)\b([^>]*)>/g)) {
      const [kind, tag, inner] = el[4] ? [el[4], el[5]!, ""] : [el[1]!, el[2]!, el[3]!];
      const name = attr(tag, "name");
      if (!name || has(tag, "disabled")) continue;
      if (kind === "textarea") fields.push({ name, value: decode(inner), type: "textarea" });
      else if (kind === "select") {
        const selected = /<option([^>]*)\sselected[^>]*>/.exec(inner) ?? /<option([^>]*)>/.exec(inner);
        fields.push({ name, value: selected ? (attr(selected[0], "value") ?? "") : "", type: "select" });
      } else if (kind === "button") {
        submitIntent ??= { name, value: attr(tag, "value") ?? "", type: "submit" };
      } else {
        const type = (attr(tag, "type") ?? "text").toLowerCase();
        if (type === "file" || type === "reset" || type === "button" || type === "image") continue;
        if (type === "submit") {
          submitIntent ??= { name, value: attr(tag, "value") ?? "", type };
          continue;
        }
        if ((type === "checkbox" || type === "radio") && !has(tag, "checked")) continue;
        fields.push({ name, value: attr(tag, "value") ?? (type === "checkbox" ? "on" : ""), type });
      }
    }
    if (submitIntent && !fields.some((f) => f.name === submitIntent!.name)) fields.push(submitIntent);
    forms.push({
      action: attr(open, "action"),
      method: (attr(open, "method") ?? "get").toLowerCase(),
      multipart: (attr(open, "enctype") ?? "").includes("multipart"),
      fields,
    });
  }
  return forms;
}

/** The fields of a form as URLSearchParams, with some replaced or added. */
export function formBody(form: HtmlForm, changes: Record<string, string> = {}): URLSearchParams {
  const body = new URLSearchParams();
  for (const f of form.fields) if (!(f.name in changes)) body.append(f.name, f.value);
  for (const [k, v] of Object.entries(changes)) body.set(k, v);
  return body;
}

/** The Swedish errors shown next to fields: field name (from the error element's id) → message. */
export function fieldErrors(html: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const m of html.replace(/<!-- -->/g, "").matchAll(/<span class="field-error" id="([^"]*)-error">([\s\S]*?)<\/span>/g)) errors[decode(m[1]!).replace(/^field-/, "")] = decode(m[2]!);
  return errors;
}

/** The evaluation form's fields in a page (inputs, textareas, selected options), as a browser would submit them. */
export function formFields(html: string): URLSearchParams {
  const form = html.slice(html.indexOf('class="stacked evaluation-form"'));
  const fields = new URLSearchParams();
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(m[1]!)?.[1];
    const value = /value="([^"]*)"/.exec(m[1]!)?.[1] ?? "";
    if (name && !/type="(file|submit)"/.test(m[1]!)) fields.append(decode(name), decode(value));
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields.append(decode(m[1]!), decode(m[2]!));
  for (const m of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option[^>]*value="([^"]*)"[^>]*selected/.exec(m[2]!)?.[1];
    if (selected) fields.set(decode(m[1]!), selected);
  }
  return fields;
}
