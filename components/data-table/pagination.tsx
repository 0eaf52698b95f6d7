import Link from "next/link";
import { hrefWith } from "@/lib/url";

interface Props {
  path: string;
  params: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  noun: string;
}

export function Pagination({ path, params, page, pageSize, total, pageCount, noun }: Props) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const btn = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  const disabled = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-300";
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-600">
      <div data-testid="page-summary">
        {from.toLocaleString("en-US")}–{to.toLocaleString("en-US")} of {total.toLocaleString("en-US")} {noun}
      </div>
      <div className="flex items-center gap-4">
        <div className="flex items-center gap-1">
          <span className="mr-1 text-slate-500">Per page</span>
          {[25, 50, 100].map((size) => (
            <Link
              key={size}
              href={hrefWith(path, params, { pageSize: size === 25 ? undefined : size, page: undefined })}
              aria-current={size === pageSize ? "true" : undefined}
              className={`rounded px-2 py-0.5 ${size === pageSize ? "bg-slate-900 text-white" : "hover:bg-slate-100"}`}
            >
              {size}
            </Link>
          ))}
        </div>
        <div className="flex items-center gap-2">
          {page > 1 ? (
            <Link href={hrefWith(path, params, { page: page - 1 === 1 ? undefined : page - 1 })} className={btn}>
              Previous
            </Link>
          ) : (
            <span className={disabled}>Previous</span>
          )}
          <span className="tabular-nums">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link href={hrefWith(path, params, { page: page + 1 })} className={btn}>
              Next
            </Link>
          ) : (
            <span className={disabled}>Next</span>
          )}
        </div>
      </div>
    </div>
  );
}
