import { TandemError } from "../domain/errors.js";
import { kpiTemplate } from "../domain/kpis/kpi-library.js";
import type { Kpi, KpiFormula } from "../domain/schemas/kpi.js";
import type { Repositories } from "../store/repositories/index.js";

export interface AddKpiFromTemplateOptions {
  repositories: Repositories;
  templateKey: string;
  goalId: string;
  /** The service a metric, survey, feedback or cost template is sliced to. */
  serviceId?: string | null;
  /** Default: the template's name and the goal's, e.g. "Availability of … (Double web shop conversion)". */
  name?: string;
  ownerPersonId?: string | null;
}

/** Adds a library KPI to a goal in one step: the template's definition, unit, direction and source. */
export const addKpiFromTemplate = async (options: AddKpiFromTemplateOptions): Promise<Kpi> => {
  const template = kpiTemplate(options.templateKey);
  if (!template) {
    throw new TandemError("validation", `there is no KPI template "${options.templateKey}"`, {
      issues: [{ path: "templateKey", message: "expected a key from GET /api/v1/kpi-library" }],
    });
  }
  const goal = await options.repositories.goals.get(options.goalId);
  const serviceId = options.serviceId ?? null;
  const source: KpiFormula =
    template.source.kind === "metric" ||
    template.source.kind === "feedback" ||
    template.source.kind === "cost"
      ? { ...template.source, serviceId }
      : template.source.kind === "survey"
        ? { ...template.source, serviceId }
        : template.source;
  const name = (options.name ?? `${template.name} (${goal.name})`).slice(0, 200);
  return options.repositories.kpis.create({
    name,
    layer: template.layer,
    goalId: goal.id,
    source,
    unit: template.unit,
    direction: template.direction,
    frequency: template.frequency,
    definition: template.definition,
    ownerPersonId: options.ownerPersonId ?? null,
    templateKey: template.key,
  });
};
