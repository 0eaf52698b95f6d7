import Link from "next/link";
import { hrefWith } from "@/lib/url";

interface Props {
  label: string;
  column: string;
  path: string;
  params: Record<string, string | undefined>;
  sort: string;
  dir: "asc" | "desc";
  align?: "left" | "right";
}

/** A column header that sorts the list (click again to reverse); state lives in the URL. */
export function SortHeader({ label, column, path, params, sort, dir, align = "left" }: Props) {
  const active = sort === column;
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
      className={`px-4 py-2.5 font-medium ${align === "right" ? "text-right" : "text-left"}`}
    >
      <Link
        href={hrefWith(path, params, { sort: column, dir: nextDir, page: undefined })}
        className={`inline-flex items-center gap-1 hover:text-slate-900 ${active ? "text-slate-900" : ""}`}
      >
        {label}
        <span aria-hidden="true" className={active ? "text-brand-600" : "text-slate-300"}>
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}

export function PlainHeader({ label, align = "left" }: { label: string; align?: "left" | "right" }) {
  return (
    <th scope="col" className={`px-4 py-2.5 font-medium ${align === "right" ? "text-right" : "text-left"}`}>
      {label}
    </th>
  );
}
