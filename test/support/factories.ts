import type { BusinessGoal, BusinessGoalInput } from "../../src/domain/schemas/business-goal.js";
import { businessGoalInput } from "../../src/domain/schemas/business-goal.js";
import type { BusinessUnit, BusinessUnitInput } from "../../src/domain/schemas/business-unit.js";
import { businessUnitInput } from "../../src/domain/schemas/business-unit.js";
import type { Capability, CapabilityInput } from "../../src/domain/schemas/capability.js";
import { capabilityInput } from "../../src/domain/schemas/capability.js";
import type { Initiative, InitiativeInput } from "../../src/domain/schemas/initiative.js";
import { initiativeInput } from "../../src/domain/schemas/initiative.js";
import type { ItService, ItServiceInput } from "../../src/domain/schemas/it-service.js";
import { itServiceInput } from "../../src/domain/schemas/it-service.js";
import type { Person, PersonInput } from "../../src/domain/schemas/person.js";
import { personInput } from "../../src/domain/schemas/person.js";
import type { Repositories } from "../../src/store/repositories/index.js";

/**
 * Test data factories: each makes a valid item with a unique name, stores it through the
 * repositories, and lets the test override only what it is about.
 */
let sequence = 0;
const next = () => ++sequence;

export const makeBusinessUnit = (
  r: Repositories,
  o: Partial<BusinessUnitInput> = {},
): Promise<BusinessUnit> =>
  r.businessUnits.create(businessUnitInput.parse({ name: `Unit ${next()}`, headcount: 10, ...o }));

export const makePerson = (r: Repositories, o: Partial<PersonInput> = {}): Promise<Person> => {
  const n = next();
  return r.people.create(personInput.parse({ name: `Person ${n}`, email: `person${n}@example.test`, ...o }));
};

export const makeGoal = (r: Repositories, o: Partial<BusinessGoalInput> = {}): Promise<BusinessGoal> =>
  r.goals.create(businessGoalInput.parse({ name: `Goal ${next()}`, level: "strategic", ...o }));

export const makeCapability = (r: Repositories, o: Partial<CapabilityInput> = {}): Promise<Capability> =>
  r.capabilities.create(capabilityInput.parse({ name: `Capability ${next()}`, ...o }));

export const makeService = (r: Repositories, o: Partial<ItServiceInput> = {}): Promise<ItService> =>
  r.services.create(itServiceInput.parse({ name: `Service ${next()}`, ...o }));

export const makeInitiative = (r: Repositories, o: Partial<InitiativeInput> = {}): Promise<Initiative> =>
  r.initiatives.create(initiativeInput.parse({ name: `Initiative ${next()}`, ...o }));
