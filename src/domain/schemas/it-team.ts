import { z } from "zod";
import { description, entityMeta, id, name, patchOf } from "./common.js";

/** An IT team; `assignmentGroups` are the names the ticketing tool uses for it. */
export const itTeamInput = z.object({
  name,
  leadPersonId: id.nullable().default(null),
  assignmentGroups: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  description: description.default(""),
});
export const itTeamPatch = patchOf(itTeamInput);
export const itTeam = itTeamInput.extend(entityMeta);

export type ItTeamInput = z.input<typeof itTeamInput>;
export type ItTeam = z.infer<typeof itTeam>;
