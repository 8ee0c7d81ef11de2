import { Empty, List, Progress, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFailedItemTrend } from '../../../../shared/schemas/home.ts';
import type { TScoreCategory } from '../../../../shared/schemas/form.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/time.ts';
import { formatPercent } from '../reports/format.ts';
import { Change } from '../reports/parts.tsx';

/**
 * The items failed most in a span: how often and by how many CSRs, the fail rate against the span
 * before (▼ green when fewer failed), and, when asked, the inspectors' latest comments.
 */
export function FailedItemsList({
  items,
  categories,
  showComments = false,
  testId,
}: {
  items: TFailedItemTrend[];
  categories: TScoreCategory[];
  showComments?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const zh = currentLanguage() === 'zh-CN';
  const categoryName = (key: string) => {
    const c = categories.find((x) => x.key === key);
    return c ? (zh ? c.name_zh : c.name_en) : key;
  };
  const top = Math.max(...items.map((i) => i.fail_rate ?? 0), 0.01);
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.failedItems.none')} />;
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={items}
      renderItem={(item, index) => {
        const change =
          item.fail_rate !== null && item.previous.fail_rate !== null
            ? item.fail_rate - item.previous.fail_rate
            : null;
        return (
          <List.Item style={{ display: 'block' }}>
            <Space wrap size={6}>
              <Typography.Text type="secondary">{index + 1}.</Typography.Text>
              <Typography.Text strong>{item.text}</Typography.Text>
              <Tag>{categoryName(item.category)}</Tag>
              {item.fatal && <Tag color="error">{t('home.failedItems.fatal')}</Tag>}
            </Space>
            <Space wrap size={16} style={{ marginTop: 4, width: '100%' }}>
              <Tooltip
                title={t('home.failedItems.rateHelp', { failed: item.failed, applicable: item.applicable })}
              >
                <Space size={6}>
                  <Progress
                    percent={Math.round(((item.fail_rate ?? 0) / top) * 100)}
                    showInfo={false}
                    size="small"
                    strokeColor={token.colorError}
                    style={{ width: 90, margin: 0 }}
                  />
                  <Typography.Text>
                    {t('home.failedItems.failed', {
                      count: item.failed,
                      rate: formatPercent(item.fail_rate),
                    })}
                  </Typography.Text>
                </Space>
              </Tooltip>
              <Tooltip
                title={t('home.failedItems.previousHelp', {
                  rate: formatPercent(item.previous.fail_rate),
                  failed: item.previous.failed,
                })}
              >
                <Space size={4}>
                  <Typography.Text type="secondary">{t('home.failedItems.vsBefore')}</Typography.Text>
                  <Change value={change} kind="rate" higherIsBetter={false} />
                </Space>
              </Tooltip>
              <Typography.Text type="secondary">
                {t('home.failedItems.agents', { count: item.agents_failing })}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                {item.forms.join('、')}
              </Typography.Text>
            </Space>
            {showComments && item.comments.length > 0 && (
              <ul style={{ margin: '6px 0 0', paddingInlineStart: 20, color: token.colorTextSecondary }}>
                {item.comments.map((c, i) => (
                  <li key={i}>
                    <Typography.Text type="secondary">{formatDate(c.local_date)}</Typography.Text> {c.comment}
                  </li>
                ))}
              </ul>
            )}
          </List.Item>
        );
      }}
    />
  );
}
