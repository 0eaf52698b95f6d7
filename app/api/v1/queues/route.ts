import { withPermission } from "@/lib/server/auth/with-permission";
import { listQueues } from "@/lib/server/members/list-queues";

export const GET = withPermission("members:read", async () => Response.json({ queues: await listQueues() }));
