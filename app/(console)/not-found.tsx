import { HttpErrorPage, NOT_FOUND_PAGE } from "@/components/ui/http-error-page";

/** Inside the console shell: a page that does not exist, or a record outside the user's scope. */
export default function NotFound() {
  return <HttpErrorPage {...NOT_FOUND_PAGE} />;
}
