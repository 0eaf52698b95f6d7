import { HttpErrorPage, NOT_FOUND_PAGE } from "@/components/ui/http-error-page";

export default function NotFound() {
  return <HttpErrorPage {...NOT_FOUND_PAGE} />;
}
