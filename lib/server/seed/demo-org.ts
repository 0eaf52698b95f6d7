/**
 * The demo company's people and queues: Lumen Data, a B2B data-platform vendor selling
 * enterprise, mid-market and SMB, with SDRs, CSMs, partner managers and product specialists.
 * Pure data; `demo-accounts.ts` makes the accounts and `seed-demo.ts` writes everything.
 */
import type { Role } from "@/lib/auth/permissions";

export const DEMO_ORG_NAME = "Lumen Data";
export const DEMO_EMAIL_DOMAIN = "lumendata.example";
export const DEMO_PASSWORD = "switchyard-demo";

export interface DemoTeam {
  key: string;
  name: string;
  function: string;
  segment: string | null;
  region: string | null;
  description: string;
  /** Member names, first to last. */
  people: string[];
  title: string;
}

export const DEMO_TEAMS: DemoTeam[] = [
  {
    key: "ent-na",
    name: "Enterprise AEs — North America",
    function: "account_executive",
    segment: "enterprise",
    region: "NA",
    description: "New-logo and named enterprise accounts in the US and Canada.",
    title: "Enterprise Account Executive",
    people: ["Marcus Bell", "Priya Natarajan", "Owen Gallagher", "Renee Castillo", "Jordan Whitfield"],
  },
  {
    key: "ent-emea",
    name: "Enterprise AEs — EMEA",
    function: "account_executive",
    segment: "enterprise",
    region: "EMEA",
    description: "Enterprise accounts in Europe, the Middle East and Africa.",
    title: "Enterprise Account Executive",
    people: ["Dana Ruiz", "Lukas Brenner", "Amélie Fournier", "Tomasz Nowak"],
  },
  {
    key: "ent-apac",
    name: "Enterprise AEs — APAC",
    function: "account_executive",
    segment: "enterprise",
    region: "APAC",
    description: "Enterprise accounts in Asia-Pacific, Japan and ANZ.",
    title: "Enterprise Account Executive",
    people: ["Kenji Watanabe", "Mei Lin Tan", "Aarav Mehta"],
  },
  {
    key: "mid-market",
    name: "Mid-market AEs",
    function: "account_executive",
    segment: "mid_market",
    region: null,
    description: "Companies of 200–1,999 employees, all regions.",
    title: "Mid-market Account Executive",
    people: ["Sofia Moreno", "Ethan Clarke", "Nadia Haddad", "Caleb Foster", "Ingrid Solberg"],
  },
  {
    key: "smb",
    name: "SMB pool",
    function: "account_executive",
    segment: "smb",
    region: null,
    description: "Fast-cycle deals under 200 employees, worked as a pool.",
    title: "Account Executive, SMB",
    people: ["Tyler Brooks", "Hannah Kim", "Mateo Silva", "Grace Okafor"],
  },
  {
    key: "sdr",
    name: "SDR pool",
    function: "sdr",
    segment: null,
    region: null,
    description: "Sales development: qualifies inbound demo requests and product signals.",
    title: "Sales Development Representative",
    people: ["Liam Duarte", "Chloe Bennett", "Noah Fischer", "Zara Ahmed", "Elijah Grant", "Maya Patel"],
  },
  {
    key: "cs",
    name: "Customer success",
    function: "csm",
    segment: null,
    region: null,
    description: "Owns adoption, renewals with Account Management, and escalations.",
    title: "Customer Success Manager",
    people: ["Olivia Turner", "Rafael Costa", "Sanne de Vries", "Hiroshi Sato", "Bianca Rossi", "Daniel Osei"],
  },
  {
    key: "partners",
    name: "Partner managers",
    function: "partner_manager",
    segment: null,
    region: null,
    description: "Channel and SI partners; partner-sourced deals stay with their partner owner.",
    title: "Partner Manager",
    people: ["Victoria Hale", "Samuel Adeyemi", "Lena Kowalski", "Arjun Rao"],
  },
  {
    key: "specialists",
    name: "Product specialists",
    function: "product_specialist",
    segment: null,
    region: null,
    description: "Technical overlay for product-qualified accounts and AI-agent recommendations.",
    title: "Product Specialist",
    people: ["Felix Wagner", "Isabel Cruz", "Theo Lambert"],
  },
];

