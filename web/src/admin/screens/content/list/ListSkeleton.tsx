// Placeholder rows while the first page loads.
export function ListSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div className="list-skeleton" role="status" aria-label="Loading content">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="list-skeleton-row">
          <span className="skeleton-line list-skeleton-box" />
          <span className="skeleton-line" style={{ width: `${70 - ((i * 13) % 35)}%` }} />
          <span className="skeleton-line list-skeleton-short" />
          <span className="skeleton-line list-skeleton-short" />
        </div>
      ))}
    </div>
  );
}
