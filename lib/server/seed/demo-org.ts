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
