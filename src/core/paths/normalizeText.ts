/**
 * The two text comparisons of the spec (docs/matching.md §3): NFC, and NFC
 * case-folded. ASCII needs neither normalization nor Unicode case mapping,
 * and is by far the common case, so it takes a fast path.
 */
const ASCII = /^[\x00-\x7f]*$/;

/** Unicode NFC: macOS and some SMB shares produce NFD names; most tools produce NFC. */
export function nfc(text: string): string {
  return ASCII.test(text) ? text : text.normalize('NFC');
}

/**
 * Case folding for comparison: NFC, then lower, upper and lower case again,
 * then NFC. The upper-case step applies Unicode's full case mapping, so
 * "Straße", "STRASSE", "strasse" and "ẞ" all fold to "ss"; the first
 * lower-case step makes the result the same for every case variant of a
 * name. Locale-independent (no Turkish dotless-i surprises).
 */
export function foldCase(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC');
}
