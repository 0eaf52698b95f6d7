/**
 * The authorisation matrix over real HTTP, generated from the code: every page and route handler
 * under app/ is found on disk, its declared requirement read from its own source (requirePage,
 * withPermission, withApiKey), and requested as anonymous, FIELD, APPROVER, REVOPS and ADMIN —
 * and every API-key route with a key of each scope. A route that declares nothing fails the test
 * unless it is in the short list of public ones below, so a new route cannot be missed.
 * (Server actions: lib/server/auth/actions-matrix.int.test.ts.)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { hasPermission, ROLES, type Permission, type Role } from "../lib/auth/permissions";
import { PASSWORD, USERS } from "./helpers";

type Requirement = Permission | Permission[] | null;
interface Target {
  file: string;
  url: string;
  method: string;
  kind: "page" | "session" | "api-key" | "public";
  requirement: Requirement | string;
}

/** Open on purpose: sign-in, the one-time password link, liveness, the API's own description, Auth.js, metrics (own token). */
const PUBLIC = new Set([
  "app/signin/page.tsx",
  "app/set-password/[token]/page.tsx",
  "app/api/health/route.ts",
  "app/api/ready/route.ts",
  "app/api/v1/openapi.json/route.ts",
  "app/api/auth/[...nextauth]/route.ts",
  "app/api/metrics/route.ts",
]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const urlOf = (file: string) =>
  "/" +
  path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((seg) => !/^\(.*\)$/.test(seg))
    .map((seg) => (seg.startsWith("[") ? "rbac-probe-missing" : seg))
    .join("/");

function targets(): Target[] {
  const out: Target[] = [];
  for (const file of walk("app")
    .filter((f) => /\/(page\.tsx|route\.ts)$/.test(f))
    .sort()) {
    const src = readFileSync(file, "utf8");
    const url = urlOf(file).replace(/\/$/, "") || "/";
    if (PUBLIC.has(file)) {
      out.push({ file, url, method: "GET", kind: "public", requirement: null });
      continue;
    }
    if (file.endsWith("page.tsx")) {
      const m = /requirePage\(([^)]*)\)/.exec(src);
      expect(m, `${file} declares no requirePage(...)`).not.toBeNull();
      out.push({ file, url, method: "GET", kind: "page", requirement: m![1]!.trim() ? literal(m![1]!) : null });
      continue;
    }
    const exports = [...src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((x) => x[1]!);
    expect(exports.length, `${file} exports no handler`).toBeGreaterThan(0);
    for (const method of exports) {
      const m = new RegExp(`export const ${method} = (withPermission|withApiKey)(?:<[^>]*>)?\\(\\s*("[^"]*"|\\[[^\\]]*\\]|null)`).exec(src);
      expect(m, `${file} ${method} is not wrapped in withPermission or withApiKey`).not.toBeNull();
      out.push({ file, url, method, kind: m![1] === "withApiKey" ? "api-key" : "session", requirement: literal(m![2]!) });
    }
  }
  return out;
}

/** A requirement as written in the source: a string, an array of strings (any line breaks, trailing comma) or null. */
const literal = (text: string): Requirement => JSON.parse(text.replace(/,\s*\]/, "]")) as Requirement;

const allows = (role: Role, r: Requirement) =>
  r === null || (Array.isArray(r) ? r.some((p) => hasPermission(role, p)) : hasPermission(role, r));

async function call(req: APIRequestContext, t: Target, headers: Record<string, string> = {}) {
  const res = await req.fetch(t.url, {
    method: t.method,
    headers: { "content-type": "application/json", ...headers },
    data: t.method === "GET" ? undefined : "{}",
    maxRedirects: 0,
  });
  return { status: res.status(), location: res.headers()["location"] ?? "" };
}

