import type { SeededRandom } from "../seeded-random.js";
import { worseningService } from "./nordwind-tickets.js";

/**
 * The voice of Nordwind's business: happiness answers on a share of the resolved tickets (the
 * Store Staff Planner's users are unhappy and lose hours), and a register of pain points.
 */

/** Share of resolved tickets whose requester answered the happiness question (HappySignals sees 10-30 %). */
export const demoFeedbackShare = 0.2;

export interface DemoTicketFacts {
  serviceName: string | null;
  type: string;
  reassignmentCount: number;
}

export interface DemoFeedbackAnswer {
  score: number;
  lostMinutes: number | null;
  comment: string;
  signedBy: string | null;
}

const happyComments = [
  "Quick and friendly help from the service desk, thank you.",
  "Fixed within the hour, great support.",
  "Clear explanation and the problem is solved.",
  "Excellent service, the technician called me back right away.",
  "Smooth request, the new laptop arrived on time.",
];
const mixedComments = [
  "Solved in the end, but I had to explain the problem twice.",
  "The ticket was passed between teams before anyone looked at it.",
  "Took a while, the workaround helped in the meantime.",
];
const unhappyComments = [
  "The staff planner crashed again and the shift plans were lost.",
  "Store Staff Planner is too slow on Monday mornings, the whole store waits.",
  "Third time this month that the staff planner does not publish the rota.",
  "Nobody told us when the staff planner would work again.",
  "The ticket was reassigned four times and nobody owned the problem.",
  "Checkout terminal was down for hours during the Saturday rush.",
];
const lostChoices = [0, 15, 30, 60, 120, 240, 480, 960];
/** Requesters who chose to sign their comment. */
const signers = ["Petra Lindqvist", "Malte Jansen", "Sven Olsen"];

/** One requester's answer on a ticket, or null when they did not answer. */
export const demoFeedbackAnswer = (
  ticket: DemoTicketFacts,
  random: SeededRandom,
): DemoFeedbackAnswer | null => {
  if (random.next() >= demoFeedbackShare) return null;
  const planner = ticket.serviceName === worseningService;
  // Each reassignment costs points and time (HappySignals 2023: about 7 points and 1 h 46 min).
  const base = planner ? 4 : ticket.type === "request" ? 9 : 8.5;
  const score = Math.max(
    0,
    Math.min(10, Math.round(base - 0.7 * ticket.reassignmentCount + (random.next() - 0.5) * 4)),
  );
  const lostIndex = Math.min(
    lostChoices.length - 1,
    Math.max(0, Math.round((planner ? 5 : 2) + ticket.reassignmentCount + (random.next() - 0.5) * 3)),
  );
  const comments = score >= 9 ? happyComments : score >= 7 ? mixedComments : unhappyComments;
  const plannerComments = unhappyComments.slice(0, 4);
  const comment = random.next() < 0.35 ? random.pick(planner && score < 7 ? plannerComments : comments) : "";
  return {
    score,
    lostMinutes: random.next() < 0.9 ? (lostChoices[lostIndex] ?? 0) : null,
    comment,
    signedBy: comment !== "" && random.next() < 0.1 ? random.pick(signers) : null,
  };
};

export interface DemoPainPoint {
  title: string;
  description: string;
  unit: string;
  service: string | null;
  frequency: "daily" | "weekly" | "monthly" | "occasionally";
  hoursLostPerWeek: number;
  /** Days before the demo's "today" it was posted. */
  postedDaysAgo: number;
  /** Hours IT took to acknowledge it; null while it waits. */
  acknowledgedAfterHours: number | null;
  status: "new" | "acknowledged" | "planned" | "in_progress" | "done" | "declined";
  effort: "small" | "medium" | "large" | null;
  reason: string | null;
  votes: number;
  comments: string[];
}

