/** The sum of a set of percentages that should add up to 100, flagged when it does not. */
export const LinkTotal = ({ total, label }: { total: number; label: string }) => {
  const rounded = Math.round(total * 100) / 100;
  const off = Math.abs(rounded - 100) > 0.001;
  return (
    <p className={off ? "link-total off" : "link-total"} data-testid="link-total">
      {label}: <strong>{rounded} %</strong>{" "}
      {off ? (
        <span className="flag" role="status">
          does not add up to 100 %
        </span>
      ) : (
        <span className="ok">adds up to 100 %</span>
      )}
    </p>
  );
};
