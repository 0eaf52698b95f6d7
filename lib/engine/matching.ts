/**
 * Account matching: a lead, signal or referral finds its account by id or by its registrable
 * domain (lowercase, no scheme/path/port, no www. or other subdomains; the registrable part
 * from the Public Suffix List through `tldts`, so `ana@x.com.mx` is `x.com.mx`, never the bare
 * suffix `com.mx`). Free-mail and other public email domains (the maintained list of the
 * `email-providers` package, plus the policy's own list) are never matched to an account. A product workspace rolls up to its parent — by its parent link, or when it has
 * none, to the company on the same domain. Accounts sharing a normalised domain or name are
 * reported as duplicates; the policy decides what that does. An account merged into another
 * (`merged_into_id`, RevOps' "mark the primary") is no company of its own: it is not a duplicate,
 * and a record that names it by id is matched to its primary.
 */
import publicEmailProviders from "email-providers/all.json";
import { getDomain } from "tldts";
import type { AccountContext, RecordContext, RoutedRecord } from "./types";

export interface MatchingOptions {
  domainFields: string[];
  /** Extra public suffixes beyond the Public Suffix List (a domain under one keeps one more label). */
  multiLabelSuffixes: readonly string[];
  /** Never match the built-in list of free-mail / public email domains (default true). */
  excludeBuiltInPublicDomains: boolean;
  /** The policy's own public domains (its `publicDomainsList`), on top of the built-in list. */
  publicDomains: ReadonlySet<string>;
}

/** Free-mail and public email providers (gmail.com, yahoo.com.mx, web.de…), from a maintained list. */
export const BUILT_IN_PUBLIC_DOMAINS: ReadonlySet<string> = new Set((publicEmailProviders as string[]).map((d) => d.toLowerCase()));

/** A domain no company is matched on: the policy's list, or the built-in one unless the policy opts out. */
export function isPublicDomain(domain: string, options: Pick<MatchingOptions, "excludeBuiltInPublicDomains" | "publicDomains">): boolean {
  return options.publicDomains.has(domain) || (options.excludeBuiltInPublicDomains && BUILT_IN_PUBLIC_DOMAINS.has(domain));
}

export interface AccountIndex {
  byId: Map<string, AccountContext>;
  companiesByDomain: Map<string, AccountContext[]>;
  workspacesByDomain: Map<string, AccountContext[]>;
  companiesByName: Map<string, AccountContext[]>;
  /** Normalised domain and name per account id, computed once. */
  keys: Map<string, { domain: string | null; name: string | null }>;
  options: MatchingOptions;
}

/**
 * "https://www.EU.Acme.co.uk/path" or "jane@sales.acme.com" → "acme.co.uk" / "acme.com"; a bare
 * public suffix ("com.mx"), an IP address or a single label → null.
 */
