// The changes between two versions, field by field: text as a word diff
// (inline, or before | after side by side), other values before and after.
// Insertions and deletions differ by more than colour: <ins> is underlined,
// <del> struck through, and screen readers hear which is which.
import type { ReactNode } from 'react';

import type { HistoryDiffQuery } from '../../gql/graphql';

type Change = HistoryDiffQuery['contentDiff']['changes'][number];
type Segment = NonNullable<Change['words']>[number];
export type DiffLayout = 'inline' | 'split';

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

function Ins({ children }: { children: ReactNode }) {
  return (
    <ins className="diff-ins">
      <span className="visually-hidden">[added: </span>
      {children}
      <span className="visually-hidden">]</span>
    </ins>
  );
}

function Del({ children }: { children: ReactNode }) {
  return (
    <del className="diff-del">
      <span className="visually-hidden">[removed: </span>
      {children}
      <span className="visually-hidden">]</span>
    </del>
  );
}

/** The segments a side shows: equal text plus its own kind of change. */
function Words({ words, keep }: { words: Segment[]; keep: 'both' | 'before' | 'after' }) {
  return (
    <>
      {words.map((w, i) => {
        if (w.op === 'EQUAL') return <span key={i}>{w.value}</span>;
        if (w.op === 'INSERT') return keep === 'before' ? null : <Ins key={i}>{w.value}</Ins>;
        return keep === 'after' ? null : <Del key={i}>{w.value}</Del>;
      })}
    </>
  );
}

function Empty() {
  return <span className="diff-none">(empty)</span>;
}

function ChangeBody({ change, layout }: { change: Change; layout: DiffLayout }) {
  const words = change.words;
  const before = show(change.before);
  const after = show(change.after);
  if (words && words.length > 0) {
    if (layout === 'inline')
      return (
        <div className="diff-text">
          <Words words={words} keep="both" />
        </div>
      );
    return (
      <div className="diff-split">
        <div className="diff-side">
          <p className="diff-side-label">Before</p>
          <div className="diff-text">
            {before ? <Words words={words} keep="before" /> : <Empty />}
          </div>
        </div>
        <div className="diff-side">
          <p className="diff-side-label">After</p>
          <div className="diff-text">
            {after ? <Words words={words} keep="after" /> : <Empty />}
          </div>
        </div>
      </div>
    );
  }
  if (layout === 'inline')
    return (
      <div className="diff-text">
        {before ? <Del>{before}</Del> : null}
        {before && after ? ' ' : null}
        {after ? <Ins>{after}</Ins> : null}
        {!before && !after ? <Empty /> : null}
      </div>
    );
  return (
    <div className="diff-split">
      <div className="diff-side">
        <p className="diff-side-label">Before</p>
        <div className="diff-text">{before ? <Del>{before}</Del> : <Empty />}</div>
      </div>
      <div className="diff-side">
        <p className="diff-side-label">After</p>
        <div className="diff-text">{after ? <Ins>{after}</Ins> : <Empty />}</div>
      </div>
    </div>
  );
}

export function DiffView({ changes, layout }: { changes: Change[]; layout: DiffLayout }) {
  return (
    <ol className="diff-list">
      {changes.map((change) => (
        <li key={change.path} className="diff-change">
          <h3 className="diff-path">
            <code>{change.path}</code>
          </h3>
          <ChangeBody change={change} layout={layout} />
        </li>
      ))}
    </ol>
  );
}
