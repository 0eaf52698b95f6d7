import { stringify } from "yaml";
import { withPermission } from "@/lib/server/auth/with-permission";
import { getVersion } from "@/lib/server/policies/queries";

/** The version's document as a YAML download. */
export const GET = withPermission<{ id: string }>("policies:read", async (_req, { params }) => {
  const { version } = await getVersion(params.id);
  const body = `# ${version.policy.name} — v${version.number} (${version.status.toLowerCase()}), hash ${version.contentHash}\n${stringify(version.document, { lineWidth: 120 })}`;
  return new Response(body, {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${version.policy.key}-v${version.number}.yaml"`,
    },
  });
});
