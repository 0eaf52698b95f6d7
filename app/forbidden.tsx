import { FORBIDDEN_PAGE, HttpErrorPage } from "@/components/ui/http-error-page";

export default function Forbidden() {
  return <HttpErrorPage {...FORBIDDEN_PAGE} />;
}
