import { randomUUID } from "node:crypto";
import { TandemError } from "../../domain/errors.js";
import { type Survey, type SurveyInput, surveyInput } from "../../domain/schemas/survey.js";
import {
  VALUE_PERCEPTION_SURVEY_NAME,
  valuePerceptionDescription,
  valuePerceptionQuestions,
} from "../../domain/surveys/value-perception.js";
import { requirePermission } from "../access.js";
import type { Actor } from "../actor.js";
import type { Db } from "../database.js";
import "./survey-tables.js";

/**
 * Surveys and their questions. Anyone who reads the graph may read a survey (questions hold no
 * answers); writing needs the business side of the graph (IT, relationship managers, admins).
 */
export class SurveyRepository {
  constructor(
    private readonly db: Db,
    private readonly actor: Actor,
  ) {}

  async create(input: SurveyInput, options: { builtIn?: boolean } = {}): Promise<Survey> {
    requirePermission(this.actor, "business-graph:write");
    const parsed = surveyInput.parse(input);
    const id = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      const clash = await tx
        .selectFrom("survey")
        .select("id")
        .where((eb) => eb(eb.fn("lower", ["name"]), "=", parsed.name.toLowerCase()))
        .executeTakeFirst();
      if (clash) throw new TandemError("duplicate", `a survey named "${parsed.name}" exists already`);
      await tx
        .insertInto("survey")
        .values({ id, name: parsed.name, description: parsed.description, builtIn: options.builtIn ?? false })
        .execute();
      await tx
        .insertInto("surveyQuestion")
        .values(
          parsed.questions.map((q, position) => ({
            id: randomUUID(),
            surveyId: id,
            position,
            type: q.type,
            text: q.text,
            mirrorText: q.mirrorText,
            choices: JSON.stringify(q.choices),
            required: q.required,
          })),
        )
        .execute();
    });
    return this.get(id);
  }

  /** The built-in value-perception survey, created on first use. */
  async valuePerception(): Promise<Survey> {
    const found = await this.db
      .selectFrom("survey")
      .select("id")
      .where("builtIn", "=", true)
      .where("name", "=", VALUE_PERCEPTION_SURVEY_NAME)
      .executeTakeFirst();
    if (found) return this.get(found.id);
    // Creating the built-in survey is the store's own doing, whoever asked first.
    return new SurveyRepository(this.db, { kind: "system", name: "surveys" }).create(
      {
        name: VALUE_PERCEPTION_SURVEY_NAME,
        description: valuePerceptionDescription,
        questions: valuePerceptionQuestions(),
      },
      { builtIn: true },
    );
  }

  async get(id: string): Promise<Survey> {
    requirePermission(this.actor, "graph:read");
    const survey = await this.db.selectFrom("survey").selectAll().where("id", "=", id).executeTakeFirst();
    if (!survey) throw new TandemError("not_found", `no survey ${id}`);
    const questions = await this.db
      .selectFrom("surveyQuestion")
      .selectAll()
      .where("surveyId", "=", id)
      .orderBy("position")
      .execute();
    return {
      id: survey.id,
      name: survey.name,
      description: survey.description,
      builtIn: survey.builtIn,
      createdAt: survey.createdAt,
      questions: questions.map((q) => ({
        id: q.id,
        position: q.position,
        type: q.type,
        text: q.text,
        mirrorText: q.mirrorText,
        choices: q.choices,
        required: q.required,
      })),
    };
  }

  async list(): Promise<Survey[]> {
    requirePermission(this.actor, "graph:read");
    await this.valuePerception();
    const rows = await this.db
      .selectFrom("survey")
      .select("id")
      .where("archivedAt", "is", null)
      .orderBy("builtIn", "desc")
      .orderBy("name")
      .execute();
    return Promise.all(rows.map((r) => this.get(r.id)));
  }
}
