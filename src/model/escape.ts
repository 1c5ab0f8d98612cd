/**
 * The one XML escaper: render, simulate's chart, the render index and any other XML or HTML
 * output use it, so they cannot disagree. Below every area, beside the model, on purpose.
 */

/**
 * Characters XML 1.0 does not allow at all, not even as a character reference: C0 controls
 * other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\r': '&#13;' };

/**
 * Escapes text for XML (and HTML) content and attribute values. A character XML cannot hold
 * becomes U+FFFD, so the document stays well-formed whatever the input; validation reports
 * such characters in names (`control-character`) before they get here.
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\r]/g, (c) => ENTITIES[c]!);
}
