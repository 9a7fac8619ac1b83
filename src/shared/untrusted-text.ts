/*
 * Text from outside (pre-push input, CODEOWNERS lines, flag values) shown in a message: control
 * characters (NUL, ESC, newlines, C1) become visible `\xNN` escapes, so the text can neither
 * drive the terminal nor forge extra output lines, and anything past `maxLength` characters is
 * cut with a count, so a 100,000-character value does not flood the screen.
 */

/** The text with control characters escaped and cut at `maxLength`, without quotes (for names such as refs). */
export function escapeUntrusted(text: string, maxLength = 80): string {
  return cut(text, maxLength, (shown) => escapeControls(shown, false));
}

/** The text in double quotes, control characters, quotes and backslashes escaped, cut at `maxLength`. */
export function quoteUntrusted(text: string, maxLength = 80): string {
  return cut(text, maxLength, (shown) => `"${escapeControls(shown, true)}"`);
}

function cut(text: string, maxLength: number, show: (shown: string) => string): string {
  if (text.length <= maxLength) return show(text);
  return `${show(text.slice(0, maxLength))}… (${text.length - maxLength} more characters)`;
}

function escapeControls(text: string, isQuoted: boolean): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(isQuoted ? /[\u0000-\u001f\u007f-\u009f"\\]/g : /[\u0000-\u001f\u007f-\u009f]/g, (char) =>
    char === '"' || char === '\\' ? `\\${char}` : `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
