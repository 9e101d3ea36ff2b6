// Escaping a value for the format it is printed in, so that a name such as `<b>Zed</b>` or
// `**Bold**` prints literally instead of becoming markup (peers.md § Privacy; issue #7).

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * A value as literal Markdown text (CommonMark backslash escapes): inline markup characters are
 * escaped everywhere; block markers ("# ", "- ", "+ ", "1. ", a line of --- or ===) only at the
 * value's start, where they could begin a block; a line break becomes a space, so a value never
 * leaves its list item or table cell.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '')
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+-])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)(=+|-+)(\s*)$/, '$1\\$2$3')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
