import { Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { centerSpans, fetchCategories, fetchFailedItems } from './api.ts';
import { FailedItemsList } from './FailedItemsList.tsx';
import { HomeBlock } from './parts.tsx';

/**
 * The knowledge-base editor's queue (B3–B4): the business-knowledge items CSRs failed most this
 * month, with what the inspectors wrote about the failures — the answers the knowledge base should
 * make right first.
 */
export function KnowledgeHome() {
  const { t } = useTranslation();
  const { month } = centerSpans();
  const items = useLoad(
    () => Promise.all([fetchFailedItems({ ...month, category: 'knowledge', limit: 8 }), fetchCategories()]),
    [month.from],
  );
  return (
    <HomeBlock
      title={t('home.knowledge.items', { month: month.from.slice(0, 7) })}
      testId="home-knowledge-items"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('home.knowledge.help')}
      </Typography.Paragraph>
      <ErrorAlert error={items.error} onRetry={items.reload} />
      {items.loading && !items.data ? (
        <Skeleton active />
      ) : (
        items.data && (
          <FailedItemsList
            items={items.data[0].items}
            categories={items.data[1]}
            showComments
            testId="home-knowledge-list"
          />
        )
      )}
    </HomeBlock>
  );
}
