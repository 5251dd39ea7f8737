// Code splitting: a page's code (and libraries only it uses, such as recharts) is fetched the
// first time its screen is shown; the route list itself, with menu labels and icons, stays eager.
import { Spin } from 'antd';
import { Suspense, lazy, type ComponentType, type LazyExoticComponent, type ReactElement } from 'react';
import { useLang } from '../lib/i18n';
import { PageLoadBoundary } from './PageLoadBoundary';

/** React.lazy for a named export: lazyNamed(() => import('./Users'), 'Users'). */
export function lazyNamed<K extends string, M extends Record<K, ComponentType<any>>>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

/** Shown while a page's code loads: a spinner with a label, announced by screen readers. */
export function PageLoading() {
  const { t } = useLang();
  return (
    <Spin size="large" tip={t('Đang tải…', 'Loading…')}>
      <div style={{ minHeight: 160 }} />
    </Spin>
  );
}

/** A route element for a page without props, loaded on first use. */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ReactElement {
  const Page = lazy(() => load().then((m): { default: ComponentType } => ({ default: m[name] })));
  return (
    <PageLoadBoundary>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </PageLoadBoundary>
  );
}
