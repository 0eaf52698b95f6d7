import { withPermission } from "@/lib/server/auth/with-permission";
import { listUsers } from "@/lib/server/users/list-users";

export const GET = withPermission("users:manage", async () => Response.json({ users: await listUsers() }));