export function normalizeDomain(input: unknown, multiLabelSuffixes: readonly string[] = []): string | null {
  if (typeof input !== "string") return null;
  let s = input.trim().toLowerCase();
  if (!s) return null;
  const at = s.lastIndexOf("@");
  if (at >= 0) s = s.slice(at + 1);
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  s = s.split(/[/?#]/, 1)[0] ?? "";
  s = s.replace(/:\d+$/, "").replace(/\.$/, "");
  if (!/^[a-z0-9.-]+$/.test(s) || !s.includes(".")) return null;
  const labels = s.split(".").filter(Boolean);
  if (labels.length < 2) return null;
  const host = labels.join(".");
  // The policy's own extra suffixes first (longest wins), then the Public Suffix List.
  let extra = -1;
  for (const suffix of multiLabelSuffixes) {
    const n = suffix.split(".").length;
    if (n > extra && (host === suffix || host.endsWith(`.${suffix}`))) extra = n;
  }
  if (extra > 0) return labels.length > extra ? labels.slice(-(extra + 1)).join(".") : null;
  return getDomain(host, { allowPrivateDomains: true, detectIp: true, validateHostname: false });
}

const LEGAL_SUFFIXES =
  /\b(incorporated|inc|corp|corporation|co|company|llc|ltd|limited|plc|gmbh|ag|sa|sas|bv|nv|pty|kk|srl|spa|oy|ab|as)\b\.?/g;

/** "ACME Analytics, Inc." → "acme analytics". */
export function normalizeName(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const s = input
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(LEGAL_SUFFIXES, " ")
    .replace(/\s+/g, " ")
    .trim();
  return s || null;
}

function push<K, V>(map: Map<K, V[]>, key: K | null, value: V): void {
  if (key === null) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** An account merged into another (`merged_into_id`): routing matches its primary instead. */
const mergedInto = (a: AccountContext): string | null =>
  typeof a.merged_into_id === "string" && a.merged_into_id !== "" ? a.merged_into_id : null;

export function buildAccountIndex(accounts: Iterable<AccountContext>, options: MatchingOptions): AccountIndex {
  const index: AccountIndex = {
    byId: new Map(),
    companiesByDomain: new Map(),
    workspacesByDomain: new Map(),
    companiesByName: new Map(),
    keys: new Map(),
    options,
  };
  for (const a of accounts) {
    index.byId.set(a.id, a);
    // A duplicate merged into its primary is found by id only (and then stands for the primary).
    if (mergedInto(a) !== null) continue;
    const domain = normalizeDomain(a.domain, options.multiLabelSuffixes);
    const name = a.is_product_workspace === true ? null : normalizeName(a.name);
    index.keys.set(a.id, { domain, name });
    if (a.is_product_workspace === true) {
      push(index.workspacesByDomain, domain, a);
    } else {
      push(index.companiesByDomain, domain, a);
      push(index.companiesByName, name, a);
    }
  }
  return index;
}

function related(a: AccountContext, b: AccountContext): boolean {
  return a.parent_id === b.id || b.parent_id === a.id;
}

/** Other companies that look like the same one: same normalised domain or name, not parent/child. */
export function duplicatesOf(account: AccountContext, index: AccountIndex): string[] {
  const known = index.keys.get(account.id);
  const domain = known ? known.domain : normalizeDomain(account.domain, index.options.multiLabelSuffixes);
  const name = known ? known.name : normalizeName(account.name);
  const sameDomain = domain ? index.companiesByDomain.get(domain) : undefined;
  const sameName = name ? index.companiesByName.get(name) : undefined;
  // Most companies are unique: no set, no sort.
  if (
    (sameDomain?.length ?? 0) <= 1 &&
    (sameName?.length ?? 0) <= 1 &&
    (!sameDomain || sameDomain[0]!.id === account.id) &&
    (!sameName || sameName[0]!.id === account.id)
  )
    return [];
  const out = new Set<string>();
  for (const other of sameDomain ?? []) if (other.id !== account.id && !related(account, other)) out.add(other.id);
  for (const other of sameName ?? []) if (other.id !== account.id && !related(account, other)) out.add(other.id);
  return [...out].sort();
}

/** The account itself, or — when it was merged into another — the primary it was merged into (chains followed, cycles stopped). */
export function primaryOf(account: AccountContext, index: AccountIndex): AccountContext {
  let current = account;
  for (let hops = 0; hops < 8; hops++) {
    const next = mergedInto(current);
    const primary = next === null ? undefined : index.byId.get(next);
    if (!primary || primary === account) return current;
    current = primary;
  }
  return current;
}

function contextFor(
  found: AccountContext,
  matchedBy: RecordContext["matchedBy"],
  index: AccountIndex,
  workspace: AccountContext | null,
): RecordContext {
  const account = primaryOf(found, index);
  const parentId = typeof account.parent_id === "string" ? account.parent_id : null;
  return {
    account,
    parentAccount: parentId && index.byId.has(parentId) ? primaryOf(index.byId.get(parentId)!, index) : null,
    matchedBy,
    duplicates: duplicatesOf(account, index),
    rolledUpFromWorkspace: workspace?.id ?? null,
  };
}

/** A workspace stands for its company: its parent, else the company on the same domain. */
function rollUp(workspace: AccountContext, index: AccountIndex): RecordContext {
  const parentId = typeof workspace.parent_id === "string" ? workspace.parent_id : null;
  const parent = parentId ? index.byId.get(parentId) : undefined;
  if (parent) return contextFor(parent, "workspace_parent", index, workspace);
  if (mergedInto(workspace) !== null) return contextFor(workspace, "id", index, null);
  const domain = normalizeDomain(workspace.domain, index.options.multiLabelSuffixes);
  const company = domain ? index.companiesByDomain.get(domain)?.[0] : undefined;
  if (company) return contextFor(company, "workspace_domain", index, workspace);
  return { account: workspace, parentAccount: null, matchedBy: "id", duplicates: [], rolledUpFromWorkspace: null };
}

export function matchRecord(record: RoutedRecord, index: AccountIndex): RecordContext {
  for (const field of index.options.domainFields) {
    const value = record.fields[field];
    if (field === "account_id") {
      const byId = typeof value === "string" ? index.byId.get(value) : undefined;
      if (byId) return byId.is_product_workspace === true ? rollUp(byId, index) : contextFor(byId, "id", index, null);
      continue;
    }
    const domain = normalizeDomain(value, index.options.multiLabelSuffixes);
    if (!domain || isPublicDomain(domain, index.options)) continue;
    const company = index.companiesByDomain.get(domain)?.[0];
    if (company) return contextFor(company, "domain", index, null);
    const workspace = index.workspacesByDomain.get(domain)?.[0];
    if (workspace) return rollUp(workspace, index);
  }
  return { account: null, parentAccount: null, matchedBy: null, duplicates: [], rolledUpFromWorkspace: null };
}

type MatchingPolicy = {
  matching: { domainFields: string[]; multiLabelSuffixes: string[]; publicDomainsList?: string; excludePublicDomains?: boolean };
  lists: Record<string, string[]>;
};

export function matchingOptionsFor(policy: MatchingPolicy): MatchingOptions {
  const list = policy.matching.publicDomainsList ? (policy.lists[policy.matching.publicDomainsList] ?? []) : [];
  return {
    domainFields: policy.matching.domainFields,
    multiLabelSuffixes: policy.matching.multiLabelSuffixes.map((x) => x.trim().toLowerCase()).filter(Boolean),
    excludeBuiltInPublicDomains: policy.matching.excludePublicDomains !== false,
    publicDomains: new Set(list.map((d) => d.trim().toLowerCase())),
  };
}
