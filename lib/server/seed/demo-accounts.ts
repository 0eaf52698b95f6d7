/**
 * Deterministic demo accounts for Lumen Data's CRM: ~2,200 companies with segments, regions,
 * industries, customer status, named/strategic flags, open opportunities, renewals, partner
 * owners, parent–child hierarchies, product workspaces (some not linked to their parent),
 * deliberate duplicates and records with missing firmographics. Pure: same seed → same data.
 */
import { normalizeName } from "@/lib/engine/matching";
import { seededRandom, type Random } from "@/lib/random";

export interface DemoAccount {
  externalId: string;
  name: string;
  domain: string | null;
  segment: string | null;
  region: string | null;
  country: string | null;
  industry: string | null;
  employeeCount: number | null;
  annualRevenueUsd: number | null;
  customerStatus: "prospect" | "customer" | "former_customer";
  fitScore: number | null;
  isNamedAccount: boolean;
  isStrategic: boolean;
  hasOpenOpportunity: boolean;
  openOpportunityStage: string | null;
  openOpportunityAmount: number | null;
  inRenewal: boolean;
  renewalDate: Date | null;
  inProcurement: boolean;
  sensitiveEscalation: boolean;
  openSupportIssue: boolean;
  isProductWorkspace: boolean;
  /** Member emails (resolved to ids when written). */
  ownerEmail: string | null;
  csmEmail: string | null;
  partnerOwnerEmail: string | null;
  parentExternalId: string | null;
}

/** Who can own what, by team; emails of the demo members. */
export interface OwnerPools {
  enterprise: Record<"NA" | "EMEA" | "APAC", string[]>;
  midMarket: string[];
  smb: string[];
  csm: string[];
  partner: string[];
}

const PREFIXES = [
  "Acme",
  "Northwind",
  "Bluefin",
  "Cobalt",
  "Summit",
  "Harbor",
  "Vertex",
  "Granite",
  "Silverline",
  "Redwood",
  "Keystone",
  "Meridian",
  "Orchard",
  "Polaris",
  "Quantum",
  "Riverstone",
  "Sterling",
  "Tidal",
  "Upland",
  "Vantage",
  "Willow",
  "Zenith",
  "Aurora",
  "Beacon",
  "Cascade",
  "Driftwood",
  "Evergreen",
  "Falcon",
  "Helix",
  "Ironclad",
  "Juniper",
  "Kestrel",
  "Lighthouse",
  "Monarch",
  "Nimbus",
  "Oakridge",
  "Pinnacle",
  "Quarry",
  "Rampart",
  "Sable",
  "Trident",
  "Umbra",
  "Velocity",
  "Wavelength",
  "Yardley",
  "Zephyr",
  "Atlas",
  "Brightwater",
  "Crescent",
  "Delta",
];
const CORES = [
  "Analytics",
  "Logistics",
  "Health",
  "Robotics",
  "Payments",
  "Energy",
  "Foods",
  "Bank",
  "Insurance",
  "Media",
  "Software",
  "Telecom",
  "Pharma",
  "Retail",
  "Motors",
  "Aerospace",
  "Learning",
  "Security",
  "Labs",
  "Capital",
];
const SUFFIXES = ["", "", "", " Group", " Systems", " Holdings", " Partners", " Technologies", " Inc", " AG", " Ltd"];

const INDUSTRY_BY_CORE: Record<string, string> = {
  Analytics: "Software",
  Logistics: "Transportation",
  Health: "Healthcare",
  Robotics: "Manufacturing",
  Payments: "Financial services",
  Energy: "Energy",
  Foods: "Consumer goods",
  Bank: "Financial services",
  Insurance: "Insurance",
  Media: "Media",
  Software: "Software",
  Telecom: "Telecommunications",
  Pharma: "Life sciences",
  Retail: "Retail",
  Motors: "Manufacturing",
  Aerospace: "Manufacturing",
  Learning: "Education",
  Security: "Software",
  Labs: "Life sciences",
  Capital: "Financial services",
};

