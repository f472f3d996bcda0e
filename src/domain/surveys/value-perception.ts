import type { QuestionInput } from "../schemas/survey.js";

export const VALUE_PERCEPTION_SURVEY_NAME = "Value perception";

/**
 * The built-in value-perception survey: twelve Likert statements the business answers and IT
 * staff answer as "the business would say...", so the two distributions can be compared
 * (reference §5, perception gap). Three statements are about cost, where the seed articles found
 * the widest gap (4 % of business leaders think IT costs are optimised).
 */
const statements: [string, string][] = [
  ["IT understands my unit's priorities.", "IT understands their unit's priorities."],
  ["IT costs are justified by the value delivered.", "IT costs are justified by the value delivered."],
  ["I understand what my unit pays IT for.", "They understand what their unit pays IT for."],
  ["IT costs are well managed and optimised.", "IT costs are well managed and optimised."],
  [
    "I know whom to contact in IT about a business need.",
    "They know whom to contact in IT about a business need.",
  ],
  ["IT treats my unit as a customer.", "IT treats their unit as a customer."],
  ["IT services are reliable enough for our work.", "IT services are reliable enough for their work."],
  ["IT resolves our problems quickly.", "IT resolves their problems quickly."],
  [
    "IT keeps us informed about changes that affect us.",
    "IT keeps them informed about changes that affect them.",
  ],
  ["IT helps my unit reach its goals.", "IT helps their unit reach its goals."],
  ["IT proposes improvements before we ask for them.", "IT proposes improvements before they ask for them."],
  ["Working with IT is easy.", "Working with IT is easy."],
];

export const valuePerceptionQuestions = (): QuestionInput[] => [
  ...statements.map(
    ([text, mirror]): QuestionInput => ({
      type: "likert",
      text,
      // "IT ..." keeps its capitals; "They ..." continues the sentence in lower case.
      mirrorText: `The business would say: ${mirror.startsWith("IT") ? mirror : `${mirror.charAt(0).toLowerCase()}${mirror.slice(1)}`}`,
    }),
  ),
  {
    type: "free_text",
    text: "What should IT start, stop or keep doing?",
    mirrorText: "What would the business say IT should start, stop or keep doing?",
    required: false,
  },
];

export const valuePerceptionDescription =
  "Twelve statements about how the business sees IT's value, asked of the business and, phrased as " +
  '"the business would say...", of IT staff. 1 = strongly disagree, 5 = strongly agree.';