export const nordwindPainPoints: DemoPainPoint[] = [
  {
    title: "Shift plans cannot be published on Monday mornings",
    description: "The Store Staff Planner times out when all stores publish the week's rota at 8:00.",
    unit: "Retail Stores",
    service: "Store Staff Planner",
    frequency: "weekly",
    hoursLostPerWeek: 40,
    postedDaysAgo: 60,
    acknowledgedAfterHours: 20,
    status: "in_progress",
    effort: "large",
    reason: "Capacity upgrade and a queue for publishing, planned with the vendor.",
    votes: 14,
    comments: ["Same in all Danish stores.", "We now publish on Sunday evening to avoid it."],
  },
  {
    title: "Staff planner loses changes when two managers edit",
    description: "The last save wins without warning; swaps agreed with staff disappear.",
    unit: "Retail Stores",
    service: "Store Staff Planner",
    frequency: "daily",
    hoursLostPerWeek: 12,
    postedDaysAgo: 21,
    acknowledgedAfterHours: 6,
    status: "acknowledged",
    effort: "medium",
    reason: null,
    votes: 9,
    comments: ["Happened twice this week in Hamburg."],
  },
  {
    title: "Rota printout cuts off the last column",
    description: "The weekly printout drops Sunday on A4.",
    unit: "Retail Stores",
    service: "Store Staff Planner",
    frequency: "weekly",
    hoursLostPerWeek: 2,
    postedDaysAgo: 14,
    acknowledgedAfterHours: 4,
    status: "planned",
    effort: "small",
    reason: null,
    votes: 6,
    comments: [],
  },
  {
    title: "Checkout receipts print slowly during the Saturday rush",
    description: "Queues grow when each receipt takes several seconds.",
    unit: "Retail Stores",
    service: "Store Checkout",
    frequency: "weekly",
    hoursLostPerWeek: 6,
    postedDaysAgo: 45,
    acknowledgedAfterHours: 30,
    status: "done",
    effort: "small",
    reason: "Printer firmware updated in all stores.",
    votes: 7,
    comments: ["Much better since the update, thanks."],
  },
  {
    title: "Click and collect notifications arrive late",
    description: "Customers come to the store before the parcel is marked ready.",
    unit: "E-Commerce",
    service: "Click and Collect",
    frequency: "daily",
    hoursLostPerWeek: 5,
    postedDaysAgo: 9,
    acknowledgedAfterHours: null,
    status: "new",
    effort: null,
    reason: null,
    votes: 4,
    comments: [],
  },
  {
    title: "Web shop search does not find products by article number",
    description: "Customer service has to look numbers up in the ERP first.",
    unit: "Customer Service",
    service: "Search and Recommendations",
    frequency: "daily",
    hoursLostPerWeek: 8,
    postedDaysAgo: 33,
    acknowledgedAfterHours: 50,
    status: "planned",
    effort: "small",
    reason: null,
    votes: 5,
    comments: ["Also needed in the contact centre."],
  },
  {
    title: "Month-end close waits for the data warehouse load",
    description: "Finance reports start only after the nightly load, which often runs late.",
    unit: "Finance",
    service: "Data Warehouse",
    frequency: "monthly",
    hoursLostPerWeek: 3,
    postedDaysAgo: 80,
    acknowledgedAfterHours: 72,
    status: "declined",
    effort: "large",
    reason: "The load moves to the new platform next year; until then the 6:00 report is the fallback.",
    votes: 3,
    comments: [],
  },
  {
    title: "Payslip corrections need a ticket each",
    description: "HR raises one ticket per correction; a batch form would save hours.",
    unit: "Human Resources",
    service: "Payroll",
    frequency: "monthly",
    hoursLostPerWeek: 4,
    postedDaysAgo: 26,
    acknowledgedAfterHours: 10,
    status: "acknowledged",
    effort: "small",
    reason: null,
    votes: 3,
    comments: [],
  },
  {
    title: "Warehouse scanners lose the connection in aisle 14",
    description: "Pickers walk back to the office to sync.",
    unit: "Logistics",
    service: "Warehouse Management",
    frequency: "daily",
    hoursLostPerWeek: 10,
    postedDaysAgo: 5,
    acknowledgedAfterHours: null,
    status: "new",
    effort: null,
    reason: null,
    votes: 2,
    comments: [],
  },
  {
    title: "Supplier portal invitations end up in spam",
    description: "New suppliers do not find the invitation and call purchasing.",
    unit: "Product & Sourcing",
    service: "Supplier Portal",
    frequency: "weekly",
    hoursLostPerWeek: 2,
    postedDaysAgo: 40,
    acknowledgedAfterHours: 8,
    status: "done",
    effort: "small",
    reason: "Sender domain signed (SPF and DKIM).",
    votes: 2,
    comments: [],
  },
  {
    title: "EDI orders from two wholesale customers fail every Friday",
    description: "The weekly price file changes the format.",
    unit: "Wholesale",
    service: "EDI Gateway",
    frequency: "weekly",
    hoursLostPerWeek: 6,
    postedDaysAgo: 18,
    acknowledgedAfterHours: 3,
    status: "in_progress",
    effort: "medium",
    reason: null,
    votes: 3,
    comments: ["Customer Berg Sport complained again."],
  },
  {
    title: "Marketing cannot export campaign results to the data warehouse",
    description: "Results are copied by hand into spreadsheets.",
    unit: "Marketing",
    service: "Marketing Automation",
    frequency: "weekly",
    hoursLostPerWeek: 4,
    postedDaysAgo: 12,
    acknowledgedAfterHours: null,
    status: "new",
    effort: null,
    reason: null,
    votes: 1,
    comments: [],
  },
  {
    title: "New starters wait a week for their accounts",
    description: "Accounts are created only after the contract is scanned.",
    unit: "Human Resources",
    service: "HR Core",
    frequency: "weekly",
    hoursLostPerWeek: 15,
    postedDaysAgo: 55,
    acknowledgedAfterHours: 96,
    status: "planned",
    effort: "medium",
    reason: null,
    votes: 5,
    comments: ["Store managers feel this the most in the season."],
  },
  {
    title: "Team chat notifications on store tablets",
    description: "Tablets at the till ring loudly for every channel message.",
    unit: "Retail Stores",
    service: "Team Collaboration",
    frequency: "daily",
    hoursLostPerWeek: 1,
    postedDaysAgo: 7,
    acknowledgedAfterHours: 2,
    status: "acknowledged",
    effort: "small",
    reason: null,
    votes: 4,
    comments: [],
  },
  {
    title: "Production orders need to be re-entered after an MES restart",
    description: "Orders in progress are lost when the system restarts during a shift.",
    unit: "Manufacturing",
    service: "Manufacturing Execution",
    frequency: "monthly",
    hoursLostPerWeek: 3,
    postedDaysAgo: 30,
    acknowledgedAfterHours: 26,
    status: "acknowledged",
    effort: null,
    reason: null,
    votes: 2,
    comments: [],
  },
];
