import { requireUser } from "~/auth/session.server";
import type { Route } from "./+types/tasks";

export const meta: Route.MetaFunction = () => [{ title: "Tasks · Tasklane" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request);
  return { name: user.name };
}

export default function Tasks({ loaderData }: Route.ComponentProps) {
  return <h1 className="text-2xl font-semibold">Hello, {loaderData.name}</h1>;
}
