import { expect, test } from "@playwright/test";
import { mainNav, signIn, USERS } from "./helpers";

const NAV: Record<keyof typeof USERS, string[]> = {
  ADMIN: [
    "Home",
    "Policies",
    "Test suite",
    "Decisions",
    "Exceptions",
    "Disputes",
    "Insights",
    "Changelog",
    "Members & queues",
    "Accounts",
    "Audit",
    "Routing API",
    "Users",
    "API keys",
    "Webhooks",
  ],
  REVOPS: [
    "Home",
    "Policies",
    "Test suite",
    "Decisions",
    "Exceptions",
    "Disputes",
    "Insights",
    "Changelog",
    "Members & queues",
    "Accounts",
    "Audit",
    "Routing API",
  ],
  APPROVER: [
    "Home",
    "Policies",
    "Test suite",
    "Decisions",
    "Exceptions",
    "Disputes",
    "Insights",
    "Changelog",
    "Members & queues",
    "Accounts",
    "Audit",
    "Routing API",
  ],
  FIELD: ["Home", "My assignments", "Disputes", "Changelog"],
};

for (const role of Object.keys(USERS) as Array<keyof typeof USERS>) {
  test(`${role} signs in and sees the navigation for the role`, async ({ page }) => {
    await signIn(page, USERS[role]);
    await expect(page.getByTestId("current-role")).toHaveText(
      { ADMIN: "Admin", REVOPS: "RevOps", APPROVER: "Approver", FIELD: "Field" }[role],
    );
    await expect(mainNav(page).getByRole("link")).toHaveText(NAV[role]);
    await expect(page.getByTestId("org-name")).toHaveText("Lumen Data");
  });
}

test("a FIELD user gets 403 on an ADMIN page and on an ADMIN API", async ({ page }) => {
  await signIn(page, USERS.FIELD);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This page isn't part of your role" })).toBeVisible();

  const api = await page.request.get("/api/admin/users");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("FORBIDDEN");

  const accounts = await page.request.get("/api/v1/accounts");
  expect(accounts.status()).toBe(403);
});

test("a decision outside a FIELD user's scope, or an id that does not exist, is a 404 inside the console, never a 500", async ({
  browser,
}) => {
  // A decision of another team (NA SMB pool), found as RevOps.
  const revops = await browser.newPage();
  await signIn(revops, USERS.REVOPS);
  await revops.goto("/decisions?queue=smb-pool");
  await revops.getByTestId("decision-rows").locator("tr").first().getByRole("link").first().click();
  await expect(revops).toHaveURL(/\/decisions\/[^/?]+$/);
  const elsewhere = new URL(revops.url()).pathname;

  const field = await browser.newPage();
  await signIn(field, USERS.FIELD);
  for (const path of [elsewhere, "/decisions/no-such-decision", "/disputes/no-such-dispute"]) {
    const res = await field.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(field.getByRole("heading", { name: "Nothing routes here" })).toBeVisible();
    // Inside the shell: the navigation and the user are still there.
    await expect(mainNav(field).getByRole("link", { name: "My assignments" })).toBeVisible();
    await expect(field.getByTestId("current-user")).toBeVisible();
  }
  await field.screenshot({ path: "test-results/not-found-in-shell.png" });
  const bad = await revops.goto("/policies/versions/no-such-version");
  expect(bad?.status()).toBe(404);
  await expect(mainNav(revops).getByRole("link", { name: "Policies" })).toBeVisible();
});

test("a FIELD user sees their own routing profile on the home page", async ({ page }) => {
  await signIn(page, USERS.FIELD);
  await expect(page.getByRole("heading", { name: "Good to see you, Dana" })).toBeVisible();
  await expect(page.getByText("Enterprise AEs — EMEA")).toBeVisible();
  // What changed in routing, and why, is on the field's home page.
  await expect(page.getByTestId("latest-change")).not.toBeEmpty();
});

test("REVOPS cannot open the ADMIN users page, ADMIN can", async ({ page, browser }) => {
  await signIn(page, USERS.REVOPS);
  expect((await page.goto("/admin/users"))?.status()).toBe(403);

  const admin = await browser.newPage();
  await signIn(admin, USERS.ADMIN);
  expect((await admin.goto("/admin/users"))?.status()).toBe(200);
  await expect(admin.getByTestId("users-table").getByRole("row")).toHaveCount(5);
  await admin.close();
});

test("the API answers 401 JSON without a session", async ({ request }) => {
  const res = await request.get("/api/v1/members");
  expect(res.status()).toBe(401);
  // With the request's id, which the server log carries too.
  expect(await res.json()).toEqual({
    error: { code: "UNAUTHENTICATED", message: "Sign in to continue.", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
  });
  expect(res.headers()["x-request-id"]).toBe(((await res.json()) as { error: { requestId: string } }).error.requestId);
});

test("health and readiness endpoints report the process and the database", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect((await health.json()).status).toBe("ok");
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, database: "reachable", migrations: { pending: [], failed: [] } });
});
