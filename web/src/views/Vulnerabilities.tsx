import { useEffect, useState } from "react";
import {
  type AdvisoryDetail,
  api,
  type Page,
  queryString,
  SEVERITIES,
  type Severity,
  type SeverityCounts,
  type Vulnerability,
  type VulnImage,
  type VulnPackage,
} from "../api";
import { navigate } from "../nav";
import { Card, ErrorNote, Pager, SeverityBadge, SeverityBar } from "../ui";

const LIMIT = 50;

interface Filters {
  severity: string;
  fixable: string;
  q: string;
}

function filterQuery(f: Filters) {
  return {
    severity: f.severity ? [f.severity] : undefined,
    fixable: f.fixable || undefined,
    q: f.q.trim() || undefined,
  };
}

/** Fetches a page whenever the URL or the filters change (debounced for typing). */
function usePage<T>(url: string | null): [Page<T> | null, unknown] {
  const [page, setPage] = useState<Page<T> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!url) return;
    const timer = setTimeout(() => {
      api<Page<T>>(url).then((p) => {
        setPage(p);
        setError(null);
      }, setError);
    }, 150);
    return () => clearTimeout(timer);
  }, [url]);
  return [page, error];
}

function Counts({ counts }: { counts: SeverityCounts }) {
  return (
    <span className="small">
      {SEVERITIES.filter((s) => counts[s] > 0).map((s) => (
        <span key={s} className={`sev-${s} count`}>
          {counts[s]} {s}
        </span>
      ))}
    </span>
  );
}

