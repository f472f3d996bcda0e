import type { CostExplanationStep } from "../../../src/domain/schemas/cost-model.js";
import { formatEuros, formatNumber } from "../components/locale-format.js";

const driverText = (s: CostExplanationStep) => {
  if (!s.basis || s.basis === "ledger") return "";
  if (s.basis === "direct" || s.driverValue === null || s.driverTotal === null) return ` by ${s.basis}`;
  if (s.basis === "fixed %") return ` by ${formatNumber(s.driverValue, 2)} % (rule ${s.ruleId})`;
  return ` by ${s.basis}: ${formatNumber(s.driverValue, 2)} of ${formatNumber(s.driverTotal, 2)} (rule ${s.ruleId})`;
};

/** The path of a unit's money, step by step back to the ledger; each level adds up to its parent. */
export const CostExplanationTree = ({ steps }: { steps: CostExplanationStep[] }) => (
  <ul className="cost-explanation">
    {steps.map((s) => (
      <li key={s.node}>
        <span className="cost-explanation-amount">{formatEuros(s.cents)}</span> from <strong>{s.name}</strong>
        <span className="muted">{driverText(s)}</span>
        {s.from.length > 0 && <CostExplanationTree steps={s.from} />}
      </li>
    ))}
  </ul>
);
