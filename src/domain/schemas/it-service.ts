import { z } from "zod";
import { description, entityMeta, id, isoDate, name, patchOf } from "./common.js";

export const weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
export type Weekday = z.infer<typeof weekday>;

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "expected a time as HH:MM (00:00 to 24:00)");

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "expected an IANA time zone such as Europe/Berlin");

export const serviceWindow = z
  .object({ day: weekday, start: clockTime, end: clockTime })
  .refine((w) => w.start < w.end, { message: "must be after start", path: ["end"] });

/** Agreed service hours: weekly windows in a time zone, minus holidays. `null` on a service means 24 × 7. */
export const serviceHours = z.object({
  timeZone,
  windows: z.array(serviceWindow).min(1, "at least one window").max(50),
  holidays: z.array(isoDate).max(400).default([]),
});
export type ServiceHours = z.infer<typeof serviceHours>;

export const priority = z.number().int("expected a priority from 1 to 5").min(1).max(5);

export const slaTarget = z
  .object({
    priority,
    responseSeconds: z.number().int().positive("must be positive"),
    resolutionSeconds: z.number().int().positive("must be positive"),
  })
  .refine((t) => t.responseSeconds <= t.resolutionSeconds, {
    message: "must not be shorter than responseSeconds",
    path: ["resolutionSeconds"],
  });
export type SlaTarget = z.infer<typeof slaTarget>;

/** Names under which ticketing tools know the service; ticket import matches on them. */
export const aliasKind = z.enum(["ci", "business_service", "jira_component", "jira_request_type", "other"]);
export const serviceAlias = z.object({ kind: aliasKind, value: z.string().trim().min(1).max(200) });
export type ServiceAlias = z.infer<typeof serviceAlias>;

export const lifecycleStatus = z.enum(["pipeline", "live", "retiring", "retired"]);
/** Tier 1 is business-critical, tier 4 is best effort. */
export const criticalityTier = z.number().int("expected a tier from 1 to 4").min(1).max(4);

const uniqueBy =
  <T>(key: (item: T) => string, what: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          message: `duplicate ${what} (also at index ${first})`,
          path: [index],
        });
      } else seen.set(k, index);
    });
  };

const serviceFields = z.object({
  name,
  description: description.default(""),
  serviceOwnerId: id.nullable().default(null),
  businessOwnerId: id.nullable().default(null),
  itTeamId: id.nullable().default(null),
  criticalityTier: criticalityTier.default(3),
  lifecycleStatus: lifecycleStatus.default("live"),
  serviceHours: serviceHours.nullable().default(null),
  /** Percentage of agreed service time the service must be up, e.g. 99.9. */
  availabilityTarget: z.number().min(0).max(100).nullable().default(null),
  slaTargets: z
    .array(slaTarget)
    .max(5)
    .superRefine(uniqueBy((t) => String(t.priority), "priority"))
    .default([]),
  aliases: z
    .array(serviceAlias)
    .max(100)
    .superRefine(uniqueBy((a) => `${a.kind}:${a.value.toLowerCase()}`, "alias"))
    .default([]),
});

export const itServiceInput = serviceFields;
export const itServicePatch = patchOf(serviceFields);
export const itService = serviceFields.extend(entityMeta);

export type ItServiceInput = z.input<typeof itServiceInput>;
export type ItService = z.infer<typeof itService>;
