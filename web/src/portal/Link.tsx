// An in-portal link: history navigation without a page load.
import type { ComponentChildren } from 'preact';
import { navigate } from './session';

export function Link(p: { href: string; children: ComponentChildren; testid?: string; class?: string }) {
  return (
    <a
      href={p.href}
      class={p.class}
      data-testid={p.testid}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        navigate(p.href);
      }}
    >
      {p.children}
    </a>
  );
}
