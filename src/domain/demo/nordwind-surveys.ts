import { seededRandom } from "../seeded-random.js";

/**
 * The demo's value-perception campaign of October 2026: the business of every unit answers the
 * twelve statements, and IT staff answer the mirror ("the business would say..."). The gap is
 * widest on the three cost statements, as in the seed articles (reference §5); the Executive
 * Board has too few respondents and stays withheld.
 */
export interface DemoSurveyResponse {
  audience: "business" | "it";
  /** The respondent's unit (business) or the unit the IT respondent speaks about (null: all). */
  unit: string | null;
  submittedAt: string;
  /** One value 1-5 per statement, in the survey's order. */
  values: number[];
  comment: string | null;
  signedName: string | null;
}

export interface DemoSurveyCampaign {
  name: string;
  startsAt: string;
  deadline: string;
  closedAt: string;
  responses: DemoSurveyResponse[];
  unanswered: { audience: "business" | "it"; unit: string | null }[];
}

/** Business respondents and invitees per unit. */
const businessReach: [string, number, number][] = [
  ["Retail Stores", 40, 55],
  ["E-Commerce", 18, 24],
  ["Sales", 10, 14],
  ["Wholesale", 8, 12],
  ["Manufacturing", 15, 22],
  ["Logistics", 20, 28],
  ["Finance", 9, 11],
  ["Human Resources", 7, 10],
  ["Customer Service", 22, 30],
  ["Marketing", 11, 15],
  ["Product & Sourcing", 8, 12],
  ["Executive Board", 3, 8],
];

/** IT respondents about one unit, or about the business as a whole (null). */
const itReach: [string | null, number, number][] = [
  ["Retail Stores", 6, 7],
  ["E-Commerce", 6, 6],
  ["Logistics", 5, 6],
  ["Customer Service", 5, 6],
  ["Manufacturing", 5, 7],
  [null, 14, 18],
];

/** Share agreeing (4-5) per statement: the business, and what IT believes the business would say. */
const businessAgree = [0.42, 0.12, 0.18, 0.06, 0.55, 0.38, 0.58, 0.41, 0.29, 0.36, 0.17, 0.44];
const itAgree = [0.78, 0.74, 0.66, 0.71, 0.82, 0.9, 0.76, 0.7, 0.61, 0.72, 0.48, 0.69];
/** Units that see IT better or worse than average (added to the agreeing share). */
const unitTilt: Record<string, number> = {
  "E-Commerce": 0.12,
  "Retail Stores": -0.1,
  Logistics: -0.05,
  Finance: 0.08,
  "Customer Service": -0.08,
};

const comments = [
  "We never see what we pay for. The IT bill is one line.",
  "The service desk is friendly, but store tills stay broken for days.",
  "Our BRM knows our priorities; the rest of IT does not.",
  "Please tell us before changes go live, not after.",
  "Web shop releases have become much smoother this year.",
  "IT costs feel like a tax, not an investment.",
  "Warehouse scanners: the third outage in peak season.",
  "Good that someone finally asks.",
  "I do not know whom to call for a new report.",
  "<b>Shop</b> performance on Black Friday was great!",
];

const valueFor = (agree: number, r: () => number): number => {
  const x = r();
  if (x < agree) return x < agree * 0.3 ? 5 : 4;
  const rest = (x - agree) / (1 - agree);
  return rest < 0.35 ? 3 : rest < 0.8 ? 2 : 1;
};

export const nordwindSurveyCampaign = (seed: number): DemoSurveyCampaign => {
  const random = seededRandom(seed + 8);
  const at = () =>
    `2026-10-${String(random.int(5, 23)).padStart(2, "0")}T${String(random.int(7, 17)).padStart(2, "0")}:${String(random.int(0, 59)).padStart(2, "0")}:00.000Z`;
  const responses: DemoSurveyResponse[] = [];
  const unanswered: DemoSurveyCampaign["unanswered"] = [];
  for (const [unit, answered, invited] of businessReach) {
    const tilt = unitTilt[unit] ?? 0;
    for (let i = 0; i < answered; i++) {
      const comment = random.next() < 0.3 ? random.pick(comments) : null;
      responses.push({
        audience: "business",
        unit,
        submittedAt: at(),
        values: businessAgree.map((a) => valueFor(Math.min(0.95, Math.max(0.02, a + tilt)), random.next)),
        comment,
        signedName: comment && random.next() < 0.2 ? `${unit} colleague` : null,
      });
    }
    for (let i = answered; i < invited; i++) unanswered.push({ audience: "business", unit });
  }
  for (const [unit, answered, invited] of itReach) {
    for (let i = 0; i < answered; i++)
      responses.push({
        audience: "it",
        unit,
        submittedAt: at(),
        values: itAgree.map((a) => valueFor(a, random.next)),
        comment: null,
        signedName: null,
      });
    for (let i = answered; i < invited; i++) unanswered.push({ audience: "it", unit });
  }
  return {
    name: "Value perception 2026",
    startsAt: "2026-10-05T07:00:00.000Z",
    deadline: "2026-10-24T18:00:00.000Z",
    closedAt: "2026-10-24T18:00:00.000Z",
    responses,
    unanswered,
  };
};
