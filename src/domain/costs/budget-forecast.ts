/**
 * Forecast to year end by run rate: what has been spent so far plus the average month so far
 * for each month still to come. Integer cents, rounded half up.
 */
export const forecastToYearEnd = (actualCents: number, monthsWithActuals: number): number => {
  if (monthsWithActuals <= 0) return 0;
  const remaining = 12 - monthsWithActuals;
  return actualCents + Math.round((actualCents * remaining) / monthsWithActuals);
};
