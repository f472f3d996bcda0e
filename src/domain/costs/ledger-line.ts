import type { CostModel } from "../schemas/cost-model.js";
import { tbmPools } from "./tbm-taxonomy.js";

/** One problem with a ledger file, named by line and column (field). */
export interface LedgerProblem {
  line: number;
  field: string;
  message: string;
}

export interface LedgerLine {
  period: string;
  lineNo: number;
  account: string;
  costCentre: string;
  vendor: string;
  amountCents: number;
  currency: string;
  bookedAmountCents: number;
  pool: string;
}

/** Header names accepted for each field (compared lower-case, spaces and dashes as underscores). */
export const ledgerColumns = {
  account: ["account", "gl_account", "account_number"],
  costCentre: ["cost_centre", "cost_center", "costcentre", "costcenter"],
  vendor: ["vendor", "supplier"],
  amount: ["amount"],
  currency: ["currency"],
  period: ["period", "month", "posting_date", "date"],
  pool: ["pool", "cost_pool"],
} as const;
export type LedgerField = keyof typeof ledgerColumns;
export const requiredLedgerFields: LedgerField[] = ["account", "costCentre", "amount", "period"];

export const normaliseHeader = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** "1234.5" → 123450; at most two decimals, no thousands separators. */
export const parseAmountCents = (text: string): number | null => {
  const m = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -cents : cents;
};

/** "2026-10" or a date in the month ("2026-10-31") → "2026-10". */
export const parseLedgerPeriod = (text: string): string | null => {
  const m = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/.exec(text.trim());
  return m ? `${m[1]}-${m[2]}` : null;
};

/** Converts booked cents at a rate (workspace currency per unit), rounding half away from zero. */
export const convertCents = (booked: number, rate: number): number => {
  const scaled = BigInt(Math.round(rate * 1_000_000));
  const product = BigInt(Math.abs(booked)) * scaled;
  const rounded = (product + 500_000n) / 1_000_000n;
  return booked < 0 ? -Number(rounded) : Number(rounded);
};

/** The pool a ledger line belongs in: the first mapping entry whose account prefix and cost centre match. */
export const poolOf = (model: CostModel, account: string, costCentre: string): string | null => {
  for (const entry of model.accounts) {
    if (entry.account !== undefined && !account.startsWith(entry.account)) continue;
    if (entry.costCentre !== undefined && entry.costCentre !== costCentre) continue;
    return entry.pool;
  }
  return null;
};

export const poolKeysOf = (model: CostModel): Set<string> =>
  new Set([...tbmPools(model.taxonomy), ...model.customPools].map((p) => p.key));

/**
 * Checks one ledger row and maps it to a pool: every problem is reported with its line and field.
 * `modelOf` gives the cost model of a period (its ledger mapping and pools), or null when the
 * month has none.
 */
export const readLedgerRow = (
  lineNo: number,
  fields: Partial<Record<LedgerField, string>>,
  options: {
    currency: string;
    rates: Readonly<Record<string, number>>;
    modelOf: (period: string) => CostModel | null;
  },
): { line: LedgerLine } | { problems: LedgerProblem[] } => {
  const problems: LedgerProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ line: lineNo, field, message });
  const account = (fields.account ?? "").trim();
  const costCentre = (fields.costCentre ?? "").trim();
  const vendor = (fields.vendor ?? "").trim();
  if (account === "") problem("account", "is empty");
  if (costCentre === "") problem("cost_centre", "is empty");
  const booked = parseAmountCents(fields.amount ?? "");
  if (booked === null) problem("amount", `"${fields.amount ?? ""}" is not an amount such as 1234.56`);
  const period = parseLedgerPeriod(fields.period ?? "");
  if (period === null)
    problem("period", `"${fields.period ?? ""}" is not a month (YYYY-MM) or a date (YYYY-MM-DD)`);
  const currency = (fields.currency ?? "").trim().toUpperCase() || options.currency;
  let amountCents = booked ?? 0;
  if (!/^[A-Z]{3}$/.test(currency)) problem("currency", `"${currency}" is not a currency code such as EUR`);
  else if (currency !== options.currency) {
    const rate = options.rates[currency];
    if (rate === undefined)
      problem("currency", `${currency} needs an exchange rate to ${options.currency} (none given)`);
    else if (booked !== null) amountCents = convertCents(booked, rate);
  }
  let pool = (fields.pool ?? "").trim();
  if (period !== null) {
    const model = options.modelOf(period);
    if (!model) problem("period", `there is no cost model for ${period}; create or copy one first`);
    else {
      if (pool === "") {
        const mapped = account && costCentre ? poolOf(model, account, costCentre) : null;
        if (mapped === null && account && costCentre) {
          problem("cost_centre", `no pool mapping matches account ${account} and cost centre ${costCentre}`);
        }
        pool = mapped ?? "";
      }
      if (pool !== "" && !poolKeysOf(model).has(pool))
        problem(fields.pool ? "pool" : "cost_centre", `unknown cost pool "${pool}"`);
    }
  }
  if (problems.length > 0) return { problems };
  return {
    line: {
      period: period as string,
      lineNo,
      account,
      costCentre,
      vendor,
      amountCents,
      currency,
      bookedAmountCents: booked as number,
      pool,
    },
  };
};
