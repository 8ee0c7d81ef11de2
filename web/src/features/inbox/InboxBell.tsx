import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TNotification } from '../../../../shared/schemas/evaluation.ts';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchInbox, type Inbox } from '../evaluations/api.ts';
import { notificationLink, notificationText } from './notification-text.ts';

const POLL_MS = 30_000;

/** The inbox: a bell with the unread count (polled every 30 s) and the latest messages. */
export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      setInbox(await fetchInbox());
    } catch {
      // The bell stays as it was; the next poll tries again.
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const text = (n: TNotification) => notificationText(t, n);

  const handleOpen = async (n: TNotification) => {
    setOpen(false);
    if (!n.read_at) await api.post(`/notifications/${n.id}/read`).catch(() => undefined);
    void load();
    const to = notificationLink(n);
    if (to) await navigate(to);
  };

  const handleAllRead = async () => {
    await api.post('/notifications/read-all').catch(() => undefined);
    await load();
  };

  const content = (
    <div style={{ width: 360 }} data-testid="inbox">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('inbox.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={!inbox?.unread}
          onClick={() => void handleAllRead()}
          data-testid="inbox-read-all"
        >
          {t('inbox.readAll')}
        </Button>
      </Flex>
      {inbox && (inbox.to_confirm > 0 || inbox.overdue > 0) && (
        <Typography.Paragraph type={inbox.overdue > 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {t('inbox.summary', { toConfirm: inbox.to_confirm, overdue: inbox.overdue })}
        </Typography.Paragraph>
      )}
      {!inbox || inbox.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 420, overflow: 'auto' }}
          dataSource={inbox.items}
          renderItem={(n) => (
            <List.Item
              onClick={() => void handleOpen(n)}
              style={{ cursor: 'pointer', background: n.read_at ? undefined : '#f0f6ff', paddingInline: 8 }}
              data-testid="inbox-item"
            >
              <div>
                <Typography.Text strong={!n.read_at}>{text(n)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.created_at)}
                  </Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void load();
      }}
      content={content}
    >
      <Button type="text" aria-label={t('inbox.title')} data-testid="inbox-bell">
        <Badge count={inbox?.unread ?? 0} size="small" data-testid="inbox-badge">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
