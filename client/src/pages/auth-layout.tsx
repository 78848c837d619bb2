import type {ReactNode} from 'react';
import {msg} from '../i18n/index.ts';

export function AuthLayout({title, children}: {title: string; children: ReactNode}) {
  return (
    <main className="flex min-h-full items-center justify-center bg-surface-2 p-4">
      <div className="w-full max-w-sm rounded-card bg-surface p-6 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <img src="/favicon.svg" alt="" className="h-8 w-8" />
          <span className="text-xl font-bold">{msg.app.name}</span>
        </div>
        <h1 className="mb-4 text-lg font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}