function Images({ filters }: { filters: Filters }) {
  const [offset, setOffset] = useState(0);
  const [page, error] = usePage<VulnImage>(
    `/api/v1/vulnerabilities/images${queryString({ ...filterQuery(filters), limit: LIMIT, offset })}`,
  );
  if (error) return <ErrorNote error={error} />;
  if (!page) return <p className="loading">Loading…</p>;
  if (page.total === 0)
    return (
      <p>
        No scanned images match. Scan one with <code>mamori image REF</code> or <code>mamori sbom FILE</code>.
      </p>
    );
  return (
    <>
      <table aria-label="images">
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col">Packages</th>
            <th scope="col">Vulnerabilities</th>
            <th scope="col">By severity</th>
            <th scope="col">Fixable</th>
            <th scope="col">Last scan</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((i) => (
            <tr key={i.image}>
              <td>
                <a href={`#/vulnerabilities?${new URLSearchParams({ image: i.image })}`}>{i.name}</a>{" "}
                <span className="muted small">{i.kind}</span>
              </td>
              <td>
                {i.vulnerablePackages} of {i.packages} vulnerable
              </td>
              <td>{i.vulnerabilities}</td>
              <td>
                <SeverityBar counts={i.bySeverity} />
                <Counts counts={i.bySeverity} />
              </td>
              <td>{i.fixable}</td>
              <td className="small">{i.lastScan ? new Date(i.lastScan).toLocaleString() : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
    </>
  );
}

function Packages({ image, filters }: { image: string; filters: Filters }) {
  const [offset, setOffset] = useState(0);
  const [page, error] = usePage<VulnPackage>(
    `/api/v1/vulnerabilities/packages${queryString({ ...filterQuery(filters), image, limit: LIMIT, offset })}`,
  );
  if (error) return <ErrorNote error={error} />;
  if (!page) return <p className="loading">Loading…</p>;
  if (page.total === 0) return <p>No vulnerable package matches in this image.</p>;
  return (
    <>
      <table aria-label="vulnerable packages">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Package</th>
            <th scope="col">Ecosystem</th>
            <th scope="col">Vulnerabilities</th>
            <th scope="col">Fixed in</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((p) => (
            <tr key={`${p.ecosystem} ${p.package} ${p.version}`}>
              <td>
                <SeverityBadge severity={p.severity} />
              </td>
              <td>
                <a
                  href={`#/vulnerabilities?${new URLSearchParams({ image, package: p.package })}`}
                  aria-label={`${p.package} ${p.version ?? ""}: vulnerabilities`}
                >
                  {p.package}
                </a>{" "}
                <code>{p.version}</code>
              </td>
              <td>{p.ecosystem}</td>
              <td>
                {p.vulnerabilities} <Counts counts={p.bySeverity} />
              </td>
              <td>
                {p.fixedVersions.length > 0 ? (
                  p.fixedVersions.join(", ")
                ) : (
                  <span className="muted">no fix</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
    </>
  );
}

function VulnList({ image, pkg, filters }: { image?: string; pkg?: string; filters: Filters }) {
  const [offset, setOffset] = useState(0);
  const [page, error] = usePage<Vulnerability>(
    `/api/v1/vulnerabilities${queryString({ ...filterQuery(filters), image, package: pkg, limit: LIMIT, offset })}`,
  );
  if (error) return <ErrorNote error={error} />;
  if (!page) return <p className="loading">Loading…</p>;
  if (page.total === 0) return <p>No vulnerability matches.</p>;
  return (
    <>
      <table aria-label="vulnerabilities">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Vulnerability</th>
            <th scope="col">Package</th>
            {!image && <th scope="col">Image</th>}
            <th scope="col">Fix</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((v) => (
            <tr key={v.fingerprint} data-state={v.state}>
              <td>
                <SeverityBadge severity={v.severity} />
              </td>
              <td>
                <a
                  href={`#/vulnerabilities?${new URLSearchParams({
                    ...(image ? { image } : {}),
                    ...(pkg ? { package: pkg } : {}),
                    advisory: v.id,
                  })}`}
                >
                  {v.id}
                </a>
                <div className="small">{v.title}</div>
                {v.state === "muted" && <span className="badge">muted</span>}
              </td>
              <td>
                {v.package} <code>{v.version}</code>
              </td>
              {!image && <td>{v.imageName}</td>}
              <td>{v.fixable ? v.fixedVersions.join(", ") : <span className="muted">no fix</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
    </>
  );
}

function Advisory({ id }: { id: string }) {
  const [detail, setDetail] = useState<AdvisoryDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<AdvisoryDetail>(`/api/v1/vulnerabilities/advisories/${encodeURIComponent(id)}`).then(
      setDetail,
      setError,
    );
  }, [id]);
  if (error) return <ErrorNote error={error} />;
  if (!detail) return <p className="loading">Loading…</p>;
  return (
    <section className="card" aria-label={`vulnerability ${detail.id}`}>
      <h2>
        {detail.id} {detail.severity && <SeverityBadge severity={detail.severity} />}
      </h2>
      <p>
        <strong>{detail.title}</strong>
      </p>
      {detail.aliases.length > 0 && <p className="small">Also known as {detail.aliases.join(", ")}</p>}
      {detail.details && <p className="prose">{detail.details}</p>}
      <p className="small muted">
        {detail.published && `Published ${new Date(detail.published).toLocaleDateString()}`}
        {detail.modified && ` · modified ${new Date(detail.modified).toLocaleDateString()}`}
      </p>
      <h3>Affected here</h3>
      <table aria-label="affected packages">
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col">Package</th>
            <th scope="col">State</th>
            <th scope="col">Fix</th>
          </tr>
        </thead>
        <tbody>
          {detail.affected.map((v) => (
            <tr key={v.fingerprint} data-state={v.state}>
              <td>
                <a href={`#/vulnerabilities?${new URLSearchParams({ image: v.image })}`}>{v.imageName}</a>
              </td>
              <td>
                {v.package} <code>{v.version}</code>
              </td>
              <td>{v.state}</td>
              <td>{v.fixable ? v.fixedVersions.join(", ") : <span className="muted">no fix</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {detail.references.length > 0 && (
        <>
          <h3>References</h3>
          <ul className="small">
            {detail.references
              .filter((r) => r.url?.startsWith("https://") || r.url?.startsWith("http://"))
              .slice(0, 12)
              .map((r) => (
                <li key={r.url}>
                  <a href={r.url} rel="noreferrer noopener" target="_blank">
                    {r.url}
                  </a>
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Totals across every image, for the summary card. */
function Totals({ filters }: { filters: Filters }) {
  const [page] = usePage<VulnImage>(
    `/api/v1/vulnerabilities/images${queryString({ ...filterQuery(filters), limit: 500 })}`,
  );
  if (!page) return null;
  const totals = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const i of page.items) for (const s of SEVERITIES) totals[s] += i.bySeverity[s] ?? 0;
  return (
    <ul className="sevlist" aria-label="vulnerabilities by severity">
      {SEVERITIES.map((s: Severity) => (
        <li key={s}>
          <span className={`big sev-${s}`}>{totals[s]}</span> {s}
        </li>
      ))}
    </ul>
  );
}

/** Images → packages → vulnerabilities → advisory, each step a URL (#/vulnerabilities?image=…&package=…). */
export function VulnerabilitiesView({ params }: { params: URLSearchParams }) {
  const image = params.get("image") ?? undefined;
  const pkg = params.get("package") ?? undefined;
  const advisory = params.get("advisory") ?? undefined;
  const [filters, setFilters] = useState<Filters>({
    severity: params.get("severity") ?? "",
    fixable: params.get("fixable") ?? "",
    q: "",
  });
  const set = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change }));
  const imageName = image?.replace(/^(image|sbom|fs):/, "");
  return (
    <div>
      <h1>Vulnerabilities</h1>
      <nav aria-label="breadcrumb" className="crumbs">
        <a href="#/vulnerabilities" aria-current={!image && !advisory ? "page" : undefined}>
          All images
        </a>
        {image && (
          <>
            {" › "}
            <a
              href={`#/vulnerabilities?${new URLSearchParams({ image })}`}
              aria-current={!pkg && !advisory ? "page" : undefined}
            >
              {imageName}
            </a>
          </>
        )}
        {image && pkg && (
          <>
            {" › "}
            {advisory ? (
              <a href={`#/vulnerabilities?${new URLSearchParams({ image, package: pkg })}`}>{pkg}</a>
            ) : (
              <span aria-current="page">{pkg}</span>
            )}
          </>
        )}
        {advisory && (
          <>
            {" › "}
            <span aria-current="page">{advisory}</span>
          </>
        )}
      </nav>
      {!advisory && (
        <form className="filters" aria-label="filter vulnerabilities" onSubmit={(e) => e.preventDefault()}>
          <label>
            Severity
            <select value={filters.severity} onChange={(e) => set({ severity: e.target.value })}>
              <option value="">any</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Fix available
            <select value={filters.fixable} onChange={(e) => set({ fixable: e.target.value })}>
              <option value="">any</option>
              <option value="true">yes</option>
              <option value="false">no fix yet</option>
            </select>
          </label>
          <label>
            Search
            <input
              type="search"
              value={filters.q}
              placeholder="CVE, package, image"
              onChange={(e) => set({ q: e.target.value })}
            />
          </label>
          {(image || pkg) && (
            <button type="button" onClick={() => navigate("vulnerabilities")}>
              Back to all images
            </button>
          )}
        </form>
      )}
      {advisory && <Advisory id={advisory} />}
      {!advisory && !image && (
        <>
          <Card title="Vulnerabilities by severity">
            <Totals filters={filters} />
          </Card>
          <Images key={JSON.stringify(filters)} filters={filters} />
        </>
      )}
      {!advisory && image && !pkg && (
        <>
          <h2>Vulnerable packages in {imageName}</h2>
          <Packages key={JSON.stringify(filters)} image={image} filters={filters} />
          <h2>All vulnerabilities in {imageName}</h2>
          <VulnList key={JSON.stringify(filters)} image={image} filters={filters} />
        </>
      )}
      {!advisory && image && pkg && (
        <>
          <h2>
            {pkg} in {imageName}
          </h2>
          <VulnList key={JSON.stringify(filters)} image={image} pkg={pkg} filters={filters} />
        </>
      )}
    </div>
  );
}
