// The frame of the pages a signed-out user sees.
import { useEffect, type ReactNode } from 'react';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Vellum`;
  }, [title]);
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand" aria-hidden="true">
          Vellum
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
