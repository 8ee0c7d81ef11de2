import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A block of a home section: a heading with an optional "all" link, then its content. */
export function HomeBlock({
  title,
  extra,
  more,
  children,
  testId,
}: {
  title: string;
  extra?: ReactNode;
  more?: string;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId} style={{ marginBottom: 20 }}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 4 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Flex gap={8} align="center">
          {extra}
          {more && (
            <Link to={more}>
              <Button type="link" size="small" autoInsertSpace={false}>
                {t('home.all')}
              </Button>
            </Link>
          )}
        </Flex>
      </Flex>
      {children}
    </div>
  );
}

/** Buttons to the pages a role works in; only those the server's abilities open are shown. */
export function HomeLinks({ links }: { links: { to: string; label: string; show: boolean }[] }) {
  const shown = links.filter((l) => l.show);
  if (shown.length === 0) return null;
  return (
    <Flex gap={8} wrap>
      {shown.map((l) => (
        <Link key={l.to} to={l.to}>
          <Button autoInsertSpace={false}>{l.label}</Button>
        </Link>
      ))}
    </Flex>
  );
}
