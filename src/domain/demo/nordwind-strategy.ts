import type { GoalLevel } from "../schemas/business-goal.js";
import type { Criticality } from "../schemas/common.js";

export interface DemoGoal {
  name: string;
  level: GoalLevel;
  parent: string | null;
  owner: string;
  priorityWeight: number;
  description: string;
}

const strategic = (name: string, owner: string, priorityWeight: number, description: string): DemoGoal => ({
  name,
  level: "strategic",
  parent: null,
  owner,
  priorityWeight,
  description,
});
const goal = (name: string, parent: string, owner: string, priorityWeight = 1): DemoGoal => ({
  name,
  level: "goal",
  parent,
  owner,
  priorityWeight,
  description: "",
});
const objective = (name: string, parent: string, owner: string): DemoGoal => ({
  name,
  level: "objective",
  parent,
  owner,
  priorityWeight: 1,
  description: "",
});

/** The goal cascade for the 2026–2027 plan period. */
export const nordwindGoals: DemoGoal[] = [
  strategic(
    "Grow online revenue to 40 % of sales",
    "Sales",
    3,
    "From 24 % today; the stores stay the backbone of the brand.",
  ),
  strategic(
    "Be the customer's favourite outdoor retailer",
    "Customer Service",
    2,
    "Measured by NPS and repeat purchases.",
  ),
  strategic(
    "Run an efficient, resilient supply chain",
    "Logistics",
    2,
    "Right product, right place, next day.",
  ),
  strategic("Keep costs and compliance under control", "Finance", 1, "Cost-income ratio and clean audits."),
  strategic("Attract and keep good people", "Human Resources", 1, "Stores and warehouses compete for staff."),
  goal("Double web shop conversion", "Grow online revenue to 40 % of sales", "E-Commerce", 2),
  goal("Click & collect in every store", "Grow online revenue to 40 % of sales", "Retail Stores"),
  goal("Grow wholesale accounts by 25 %", "Grow online revenue to 40 % of sales", "Wholesale"),
  goal(
    "Answer every customer within one working day",
    "Be the customer's favourite outdoor retailer",
    "Customer Service",
    2,
  ),
  goal("One million Nordwind Club members", "Be the customer's favourite outdoor retailer", "Marketing"),
  goal("Ship 98 % of orders the next day", "Run an efficient, resilient supply chain", "Logistics", 2),
  goal("Cut order-to-delivery time by a day", "Run an efficient, resilient supply chain", "Logistics"),
  goal("Halve stock-outs", "Run an efficient, resilient supply chain", "Product & Sourcing"),
  goal("Close the books in five working days", "Keep costs and compliance under control", "Finance"),
  goal("Pass the annual audit without findings", "Keep costs and compliance under control", "Finance"),
  goal("Keep staff turnover below 12 %", "Attract and keep good people", "Human Resources"),
  objective("Checkout conversion from 2.1 % to 3.0 %", "Double web shop conversion", "E-Commerce"),
  objective("Mobile pages load in under 2 seconds", "Double web shop conversion", "E-Commerce"),
  objective("Same-day click & collect in 120 stores", "Click & collect in every store", "Retail Stores"),
  objective(
    "First response within 4 hours for 90 % of contacts",
    "Answer every customer within one working day",
    "Customer Service",
  ),
  objective("Next-day dispatch for 98 % of web orders", "Ship 98 % of orders the next day", "Logistics"),
  objective(
    "Zero critical audit findings on IT controls",
    "Pass the annual audit without findings",
    "Finance",
  ),
  // Deliberately served by no capability: the demo's "goal without a service" gap.
  objective("Onboard new store staff in three days", "Keep staff turnover below 12 %", "Human Resources"),
];

export interface DemoCapability {
  name: string;
  parent: string | null;
  /** null: nobody owns it (one of the demo's gaps). */
  owner: string | null;
  /** Euros per hour of downtime (whole euros here; stored as cents). */
  downtimeEurosPerHour: number;
  users: number;
  criticality: Criticality;
  /** Goals served and the weight (%) of each; a capability's weights add up to 100. */
  serves: [string, number][];
}

const area = (name: string, owner: string | null): DemoCapability => ({
  name,
  parent: null,
  owner,
  downtimeEurosPerHour: 0,
  users: 0,
  criticality: "medium",
  serves: [],
});
const cap = (
  name: string,
  parent: string,
  owner: string | null,
  downtimeEurosPerHour: number,
  users: number,
  criticality: Criticality,
  serves: [string, number][],
): DemoCapability => ({ name, parent, owner, downtimeEurosPerHour, users, criticality, serves });

