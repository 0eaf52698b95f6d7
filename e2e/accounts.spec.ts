import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("REVOPS finds an account's records by company name and opens the account's routing timeline", async ({ page }) => {
  await signIn(page, USERS.REVOPS);
  // A company that routing has decided on: the first account named in the log.
  await page.goto("/decisions?kind=assigned");
  const withAccount = page.getByTestId("decision-rows").locator("tr").filter({ hasText: " · " }).first();
  const line = await withAccount.locator("td").first().locator("div").innerText();
  const company = line.split(" · ").slice(1).join(" · ").trim();
  expect(company).not.toMatch(/^ACC-/);

  await page.getByLabel("Record, company or id").fill(company.split(" ")[0]!);
  await page.getByLabel("Record, company or id").press("Enter");
  await expect(page).toHaveURL(/q=/);
  const rows = page.getByTestId("decision-rows").locator("tr");
  await expect(rows.filter({ hasText: company }).first()).toBeVisible();
  await rows.filter({ hasText: company }).first().getByRole("link").first().click();

  await page.getByTestId("decision-account").click();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
  await expect(page.getByTestId("account-context")).toContainText("Account owner");
  const timeline = page.getByTestId("account-timeline");
  await expect(timeline.locator("li").first()).toBeVisible();
  await expect(timeline).toContainText("because rule");
  await page.screenshot({ path: "test-results/account-timeline.png", fullPage: true });

  // The search box in the shell finds it from anywhere.
  await page.goto("/policies");
  const box = page.getByRole("search").getByLabel("Find companies, records and members");
  await box.fill(company);
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  const results = page.getByTestId("search-results");
  await expect(results.getByRole("link", { name: company, exact: true }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/global-search.png", fullPage: true });
  await results.getByRole("link", { name: company, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();

  // The accounts list links to the same page.
  await page.goto(`/accounts?q=${encodeURIComponent(company)}`);
  await page.getByRole("link", { name: company, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
});
