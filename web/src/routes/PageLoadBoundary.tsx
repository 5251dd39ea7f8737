// A page whose code cannot be fetched (the network dropped, or a new version was installed while
// the tab stayed open and the old file is gone), or that fails while rendering, shows what
// happened and a reload, not a blank page.
import { Alert, Button } from 'antd';
import { Component, type ReactNode } from 'react';
import { useLang } from '../lib/i18n';

/** Whether `e` is the browser failing to fetch a page's code (not a bug in the page). */
export function isLoadError(e: unknown): boolean {
  const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  return /dynamically imported module|Importing a module script failed|ChunkLoadError|Loading chunk/i.test(text);
}

function Failed({ load }: { load: boolean }) {
  const { t } = useLang();
  return (
    <Alert
      type="error"
      showIcon
      data-testid={load ? 'page-load-failed' : 'page-failed'}
      message={load ? t('Không tải được trang này', 'This page could not be loaded') : t('Trang này gặp lỗi', 'This page failed')}
      description={
        load
          ? t(
              'Mạng bị gián đoạn hoặc cổng vừa được cập nhật. Tải lại trang để dùng bản mới nhất.',
              'The network dropped or the portal was just updated. Reload to get the latest version.',
            )
          : t('Tải lại trang; nếu vẫn lỗi, báo cho quản trị hệ thống.', 'Reload the page; if it fails again, tell the administrator.')
      }
      action={
        <Button type="primary" onClick={() => window.location.reload()} data-testid="page-reload">
          {t('Tải lại', 'Reload')}
        </Button>
      }
    />
  );
}

type State = { failed: null | 'load' | 'render' };

export class PageLoadBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: null };

  static getDerivedStateFromError(e: unknown): State {
    return { failed: isLoadError(e) ? 'load' : 'render' };
  }

  render() {
    return this.state.failed ? <Failed load={this.state.failed === 'load'} /> : this.props.children;
  }
}