export const nordwindCapabilities: DemoCapability[] = [
  area("Sell online", "E-Commerce"),
  cap("Product catalogue and search", "Sell online", "E-Commerce", 6_500, 180_000, "high", [
    ["Double web shop conversion", 60],
    ["Mobile pages load in under 2 seconds", 40],
  ]),
  cap("Online checkout and payment", "Sell online", "E-Commerce", 18_000, 180_000, "critical", [
    ["Checkout conversion from 2.1 % to 3.0 %", 100],
  ]),
  cap("Customer accounts", "Sell online", "E-Commerce", 2_500, 420_000, "high", [
    ["Double web shop conversion", 50],
    ["One million Nordwind Club members", 50],
  ]),
  cap("Marketplace listings", "Sell online", "E-Commerce", 1_200, 12, "medium", [
    ["Grow online revenue to 40 % of sales", 100],
  ]),
  area("Sell in stores", "Retail Stores"),
  cap("Store checkout", "Sell in stores", "Retail Stores", 22_000, 1_100, "critical", [
    ["Be the customer's favourite outdoor retailer", 100],
  ]),
  cap("Click and collect", "Sell in stores", "Retail Stores", 3_000, 1_100, "high", [
    ["Same-day click & collect in 120 stores", 100],
  ]),
  cap("Store staff scheduling", "Sell in stores", "Retail Stores", 400, 160, "medium", [
    ["Keep staff turnover below 12 %", 100],
  ]),
  cap("In-store stock lookup", "Sell in stores", "Retail Stores", 900, 1_100, "medium", [
    ["Halve stock-outs", 50],
    ["Click & collect in every store", 50],
  ]),
  area("Sell to businesses", "Wholesale"),
  cap("Business customer ordering", "Sell to businesses", "Wholesale", 2_800, 2_300, "high", [
    ["Grow wholesale accounts by 25 %", 100],
  ]),
  cap("Customer credit management", "Sell to businesses", "Finance", 300, 15, "medium", [
    ["Grow wholesale accounts by 25 %", 60],
    ["Keep costs and compliance under control", 40],
  ]),
  cap("Electronic orders from partners", "Sell to businesses", "Wholesale", 1_900, 60, "high", [
    ["Grow wholesale accounts by 25 %", 100],
  ]),
  area("Serve customers", "Customer Service"),
  cap("Customer contact handling", "Serve customers", "Customer Service", 2_200, 90, "high", [
    ["First response within 4 hours for 90 % of contacts", 100],
  ]),
  cap("Returns and refunds", "Serve customers", "Customer Service", 1_500, 90, "high", [
    ["Answer every customer within one working day", 50],
    ["Be the customer's favourite outdoor retailer", 50],
  ]),
  cap("Order tracking for customers", "Serve customers", "Customer Service", 800, 150_000, "medium", [
    ["Answer every customer within one working day", 100],
  ]),
  area("Market and engage", "Marketing"),
  cap("Loyalty programme", "Market and engage", "Marketing", 1_100, 640_000, "high", [
    ["One million Nordwind Club members", 100],
  ]),
  cap("Campaign management", "Market and engage", "Marketing", 500, 35, "medium", [
    ["Double web shop conversion", 40],
    ["One million Nordwind Club members", 60],
  ]),
  cap("Customer analytics", "Market and engage", "Marketing", 200, 45, "low", [
    ["Double web shop conversion", 50],
    ["Halve stock-outs", 50],
  ]),
  area("Move goods", "Logistics"),
  cap("Warehouse operations", "Move goods", "Logistics", 14_000, 380, "critical", [
    ["Next-day dispatch for 98 % of web orders", 70],
    ["Halve stock-outs", 30],
  ]),
  cap("Order fulfilment", "Move goods", "Logistics", 12_000, 380, "critical", [
    ["Next-day dispatch for 98 % of web orders", 100],
  ]),
  cap("Transport planning", "Move goods", "Logistics", 2_500, 40, "high", [
    ["Ship 98 % of orders the next day", 50],
    ["Cut order-to-delivery time by a day", 50],
  ]),
  cap("Goods receipt", "Move goods", "Logistics", 1_800, 120, "high", [["Halve stock-outs", 100]]),
  area("Make own-brand products", "Manufacturing"),
  cap("Production planning", "Make own-brand products", "Manufacturing", 4_000, 120, "high", [
    ["Cut order-to-delivery time by a day", 60],
    ["Halve stock-outs", 40],
  ]),
  cap("Quality control", "Make own-brand products", "Manufacturing", 800, 40, "medium", [
    ["Be the customer's favourite outdoor retailer", 100],
  ]),
  area("Plan and buy products", "Product & Sourcing"),
  cap("Assortment planning", "Plan and buy products", "Product & Sourcing", 150, 30, "medium", [
    ["Halve stock-outs", 40],
    ["Grow online revenue to 40 % of sales", 60],
  ]),
  cap("Demand forecasting", "Plan and buy products", "Product & Sourcing", 350, 18, "medium", [
    ["Halve stock-outs", 100],
  ]),
  cap("Supplier collaboration", "Plan and buy products", "Product & Sourcing", 250, 900, "medium", [
    ["Halve stock-outs", 100],
  ]),
  cap("Purchase ordering", "Plan and buy products", "Product & Sourcing", 1_400, 40, "high", [
    ["Halve stock-outs", 100],
  ]),
  area("Manage money", "Finance"),
  cap("Accounts payable", "Manage money", "Finance", 600, 20, "medium", [
    ["Close the books in five working days", 100],
  ]),
  cap("Accounts receivable", "Manage money", "Finance", 700, 14, "medium", [
    ["Close the books in five working days", 100],
  ]),
  cap("General ledger and closing", "Manage money", "Finance", 900, 22, "high", [
    ["Close the books in five working days", 100],
  ]),
  cap("Financial reporting", "Manage money", "Finance", 400, 60, "medium", [
    ["Pass the annual audit without findings", 100],
  ]),
  area("Manage people", "Human Resources"),
  cap("Payroll", "Manage people", "Human Resources", 1_000, 2_250, "high", [
    ["Keep staff turnover below 12 %", 100],
  ]),
  cap("Recruiting", "Manage people", "Human Resources", 150, 25, "medium", [
    ["Keep staff turnover below 12 %", 100],
  ]),
  cap("Time recording", "Manage people", "Human Resources", 600, 2_100, "medium", [
    ["Keep staff turnover below 12 %", 100],
  ]),
  area("Run the company", "Executive Board"),
  cap("Management reporting", "Run the company", "Executive Board", 300, 80, "medium", [
    ["Keep costs and compliance under control", 100],
  ]),
  cap("Internal communication", "Run the company", "Executive Board", 800, 2_250, "medium", [
    ["Attract and keep good people", 100],
  ]),
  // Deliberately without an owner: the demo's "capability nobody owns" gap.
  cap("Records retention", "Run the company", null, 100, 60, "medium", [
    ["Zero critical audit findings on IT controls", 100],
  ]),
];