const REGIONS: ReadonlyArray<readonly ["NA" | "EMEA" | "APAC" | "LATAM", number]> = [
  ["NA", 45],
  ["EMEA", 30],
  ["APAC", 18],
  ["LATAM", 7],
];
const COUNTRIES: Record<string, ReadonlyArray<readonly [string, string]>> = {
  NA: [
    ["US", ".com"],
    ["US", ".com"],
    ["US", ".io"],
    ["CA", ".ca"],
  ],
  EMEA: [
    ["GB", ".co.uk"],
    ["DE", ".de"],
    ["FR", ".fr"],
    ["NL", ".nl"],
    ["SE", ".se"],
    ["AE", ".ae"],
  ],
  APAC: [
    ["JP", ".jp"],
    ["AU", ".com.au"],
    ["SG", ".sg"],
    ["IN", ".in"],
  ],
  LATAM: [
    ["BR", ".com.br"],
    ["MX", ".mx"],
    ["AR", ".com.ar"],
  ],
};
const STAGES = ["discovery", "evaluation", "proposal", "negotiation"];

function segmentFor(employees: number): "enterprise" | "mid_market" | "smb" {
  if (employees >= 2000) return "enterprise";
  if (employees >= 200) return "mid_market";
  return "smb";
}

function employeesFor(r: Random): number {
  const band = r.weighted([
    ["smb", 50],
    ["mid", 32],
    ["ent", 18],
  ] as const);
  if (band === "smb") return r.int(8, 199);
  if (band === "mid") return r.int(200, 1999);
  return r.int(2000, 120000);
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

function childDomain(parentDomain: string, country: string, tld: string): string {
  const stem = parentDomain.split(".")[0] ?? parentDomain;
  const candidate = `${stem}${tld}`;
  return candidate === parentDomain ? `${stem}${country.toLowerCase()}${tld}` : candidate;
}

function externalId(n: number): string {
  return `ACC-${String(n).padStart(6, "0")}`;
}

export function generateDemoAccounts(pools: OwnerPools, now: Date, seed = 20261125): DemoAccount[] {
  const r = seededRandom(seed);
  const accounts: DemoAccount[] = [];
  const usedNames = new Set<string>();
  let counter = 1;
  const day = 24 * 60 * 60 * 1000;

  const ownerFor = (segment: string, region: string): string => {
    if (segment === "enterprise") {
      const pool = region === "EMEA" || region === "APAC" ? pools.enterprise[region] : pools.enterprise.NA;
      return r.pick(pool);
    }
    return r.pick(segment === "mid_market" ? pools.midMarket : pools.smb);
  };

  const company = (): DemoAccount => {
    let name = "";
    // Unique as matching sees names ("Atlas Telecom" and "Atlas Telecom Inc" are one company to it):
    // only the deliberate duplicates below may look alike.
    do {
      name = `${r.pick(PREFIXES)} ${r.pick(CORES)}${r.pick(SUFFIXES)}`;
    } while (usedNames.has(normalizeName(name) ?? name));
    usedNames.add(normalizeName(name) ?? name);
    const core = name.split(" ")[1] ?? "Software";
    const region = r.weighted(REGIONS);
    const [country, tld] = r.pick(COUNTRIES[region] ?? [["US", ".com"]]);
    const employeeCount = employeesFor(r);
    const segment = segmentFor(employeeCount);
    const customerStatus = r.weighted([
      ["prospect", 70],
      ["customer", 25],
      ["former_customer", 5],
    ] as const);
    const isCustomer = customerStatus === "customer";
    const isNamedAccount = segment === "enterprise" && r.chance(0.25);
    const isStrategic = isNamedAccount && r.chance(0.35);
    const hasOpenOpportunity = r.chance(isCustomer ? 0.22 : 0.12);
    const inRenewal = isCustomer && r.chance(0.2);
    const owned = isCustomer || isNamedAccount || customerStatus === "former_customer" || r.chance(0.35);
    return {
      externalId: externalId(counter++),
      name,
      domain: `${slug(name)}${tld}`,
      segment,
      region,
      country,
      industry: INDUSTRY_BY_CORE[core] ?? "Software",
      employeeCount,
      annualRevenueUsd: Math.min(2_000_000_000, employeeCount * r.int(120, 420) * 1000),
      customerStatus,
      fitScore: r.chance(0.92) ? r.int(isCustomer ? 40 : 5, 99) : null,
      isNamedAccount,
      isStrategic,
      hasOpenOpportunity,
      openOpportunityStage: hasOpenOpportunity ? r.pick(STAGES) : null,
      openOpportunityAmount: hasOpenOpportunity ? r.int(8, segment === "enterprise" ? 900 : 120) * 1000 : null,
      inRenewal,
      renewalDate: inRenewal ? new Date(now.getTime() + r.int(10, 120) * day) : null,
      inProcurement: hasOpenOpportunity && r.chance(0.18),
      sensitiveEscalation: isCustomer && r.chance(0.05),
      openSupportIssue: isCustomer && r.chance(0.12),
      isProductWorkspace: false,
      ownerEmail: owned ? ownerFor(segment, region) : null,
      csmEmail: isCustomer ? r.pick(pools.csm) : null,
      partnerOwnerEmail: r.chance(0.08) ? r.pick(pools.partner) : null,
      parentExternalId: null,
    };
  };

  // 1. Independent companies.
  for (let i = 0; i < 1800; i++) accounts.push(company());
  const parents = accounts.filter((a) => a.segment === "enterprise" || a.segment === "mid_market");

  // 2. Subsidiaries: one to three child companies under ~120 parents, owned like the parent.
  const childCountries = new Set<string>();
  for (const parent of parents.slice(0, 120)) {
    const children = r.int(1, 3);
    for (let c = 0; c < children; c++) {
      const region = r.weighted(REGIONS);
      const [country, tld] = r.pick(COUNTRIES[region] ?? [["US", ".com"]]);
      if (childCountries.has(`${parent.externalId}:${country}`)) continue;
      childCountries.add(`${parent.externalId}:${country}`);
      const employeeCount = Math.max(50, Math.round(((parent.employeeCount ?? 1000) * r.int(5, 30)) / 100));
      accounts.push({
        ...parent,
        externalId: externalId(counter++),
        name: `${parent.name} ${country}`,
        // A subsidiary has its own domain: the parent's name on the local TLD (acme.de), or with
        // the country when that TLD is the parent's own (acmeca.com).
        domain: parent.domain ? childDomain(parent.domain, country, tld) : null,
        region,
        country,
        employeeCount,
        segment: segmentFor(employeeCount),
        isNamedAccount: false,
        isStrategic: false,
        hasOpenOpportunity: r.chance(0.1),
        openOpportunityStage: null,
        openOpportunityAmount: null,
        inProcurement: false,
        parentExternalId: parent.externalId,
      });
    }
  }

  // 3. Product workspaces (PLG sign-ups) on a company's domain; about half are not linked.
  for (const owner of accounts.slice(0, 1800).filter((_, i) => i % 15 === 7)) {
    const linked = r.chance(0.5);
    accounts.push({
      ...owner,
      externalId: externalId(counter++),
      name: `${owner.name} (workspace ${r.int(100, 999)})`,
      customerStatus: "prospect",
      employeeCount: null,
      segment: null,
      annualRevenueUsd: null,
      isNamedAccount: false,
      isStrategic: false,
      hasOpenOpportunity: false,
      openOpportunityStage: null,
      openOpportunityAmount: null,
      inRenewal: false,
      renewalDate: null,
      inProcurement: false,
      sensitiveEscalation: false,
      openSupportIssue: false,
      isProductWorkspace: true,
      fitScore: r.int(30, 95),
      ownerEmail: null,
      csmEmail: null,
      partnerOwnerEmail: null,
      parentExternalId: linked ? owner.externalId : null,
    });
  }

  // 4. Deliberate duplicates: the same company entered twice (same domain, name variant).
  for (const original of accounts.slice(0, 1800).filter((_, i) => i % 45 === 11)) {
    accounts.push({
      ...original,
      externalId: externalId(counter++),
      name: r.chance(0.5) ? `${original.name}, Inc.` : original.name.toUpperCase(),
      ownerEmail: original.ownerEmail && r.chance(0.5) ? ownerFor(original.segment ?? "smb", original.region ?? "NA") : original.ownerEmail,
    });
  }

  // 5. Missing firmographics: records from a form or list import that enrichment never reached.
  for (let i = 0; i < 80; i++) {
    const base = company();
    accounts.push({
      ...base,
      segment: null,
      region: i % 3 === 0 ? base.region : null,
      industry: null,
      employeeCount: null,
      annualRevenueUsd: null,
      country: i % 2 === 0 ? base.country : null,
      domain: i % 5 === 0 ? null : base.domain,
      customerStatus: "prospect",
      isNamedAccount: false,
      isStrategic: false,
      ownerEmail: null,
      csmEmail: null,
      fitScore: null,
      inRenewal: false,
      renewalDate: null,
    });
  }
  return accounts;
}
