/**
 * Shows terminal control characters (ESC, BEL, C1 controls…) of untrusted text such as file
 * names as visible `\xNN` escapes, so a file name cannot retitle or clear the reader's
 * terminal. Tabs and newlines are escaped too: one item stays on one line.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