export interface DemoInitiative {
  name: string;
  sponsor: string;
  status: "proposed" | "approved" | "in_progress" | "done" | "cancelled";
  budgetEuros: number;
  start: string;
  end: string;
  goals: [string, number][];
  description: string;
}

export const nordwindInitiatives: DemoInitiative[] = [
  {
    name: "Checkout redesign",
    sponsor: "E-Commerce",
    status: "in_progress",
    budgetEuros: 450_000,
    start: "2026-03-01",
    end: "2027-02-28",
    goals: [
      ["Checkout conversion from 2.1 % to 3.0 %", 70],
      ["Mobile pages load in under 2 seconds", 30],
    ],
    description: "One-page checkout, wallet payments, guest orders.",
  },
  {
    name: "Click & collect rollout",
    sponsor: "Retail Stores",
    status: "approved",
    budgetEuros: 780_000,
    start: "2026-09-01",
    end: "2027-06-30",
    goals: [["Same-day click & collect in 120 stores", 100]],
    description: "Pick-up counters and stock reservation in all stores.",
  },
  {
    name: "Warehouse automation Kassel",
    sponsor: "Logistics",
    status: "in_progress",
    budgetEuros: 2_400_000,
    start: "2026-01-15",
    end: "2027-09-30",
    goals: [
      ["Next-day dispatch for 98 % of web orders", 80],
      ["Halve stock-outs", 20],
    ],
    description: "Shuttle system and new WMS release.",
  },
  {
    name: "Fast close",
    sponsor: "Finance",
    status: "proposed",
    budgetEuros: 220_000,
    start: "2027-01-01",
    end: "2027-12-31",
    goals: [["Close the books in five working days", 100]],
    description: "Automated reconciliations in S/4HANA.",
  },
  {
    name: "Nordwind Club app",
    sponsor: "Marketing",
    status: "in_progress",
    budgetEuros: 380_000,
    start: "2026-05-01",
    end: "2027-03-31",
    goals: [["One million Nordwind Club members", 100]],
    description: "Loyalty in the mobile app, digital member card.",
  },
  {
    name: "Contact centre in the cloud",
    sponsor: "Customer Service",
    status: "approved",
    budgetEuros: 310_000,
    start: "2026-10-01",
    end: "2027-04-30",
    goals: [
      ["First response within 4 hours for 90 % of contacts", 60],
      ["Answer every customer within one working day", 40],
    ],
    description: "Cloud telephony, chat and callback.",
  },
  {
    name: "Store onboarding app",
    sponsor: "Human Resources",
    status: "proposed",
    budgetEuros: 90_000,
    start: "2027-02-01",
    end: "2027-08-31",
    goals: [["Onboard new store staff in three days", 100]],
    description: "Proposed: nothing in IT supports this goal yet.",
  },
];
