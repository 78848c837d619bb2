import {renderToStaticMarkup} from 'react-dom/server';
import {describe, expect, it} from 'vitest';
import {RouteError, RouteErrorBoundary} from './route-error.tsx';

describe('a screen that fails', () => {
  it('is replaced by a page that says what happened and what to do next', () => {
    const html = renderToStaticMarkup(<RouteError error={new Error('chunk failed to load')} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('chunk failed to load');
    expect(html).toMatch(/<button[^>]*>[^<]+<\/button>/);
    expect(html).toContain('href="/"');
  });

  it('is tried again once the person goes to another address, not before', () => {
    const error = new Error('x');
    expect(RouteErrorBoundary.getDerivedStateFromError(error)).toEqual({error, failed: true});
    const failed = {error, failed: true, pathname: '/a'};
    const props = (pathname: string) => ({pathname, children: null});
    expect(RouteErrorBoundary.getDerivedStateFromProps(props('/a'), failed)).toBeNull();
    expect(RouteErrorBoundary.getDerivedStateFromProps(props('/b'), failed)).toEqual({
      pathname: '/b',
      error: undefined,
      failed: false,
    });
  });
});
