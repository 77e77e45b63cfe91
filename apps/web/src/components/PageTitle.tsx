import { Title, type TitleOrder } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

let firstPage = true;

/**
 * The page's <h1>: sets document.title, and after a navigation moves the focus onto the heading so
 * screen-reader and keyboard users start from the new content (RGAA 12.x, focus management).
 */
export function PageTitle({
  children,
  documentTitle,
  order = 1,
  focusOnNavigate = true,
}: {
  children: React.ReactNode;
  /** the text for the browser tab; defaults to the heading when it is a string */
  documentTitle?: string;
  order?: TitleOrder;
  /** false when the page puts the focus somewhere more useful itself (e.g. a search field) */
  focusOnNavigate?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  const text = documentTitle ?? (typeof children === 'string' ? children : '');

  useEffect(() => {
    document.title = text ? `${text} · Guichet` : 'Guichet';
  }, [text]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus when the path changes
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    if (focusOnNavigate) ref.current?.focus({ preventScroll: false });
  }, [pathname]);

  return (
    <Title order={order} ref={ref} tabIndex={-1} fz={order === 1 ? 'h2' : undefined}>
      {children}
    </Title>
  );
}