export interface DemoQueue {
  key: string;
  name: string;
  description: string;
  kind: "routing" | "review" | "exceptions";
  distribution: "round_robin" | "weighted_round_robin" | "least_loaded";
  slaMinutes: number | null;
  overflowKey: string | null;
  /** Teams whose members work the queue. */
  teamKeys: string[];
}

export const DEMO_QUEUES: DemoQueue[] = [
  { key: "sdr-inbound", name: "SDR inbound", description: "Inbound demo requests and contact-us forms to qualify.", kind: "routing", distribution: "round_robin", slaMinutes: 15, overflowKey: "routing-review", teamKeys: ["sdr"] },
  { key: "smb-pool", name: "SMB pool", description: "SMB new business, least-loaded first.", kind: "routing", distribution: "least_loaded", slaMinutes: 60, overflowKey: "routing-review", teamKeys: ["smb"] },
  { key: "mid-market-new-logo", name: "Mid-market new logo", description: "Mid-market prospects without an owner.", kind: "routing", distribution: "weighted_round_robin", slaMinutes: 240, overflowKey: "routing-review", teamKeys: ["mid-market"] },
  { key: "enterprise-na", name: "Enterprise — North America", description: "Unowned enterprise prospects in NA.", kind: "routing", distribution: "round_robin", slaMinutes: 120, overflowKey: "routing-review", teamKeys: ["ent-na"] },
  { key: "enterprise-emea", name: "Enterprise — EMEA", description: "Unowned enterprise prospects in EMEA.", kind: "routing", distribution: "round_robin", slaMinutes: 120, overflowKey: "routing-review", teamKeys: ["ent-emea"] },
  { key: "enterprise-apac", name: "Enterprise — APAC", description: "Unowned enterprise prospects in APAC.", kind: "routing", distribution: "round_robin", slaMinutes: 120, overflowKey: "routing-review", teamKeys: ["ent-apac"] },
  { key: "cs-expansion", name: "CS expansion", description: "Expansion and adoption signals on customers without a CSM.", kind: "routing", distribution: "least_loaded", slaMinutes: 480, overflowKey: "routing-review", teamKeys: ["cs"] },
  { key: "partner-referrals", name: "Partner referrals", description: "Partner-sourced referrals without a partner owner yet.", kind: "routing", distribution: "round_robin", slaMinutes: 240, overflowKey: "routing-review", teamKeys: ["partners"] },
  { key: "product-signals", name: "Product signals", description: "Product-qualified accounts and AI-agent recommendations for specialists.", kind: "routing", distribution: "weighted_round_robin", slaMinutes: 240, overflowKey: "routing-review", teamKeys: ["specialists"] },
  { key: "routing-review", name: "Routing review", description: "RevOps reviews records no rule could place with confidence.", kind: "review", distribution: "round_robin", slaMinutes: 480, overflowKey: null, teamKeys: [] },
  { key: "routing-exceptions", name: "Exceptions", description: "Missing inputs, duplicates and no-one-available, waiting for a data fix or a hand assignment.", kind: "exceptions", distribution: "round_robin", slaMinutes: 1440, overflowKey: null, teamKeys: [] },
];

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** The member this user is (FIELD users). */
  memberName: string | null;
}

export const DEMO_USERS: DemoUser[] = [
  { email: `admin@${DEMO_EMAIL_DOMAIN}`, name: "Alex Admin", role: "ADMIN", memberName: null },
  { email: `revops@${DEMO_EMAIL_DOMAIN}`, name: "Riley Ops", role: "REVOPS", memberName: null },
  { email: `approver@${DEMO_EMAIL_DOMAIN}`, name: "Avery Approver", role: "APPROVER", memberName: null },
  { email: `dana.ruiz@${DEMO_EMAIL_DOMAIN}`, name: "Dana Ruiz", role: "FIELD", memberName: "Dana Ruiz" },
];

export function memberEmail(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.|\.$/g, "");
  return `${slug}@${DEMO_EMAIL_DOMAIN}`;
}
