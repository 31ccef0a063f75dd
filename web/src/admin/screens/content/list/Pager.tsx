// Keyset paging: Previous/Next follow the page's cursors (kept in the URL).
import { Button } from '../../../ui/Button';

export interface PagerProps {
  hasPrevious: boolean;
  hasNext: boolean;
  /** Not on the first page (a cursor is in the URL). */
  paged: boolean;
  onFirst(): void;
  onPrevious(): void;
  onNext(): void;
  isDisabled: boolean;
}

export function Pager({
  hasPrevious,
  hasNext,
  paged,
  onFirst,
  onPrevious,
  onNext,
  isDisabled,
}: PagerProps) {
  if (!hasPrevious && !hasNext && !paged) return null;
  return (
    <nav className="list-pager" aria-label="Pages">
      {paged ? (
        <Button size="sm" variant="ghost" onPress={onFirst} isDisabled={isDisabled}>
          First page
        </Button>
      ) : null}
      <Button size="sm" onPress={onPrevious} isDisabled={isDisabled || !hasPrevious}>
        <span aria-hidden="true">←</span> Previous
      </Button>
      <Button size="sm" onPress={onNext} isDisabled={isDisabled || !hasNext}>
        Next <span aria-hidden="true">→</span>
      </Button>
    </nav>
  );
}
