import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";

async function editYaml(page: Page, edit: (yaml: string) => string) {
  await page.getByRole("link", { name: "Edit as YAML", exact: true }).click();
  const editor = page.getByLabel("Policy YAML");
  await expect(editor).toBeVisible();
  const next = edit(await editor.inputValue());
  await editor.fill(next);
  await expect(page.getByTestId("save-state")).toContainText("All changes saved");
  await page.getByRole("link", { name: "Overview" }).click();
}

test("draft → failing case → fix → submit → approve (not by the author) → publish → changelog → rollback", async ({ browser }) => {
  test.slow();
  const revops = await browser.newPage();
  await signIn(revops, USERS.REVOPS);
  await revops.goto("/policies");
  await expect(revops.getByTestId("live-version")).toHaveText("v1");
  await revops.getByRole("button", { name: "New draft from live" }).click();
  await expect(revops).toHaveURL(/\/policies\/versions\//);
  const versionUrl = revops.url();
  // Other tests may create drafts at the same time: read this draft's number from the page.
  const heading = revops.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/^v\d+/);
  const n = Number(/^v(\d+)/.exec(await heading.innerText())![1]);

  // A change that breaks a canonical case: the suite on the draft shows it at once.
  let original = "";
  await editYaml(revops, (y) => {
    original = y;
    return y.replace("queue: smb-pool", "queue: sdr-inbound");
  });
  const suite = revops.getByTestId("suite-results");
  await expect(revops.getByText("16 passed · 1 failed")).toBeVisible();
  await expect(suite.getByText("SMB demo request goes to the least-loaded SMB rep")).toBeVisible();
  await expect(suite.getByText('queue: expected "smb-pool", got "sdr-inbound"')).toBeVisible();

  // Impact preview on every stored account, run by the background worker with progress.
  await revops.getByRole("button", { name: "Preview impact" }).click();
  const impact = revops.getByTestId("impact-result");
  await expect(impact).toContainText(/\d+ of 2,\d{3} accounts would route differently/, { timeout: 60_000 });
  // In business language: moves as sentences with the queues and rules by name, linked; one denominator.
  const moves = impact.getByTestId("impact-moves");
  await expect(moves).toContainText(/\d+ accounts? move from the SMB pool queue under “.+” to the SDR inbound queue under “.+”\./);
  await expect(moves.getByRole("link", { name: "SMB pool" }).first()).toHaveAttribute("href", "/decisions?queue=smb-pool");
  await expect(impact).toContainText(/stay as they are\. Every figure below counts accounts out of these 2,\d{3}\./);
  await impact.screenshot({ path: "test-results/impact-in-words.png" });

  // Fix it, and make the change we meant: a clearer rule name.
  await editYaml(revops, () => original.replace("Enterprise new logos in North America and LATAM", "Enterprise new logos in NA and LATAM"));
  await expect(revops.getByText("17 passed · 0 failed")).toBeVisible();
  await expect(revops.getByTestId("plain-summary")).toContainText(
    'renamed from "Enterprise new logos in North America and LATAM" to "Enterprise new logos in NA and LATAM"',
  );

  // Inline validation of the change note, then submit.
  const note = revops.getByLabel("Change note for the field");
  await note.fill("short");
  await note.blur();
  await expect(revops.getByText("Say what changes and why, in at least 10 characters.")).toBeVisible();
  await note.fill("Renames the North America enterprise rule so reps can find it; routing does not change.");
  await revops.getByRole("button", { name: "Submit for review" }).click();
  await expect(revops.getByText("In review", { exact: true })).toBeVisible();
  // The author cannot approve: RevOps has no review step at all.
  await expect(revops.getByRole("button", { name: "Approve" })).toHaveCount(0);

  const approver = await browser.newPage();
  await signIn(approver, USERS.APPROVER);
  await approver.goto(versionUrl);
  await approver.getByLabel("Review comment").fill("Clear name, no routing change.");
  await approver.getByRole("button", { name: "Approve" }).click();
  await expect(approver.getByText("Every test case passes on this version.")).toBeVisible();
  await approver.getByRole("button", { name: `Publish v${n}` }).click();
  // A confirmation first: the suite, the impact preview (run on the draft before it was fixed, so marked stale) and when.
  const confirm = approver.getByTestId("publish-confirm");
  await expect(confirm).toContainText("Test suite: 17 passed, 0 failed.");
  await expect(confirm).toContainText(/accounts would route differently than on v1 — run before the version was submitted/);
  await expect(confirm).toContainText(`every record routed from now on uses v${n}`);
  await approver.screenshot({ path: "test-results/publish-confirm.png", fullPage: true });
  await approver.getByRole("button", { name: `Confirm: publish v${n}` }).click();
  await expect(approver.getByText("Routing the field now", { exact: true })).toBeVisible();

  await approver.goto("/policies");
  await expect(approver.getByTestId("live-version")).toHaveText(`v${n}`);
  await approver.goto("/changelog");
  await expect(approver.getByTestId("changelog").locator("li").first()).toContainText("Renames the North America enterprise rule");

  // Roll back to v1 from the live version's own page: a new version with v1's rules goes live,
  // labelled as the emergency step it is (published without review).
  await approver.goto(versionUrl);
  await expect(approver.getByText("Routing the field now", { exact: true })).toBeVisible();
  await approver.getByLabel("Roll back to v1: why?").fill("Reps preferred the old name.");
  await approver.getByRole("button", { name: "Roll back to v1" }).click();
  await expect(approver.getByRole("heading", { level: 1 })).not.toHaveText(new RegExp(`^v(1|${n})\\b`));
  await expect(approver.getByText("Routing the field now", { exact: true })).toBeVisible();
  await expect(approver.getByTestId("rollback-label")).toContainText(
    "Emergency rollback, published without review: restores the rules of v1. Rollback reason: Reps preferred the old name.",
  );
  await approver.getByRole("link", { name: "YAML", exact: true }).click();
  await expect(approver.getByTestId("yaml-view")).toContainText("Enterprise new logos in North America and LATAM");
  // Diff between any two versions: the rollback against the version it replaced.
  await approver.getByRole("link", { name: /^Changes/ }).click();
  await approver.getByLabel("Compare with").selectOption({ label: `v${n} · superseded` });
  await approver.getByRole("button", { name: "Compare" }).click();
  await expect(approver.getByTestId("diff-view")).toContainText(
    'renamed from "Enterprise new logos in NA and LATAM" to "Enterprise new logos in North America and LATAM"',
  );
  await approver.goto("/changelog");
  await expect(approver.getByTestId("changelog").locator("li").first()).toContainText("Rollback to v1: Reps preferred the old name.");
  // The policies list offers the way back from any version that was live.
  await approver.goto("/policies");
  await approver
    .getByTestId("versions-table")
    .getByRole("link", { name: `Roll back to v${n}…` })
    .click();
  await expect(approver).toHaveURL(/#rollback-reason$/);
  await expect(approver.getByLabel(`Roll back to v${n}: why?`)).toBeVisible();
});

test("a FIELD user reads the changelog but cannot open policies", async ({ page }) => {
  await signIn(page, USERS.FIELD);
  await page.goto("/changelog");
  await expect(page.getByRole("heading", { name: "What changed in routing" })).toBeVisible();
  expect((await page.goto("/policies"))?.status()).toBe(403);
});
