import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { appValidateMessages } from '../lib/formMessages.ts';
import { SessionProvider } from './session.tsx';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Whether the person asked their system for less motion (followed while the page is open). */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(REDUCED_MOTION);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
  );
}

/**
 * antd, dayjs and the page title follow the i18next language; antd's animations (dialogs zooming
 * in, drawers sliding) are off for someone whose system asks for reduced motion. A form's built-in
 * rules speak the app's words (appValidateMessages).
 */
export function Providers({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const reducedMotion = usePrefersReducedMotion();
  const isZh = i18n.language === 'zh-CN';
  useEffect(() => {
    document.title = t('app.documentTitle');
  }, [t]);
  return (
    <ConfigProvider
      locale={isZh ? zhCN : enUS}
      form={{ validateMessages: appValidateMessages(t) }}
      theme={{
        token: {
          colorPrimary: '#1554ad',
          motion: !reducedMotion,
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
        },
      }}
    >
      <AntApp>
        <SessionProvider>{children}</SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
