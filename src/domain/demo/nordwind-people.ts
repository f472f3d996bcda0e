/**
 * Nordwind Outdoor AG, the demo organisation: an outdoor-equipment maker and retailer with a workshop
 * for its own brand, 140 stores, a web shop, a wholesale arm and two warehouses. Items refer to each other by name; the demo builder
 * turns names into ids.
 */
export interface DemoUnit {
  name: string;
  code: string;
  parent: string | null;
  head: string;
  headcount: number;
  description: string;
}

export const nordwindUnits: DemoUnit[] = [
  {
    name: "Executive Board",
    code: "EXEC",
    parent: null,
    head: "Helena Brandt",
    headcount: 14,
    description: "CEO, CFO, COO and their staff.",
  },
  {
    name: "Sales",
    code: "SAL",
    parent: null,
    head: "Jonas Weber",
    headcount: 38,
    description: "All revenue channels: stores, online and wholesale.",
  },
  {
    name: "Retail Stores",
    code: "RET",
    parent: "Sales",
    head: "Petra Lindqvist",
    headcount: 1240,
    description: "140 stores in Germany, Austria and Denmark.",
  },
  {
    name: "E-Commerce",
    code: "ECOM",
    parent: "Sales",
    head: "Malte Jansen",
    headcount: 86,
    description: "Web shop, mobile app and marketplaces.",
  },
  {
    name: "Wholesale",
    code: "WHS",
    parent: "Sales",
    head: "Carla Moretti",
    headcount: 44,
    description: "Sales to sports shops and corporate customers.",
  },
  {
    name: "Manufacturing",
    code: "MFG",
    parent: null,
    head: "Jakob Lorenz",
    headcount: 180,
    description: "Own-brand tents, packs and jackets, made in Flensburg.",
  },
  {
    name: "Logistics",
    code: "LOG",
    parent: null,
    head: "Sven Olsen",
    headcount: 410,
    description: "Warehouses in Hamburg and Kassel, transport to stores and customers.",
  },
  {
    name: "Finance",
    code: "FIN",
    parent: null,
    head: "Dr. Ines Hoffmann",
    headcount: 52,
    description: "Accounting, controlling, treasury and tax.",
  },
  {
    name: "Human Resources",
    code: "HR",
    parent: null,
    head: "Aylin Demir",
    headcount: 27,
    description: "Recruiting, payroll, people development.",
  },
  {
    name: "Customer Service",
    code: "CS",
    parent: null,
    head: "Tobias Krüger",
    headcount: 96,
    description: "Contact centre, returns and complaints.",
  },
  {
    name: "Marketing",
    code: "MKT",
    parent: null,
    head: "Lea Fischer",
    headcount: 41,
    description: "Brand, campaigns and the Nordwind Club loyalty programme.",
  },
  {
    name: "Product & Sourcing",
    code: "PRD",
    parent: null,
    head: "Mats Berg",
    headcount: 58,
    description: "Assortment, buying and supplier relations.",
  },
  {
    name: "IT",
    code: "IT",
    parent: null,
    head: "Nadia Schulz",
    headcount: 74,
    description: "The IT department: platforms, infrastructure and the service desk.",
  },
];

export interface DemoPerson {
  name: string;
  unit: string;
  roles: string[];
}

