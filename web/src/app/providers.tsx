import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './session.tsx';

/** antd, dayjs and the page title follow the i18next language. */
export function Providers({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const isZh = i18n.language === 'zh-CN';
  useEffect(() => {
    document.title = t('app.documentTitle');
  }, [t]);
  return (
    <ConfigProvider
      locale={isZh ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: '#1554ad',
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
