import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, USERS } from "./helpers";

test("a signed-out visit goes to sign-in and comes back after it", async ({ page }) => {
  await page.goto("/accounts?segment=enterprise");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccounts%3Fsegment%3Denterprise/);
  await expect(page.getByRole("heading", { name: "Sign in to your routing console" })).toBeVisible();
  await page.getByLabel("Work email").fill(USERS.REVOPS);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/accounts\?segment=enterprise$/);
  await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
});

test("a wrong password gets a clear message that does not say which part was wrong", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Work email").fill(USERS.ADMIN);
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.locator("form [role=alert]");
  await expect(alert).toHaveText("That email and password don't match an account. Check both and try again.");
  await expect(page.getByLabel("Work email")).toHaveValue(USERS.ADMIN);
});

test("fields are validated inline before anything is sent", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByLabel("Password").focus();
  await expect(page.getByText("Enter a valid email address, like name@company.com.")).toBeVisible();
  await page.getByLabel("Password").blur();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
});

test("ten failed sign-ins for one email block the eleventh, even with the right password", async ({ page }) => {
  const email = USERS.APPROVER;
  await page.goto("/signin");
  const alert = page.locator("form [role=alert]");
  for (let i = 1; i <= 10; i++) {
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toContainText("don't match");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toContainText("Too many failed sign-ins for this email");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign out ends the session", async ({ page }) => {
  await signIn(page, USERS.REVOPS);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/members");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmembers/);
});
