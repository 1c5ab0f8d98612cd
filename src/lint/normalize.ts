/**
 * Step-name normalisation for `duplicate-step`: two names are the same when they differ only
 * in width (full-/half-width), case, punctuation, symbols or whitespace, in any script.
 */

/** `Customer confirms requirements.` and `customer  confirms requirements` → the same key. */
export function normalizeName(name: string): string {
  // Printable ASCII is already in NFKC; skip the (costly) normalisation for it.
  return (/^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
}
