import { FORBIDDEN_PAGE, HttpErrorPage } from "@/components/ui/http-error-page";

/** Inside the console shell: a page the role cannot open. */
export default function Forbidden() {
  return <HttpErrorPage {...FORBIDDEN_PAGE} />;
}
