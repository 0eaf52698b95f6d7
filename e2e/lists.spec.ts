import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test.beforeEach(async ({ page }) => {
  await signIn(page, USERS.REVOPS);
});

test("accounts: filter by segment and region, sort, and page", async ({ page }) => {
  await page.goto("/accounts");
  const summary = page.getByTestId("page-summary");
  await expect(summary).toContainText(/1–25 of 2,\d{3} accounts/);

  await page.getByLabel("Segment").selectOption("enterprise");
  await expect(page).toHaveURL(/segment=enterprise/);
  await page.getByLabel("Region").selectOption("EMEA");
  await expect(page).toHaveURL(/region=EMEA/);
  const rows = page.getByTestId("accounts-table").getByRole("row");
  await expect(rows.first()).toContainText("Enterprise");
  for (const cells of await rows.all()) await expect(cells).toContainText("EMEA");

  await page.getByRole("link", { name: /Employees/ }).click();
  await expect(page).toHaveURL(/sort=employees&dir=asc/);
  await page.getByRole("link", { name: /Employees/ }).click();
  await expect(page).toHaveURL(/sort=employees&dir=desc/);
  const sizes = await page.getByTestId("accounts-table").locator("td:nth-child(4)").allInnerTexts();
  const numbers = sizes.map((s) => Number(s.replace(/,/g, "")));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

  const before = await rows.first().innerText();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(summary).toContainText(/^26–/);
  expect(await rows.first().innerText()).not.toBe(before);
});

test("accounts: search by domain and see missing firmographics flagged", async ({ page }) => {
  await page.goto("/accounts?flag=missing_firmographics");
  await expect(page.getByTestId("accounts-table").getByText("Missing firmographics").first()).toBeVisible();
  await page.getByLabel("Search").fill("zzzz-no-such-company");
  await expect(page.getByText("No accounts match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
});

test("members: filter by availability and team; queues tab shows distribution", async ({ page }) => {
  await page.goto("/members");
  await page.getByLabel("Team").selectOption("sdr");
  await expect(page.getByTestId("page-summary")).toContainText("of 6 members");
  await page.getByLabel("Availability").selectOption("out_of_office");
  await expect(page).toHaveURL(/availability=out_of_office/);
  await page.goto("/members?availability=at_capacity");
  const badges = page.getByTestId("members-table").getByText("At capacity");
  await expect(badges.first()).toBeVisible();

  await page.getByRole("link", { name: "Queues", exact: true }).click();
  const queues = page.getByTestId("queues-list");
  await expect(queues.getByText("SDR inbound")).toBeVisible();
  await expect(queues.getByText("Weighted round robin").first()).toBeVisible();
  await expect(queues.getByText("Exceptions", { exact: true }).first()).toBeVisible();
});

test("members: RevOps changes a member's capacity with inline validation; the audit log records it", async ({ page }) => {
  await page.goto("/members?q=Ingrid");
  await page.getByRole("link", { name: "Edit Ingrid Solberg" }).click();
  const form = page.getByRole("form", { name: "Edit Ingrid Solberg" });
  await form.getByLabel("Capacity").fill("-5");
  await form.getByLabel("Out of office from").focus();
  await expect(form.getByText("Capacity cannot be negative.")).toBeVisible();
  await form.getByLabel("Capacity").fill("44");
  await form.getByRole("button", { name: "Save Ingrid Solberg" }).click();
  await expect(page.getByTestId("members-table")).toContainText("/44");
  await page.goto("/audit?action=member.updated");
  await expect(page.getByTestId("audit-table")).toContainText("Changed Ingrid Solberg: capacity");
});