export const nordwindPeople: DemoPerson[] = [
  { name: "Helena Brandt", unit: "Executive Board", roles: ["CEO"] },
  { name: "Jonas Weber", unit: "Sales", roles: ["head of unit"] },
  { name: "Petra Lindqvist", unit: "Retail Stores", roles: ["head of unit"] },
  { name: "Malte Jansen", unit: "E-Commerce", roles: ["head of unit"] },
  { name: "Carla Moretti", unit: "Wholesale", roles: ["head of unit"] },
  { name: "Jakob Lorenz", unit: "Manufacturing", roles: ["head of unit"] },
  { name: "Sven Olsen", unit: "Logistics", roles: ["head of unit"] },
  { name: "Dr. Ines Hoffmann", unit: "Finance", roles: ["CFO", "head of unit"] },
  { name: "Aylin Demir", unit: "Human Resources", roles: ["head of unit"] },
  { name: "Tobias Krüger", unit: "Customer Service", roles: ["head of unit"] },
  { name: "Lea Fischer", unit: "Marketing", roles: ["head of unit"] },
  { name: "Mats Berg", unit: "Product & Sourcing", roles: ["head of unit"] },
  { name: "Nadia Schulz", unit: "IT", roles: ["CIO", "head of unit"] },
  { name: "Ole Petersen", unit: "IT", roles: ["business relationship manager"] },
  { name: "Julia Wagner", unit: "IT", roles: ["business relationship manager"] },
  { name: "Kai Neumann", unit: "IT", roles: ["service owner", "team lead"] },
  { name: "Sophie Becker", unit: "IT", roles: ["service owner"] },
  { name: "Emre Yilmaz", unit: "IT", roles: ["service owner", "team lead"] },
  { name: "Lars Hansen", unit: "IT", roles: ["service owner", "team lead"] },
  { name: "Mia Schröder", unit: "IT", roles: ["service owner"] },
  { name: "Felix Wolf", unit: "IT", roles: ["service owner", "team lead"] },
  { name: "Hanna Koch", unit: "IT", roles: ["service owner", "team lead"] },
  { name: "Daniel Richter", unit: "IT", roles: ["service owner", "team lead"] },
  { name: "Nina Braun", unit: "E-Commerce", roles: ["product owner"] },
  { name: "Paul Zimmermann", unit: "Retail Stores", roles: ["store operations manager"] },
  { name: "Eva Hartmann", unit: "Logistics", roles: ["warehouse manager"] },
  { name: "Rolf Schmitt", unit: "Finance", roles: ["head of accounting"] },
  { name: "Greta Lange", unit: "Customer Service", roles: ["contact centre manager"] },
  { name: "Ben Krause", unit: "Marketing", roles: ["CRM manager"] },
  { name: "Anna Vogel", unit: "Product & Sourcing", roles: ["demand planner"] },
  { name: "Timo Frank", unit: "Wholesale", roles: ["key account manager"] },
  { name: "Marie Keller", unit: "Human Resources", roles: ["payroll lead"] },
];

/** name → "first.last@nordwind.example", without titles and accents. */
export const demoEmail = (name: string): string =>
  `${name
    .replace(/^Dr\. /, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(" ")
    .join(".")}@nordwind.example`;

export interface DemoTeam {
  name: string;
  lead: string;
  assignmentGroups: string[];
  description: string;
}

export const nordwindTeams: DemoTeam[] = [
  {
    name: "Service Desk",
    lead: "Daniel Richter",
    assignmentGroups: ["Service Desk", "SD 1st Level"],
    description: "First contact for every IT question, 7:00 to 19:00.",
  },
  {
    name: "Commerce Platforms",
    lead: "Kai Neumann",
    assignmentGroups: ["APP-Commerce", "ECOM Platform"],
    description: "Web shop, app, payment and order management.",
  },
  {
    name: "ERP & Finance Applications",
    lead: "Emre Yilmaz",
    assignmentGroups: ["APP-ERP", "SAP Basis"],
    description: "S/4HANA, warehouse and finance applications.",
  },
  {
    name: "Workplace & Collaboration",
    lead: "Hanna Koch",
    assignmentGroups: ["Workplace", "M365"],
    description: "Laptops, mail, Teams, store devices.",
  },
  {
    name: "Infrastructure & Cloud",
    lead: "Lars Hansen",
    assignmentGroups: ["INFRA Cloud", "Network", "DB Admin"],
    description: "Cloud hosting, network, databases, identity.",
  },
  {
    name: "Data & Integration",
    lead: "Felix Wolf",
    assignmentGroups: ["Data Platform", "Integration"],
    description: "Integration platform, data warehouse and analytics.",
  },
];
