const euroFormat = new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR" });
const wholeFormat = new Intl.NumberFormat("en-IE");

/** Money is integer cents; shown as euros, e.g. 1434550 → "€14,345.50". */
export const formatEuros = (cents: number): string => euroFormat.format(cents / 100);

export const formatCount = (n: number): string => wholeFormat.format(n);
