import { withPermission } from "@/lib/server/auth/with-permission";
import { listLiveQueues } from "@/lib/server/members/live-queues";

export const GET = withPermission("members:read", async () => Response.json({ queues: await listLiveQueues() }));