test("every page and route handler × anonymous and each role, every API-key route × each scope: no leaks", async ({
  browser,
  playwright,
  baseURL,
}) => {
  // Many pages × five callers: three times the usual budget (it takes ~15 s here).
  test.slow();
  const all = targets();
  // Sanity: the walk found the console, so an empty list cannot pass.
  expect(all.filter((t) => t.kind === "page").length).toBeGreaterThan(20);
  const leaks: string[] = [];
  const note = (who: string, t: Target, got: number, want: string) =>
    leaks.push(`${who} ${t.method} ${t.url} (${t.file}): got ${got}, expected ${want}`);

  const anonymous = await playwright.request.newContext({ baseURL });
  const sessions = new Map<Role, APIRequestContext>();
  let adminPage = null as Awaited<ReturnType<typeof browser.newPage>> | null;
  for (const role of ROLES) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto("/signin");
    await page.getByLabel("Work email").fill(USERS[role]);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
    sessions.set(role, ctx.request);
    if (role === "ADMIN") adminPage = page;
  }

  // Each target by every caller at once, a few targets at a time (pages render on 2 cores in CI).
  const checkTarget = async (t: Target) => {
    const [a, ...byRole] = await Promise.all([call(anonymous, t), ...ROLES.map((role) => call(sessions.get(role)!, t))]);
    if (t.kind === "page" ? !(a!.status >= 300 && a!.status < 400 && a!.location.includes("/signin")) : a!.status !== 401)
      note("anonymous", t, a!.status, t.kind === "page" ? "a redirect to /signin" : "401");
    ROLES.forEach((role, i) => {
      const r = byRole[i]!;
      const ok = allows(role, t.requirement as Requirement);
      if (!ok && r.status !== 403) note(role, t, r.status, "403");
      if (ok && [401, 403].includes(r.status)) note(role, t, r.status, "allowed");
      if (r.status >= 500) note(role, t, r.status, "never a 5xx");
    });
  };
  const queue = all.filter((x) => x.kind === "page" || x.kind === "session");
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) await checkTarget(t);
    }),
  );

  // API keys: one per scope, made by an admin in the console.
  const scopes = [...new Set(all.filter((t) => t.kind === "api-key").map((t) => t.requirement as string))].sort();
  expect(scopes.length).toBeGreaterThan(0);
  const admin = adminPage!;
  await admin.goto("/admin/api-keys");
  const keys = new Map<string, string>();
  for (const scope of scopes) {
    await admin.getByLabel("Key name").fill(`RBAC matrix ${scope}`);
    const boxes = admin.getByRole("form", { name: "Create API key" }).locator("label");
    for (let i = 0; i < (await boxes.count()); i++) {
      const label = boxes.nth(i);
      const box = label.locator('input[type="checkbox"]');
      if (!(await box.count())) continue;
      const want = (await label.locator("span.font-mono").innerText()).trim() === scope;
      if ((await box.isChecked()) !== want) await box.click();
    }
    await admin.getByRole("button", { name: "Create key" }).click();
    // The box shows the newest key: wait until it is not the one made before.
    const shown = admin.getByTestId("new-api-key");
    const before = [...keys.values()].at(-1);
    await expect(shown).toHaveText(/^sy_/);
    if (before) await expect(shown).not.toHaveText(before);
    keys.set(scope, (await shown.innerText()).trim());
  }
  const adminCookies = sessions.get("ADMIN")!;
  for (const t of all.filter((x) => x.kind === "api-key")) {
    const none = await call(anonymous, t);
    if (none.status !== 401) note("no key", t, none.status, "401");
    // A console session is no API key.
    const cookie = await call(adminCookies, t);
    if (cookie.status !== 401) note("ADMIN session without a key", t, cookie.status, "401");
    for (const [scope, key] of keys) {
      const r = await call(anonymous, t, { authorization: `Bearer ${key}` });
      if (scope !== t.requirement && r.status !== 403) note(`key with scope ${scope}`, t, r.status, "403");
      if (scope === t.requirement && [401, 403].includes(r.status)) note(`key with scope ${scope}`, t, r.status, "allowed");
      if (r.status >= 500) note(`key with scope ${scope}`, t, r.status, "never a 5xx");
    }
    const wrong = await call(anonymous, t, { authorization: "Bearer sy_000000000000_nope" });
    if (wrong.status !== 401) note("a made-up key", t, wrong.status, "401");
  }
  // The public ones answer without a session (and never with a 5xx).
  for (const t of all.filter((x) => x.kind === "public" && !x.url.includes("rbac-probe") && !x.url.startsWith("/api/auth"))) {
    const r = await call(anonymous, t);
    if (r.status >= 500) note("anonymous", t, r.status, "never a 5xx");
  }
  test.info().annotations.push({ type: "matrix", description: `${all.length} targets × ${ROLES.length + 1} callers, ${keys.size} scopes` });
  expect(leaks).toEqual([]);
});
