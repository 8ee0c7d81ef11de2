import { Layout, Menu, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { InboxBell } from '../features/inbox/InboxBell.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { buildNav } from './nav.tsx';
import { useMe } from './session.tsx';
import { UserMenu } from './UserMenu.tsx';

const { Header, Sider, Content } = Layout;

/** The signed-in frame: side menu by abilities, header with language and user menu. */
export function AppLayout() {
  const me = useMe();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={220}
        theme="light"
        style={{
          borderInlineEnd: '1px solid rgba(5,5,5,0.06)',
          position: 'sticky',
          top: 0,
          height: '100vh',
          overflow: 'auto',
        }}
      >
        <div
          style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: collapsed ? 24 : 20 }}
        >
          <Typography.Text strong style={{ fontSize: 18, color: '#1554ad', whiteSpace: 'nowrap' }}>
            {collapsed ? t('app.name').slice(0, 1) : t('app.brand')}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          data-testid="side-menu"
          selectedKeys={[pathname]}
          items={buildNav(me, t)}
          onClick={({ key }) => void navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Sider>
      <Layout style={{ minWidth: 0 }}>
        <Header
          style={{
            background: '#fff',
            paddingInline: 24,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
            borderBottom: '1px solid rgba(5,5,5,0.06)',
          }}
        >
          <Typography.Text type="secondary" ellipsis>
            {t('app.tagline')}
          </Typography.Text>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <LanguageSwitch />
            <InboxBell />
            <UserMenu />
          </div>
        </Header>
        <Content style={{ padding: 24 }}>
          <ErrorBoundary resetKey={pathname}>
            <Outlet />
          </ErrorBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}
